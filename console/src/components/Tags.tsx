import { Tag, Tooltip } from 'antd';
import type { Item } from '../api/types';
import { lightColors, lightLabels, statusColors, statusLabels } from '../labels';

/** The light and why, both as the API sends them (`light`, `lightReason`): beside the tag, or as its tooltip. */
export function LightTag({ item, withReason = false }: { item: Pick<Item, 'light' | 'lightReason'>; withReason?: boolean }) {
  const tag = (
    <Tag color={lightColors[item.light]} aria-label={`${lightLabels[item.light]}：${item.lightReason}`}>
      {lightLabels[item.light]}
    </Tag>
  );
  if (!withReason) return <Tooltip title={item.lightReason}>{tag}</Tooltip>;
  return (
    <span className="light-with-reason">
      {tag}
      <span className="light-reason">{item.lightReason}</span>
    </span>
  );
}

export function StatusTag({ status }: { status: Item['status'] }) {
  return <Tag color={statusColors[status]}>{statusLabels[status]}</Tag>;
}
