import { Tag, Tooltip } from 'antd';
import type { Item } from '../api/types';
import { lightColors, lightLabels, statusColors, statusLabels } from '../labels';
import { lightReason } from '../light';

export function LightTag({
  item,
  withReason = false,
  compact = false,
}: {
  item: Pick<Item, 'light' | 'dueDate' | 'nextReportDue' | 'status'>;
  withReason?: boolean;
  compact?: boolean;
}) {
  const reason = lightReason(item, undefined, compact);
  const tag = (
    <Tag color={lightColors[item.light]} aria-label={`${lightLabels[item.light]}：${reason}`}>
      {lightLabels[item.light]}
    </Tag>
  );
  if (!withReason) return <Tooltip title={reason}>{tag}</Tooltip>;
  return (
    <span className="light-with-reason">
      {tag}
      <span className="light-reason">{reason}</span>
    </span>
  );
}

export function StatusTag({ status }: { status: Item['status'] }) {
  return <Tag color={statusColors[status]}>{statusLabels[status]}</Tag>;
}
