import { Card, Empty, Spin, Timeline, Typography } from 'antd';
import { useHistory, useLeaders, useUnitName } from '../../api/queries';
import type { HistoryEvent } from '../../api/types';
import { formatDate, formatDateTime } from '../../format';
import { eventLabels, noticeLevelLabels, roleLabels, verificationLabels } from '../../labels';
import { AttachmentList } from '../AttachmentList';
import { Problem } from '../Problem';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** What an edit's fields are called on the page (the diff of 修改事项). */
const FIELD_NAMES: Record<string, string> = {
  title: '事项名称',
  description: '事项说明',
  coUnits: '协办单位',
  requirements: '督办要求',
  milestones: '阶段性节点',
  reportEveryDays: '报送周期（天）',
  projectType: '项目类事项',
  leaderInCharge: '分管领导',
};

/** A value before or after an edit, in a few words (a milestone as its title and date, never as JSON). */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map(shownOne).join('、');
  return shownOne(value);
}
function shownOne(value: unknown): string {
  if (value && typeof value === 'object') {
    const { title, dueDate } = value as { title?: unknown; dueDate?: unknown };
    if (typeof title === 'string') return typeof dueDate === 'string' ? `${title}（${formatDate(dueDate)}）` : title;
    return '（已修改）';
  }
  return String(value);
}

/** Names for the codes an event holds: units and leaders by name. */
interface Namers {
  unitName: (id: string) => string;
  leaderName: (id: string) => string;
}

/** One line on what an event changed, from its data. */
function eventDetail(event: HistoryEvent, { unitName, leaderName }: Namers): string | undefined {
  const d = event.data;
  switch (event.type) {
    case 'report.submitted':
      return `进展 ${String(d.percentComplete ?? '—')}%，${d.onTime === false ? `逾期报送（应于 ${formatDate(text(d.dueBy))}）` : '按时报送'}`;
    case 'extension.requested':
      return `申请延至 ${formatDate(text(d.newDueDate))}${text(d.reason) ? `：${text(d.reason)}` : ''}`;
    case 'extension.approved':
    case 'extension.rejected':
      return (
        [text(d.newDueDate) ? `延至 ${formatDate(text(d.newDueDate))}` : undefined, text(d.note)].filter(Boolean).join('：') || undefined
      );
    case 'completion.claimed':
      return text(d.summary);
    case 'verification.passed':
    case 'verification.failed':
      return `${verificationLabels[d.method as keyof typeof verificationLabels] ?? ''}：${text(d.findings) ?? ''}`;
    case 'item.edited':
      return Object.entries((d.changes ?? {}) as Record<string, { before: unknown; after: unknown }>)
        .map(([field, c]) => {
          // Units and leaders are named, not shown by their codes.
          const named = (v: unknown) =>
            field === 'coUnits' && Array.isArray(v)
              ? v.map((id) => unitName(String(id)))
              : field === 'leaderInCharge' && typeof v === 'string'
                ? leaderName(v)
                : v;
          return `${FIELD_NAMES[field] ?? field}：${shown(named(c.before))} → ${shown(named(c.after))}`;
        })
        .join('；');
    case 'deadline.moved':
      return `完成时限 ${formatDate(text(d.previousDueDate))} → ${formatDate(text(d.newDueDate))}：${text(d.reason) ?? ''}（${text(d.decision) ?? ''}）`;
    case 'item.reassigned':
      return `牵头单位 ${unitName(text(d.previousLeadUnit) ?? '')} → ${unitName(text(d.leadUnit) ?? '')}：${text(d.reason) ?? ''}`;
    case 'item.withdrawn':
      return `${text(d.reason) ?? ''}（${text(d.decision) ?? ''}）`;
    case 'notice.issued':
      return noticeLevelLabels[d.level as keyof typeof noticeLevelLabels] ?? text(d.reason);
    default:
      return undefined;
  }
}

/** The files a claim (正式文件) or a 核查 (photos) was made with; a report's own are shown with the report. */
function filesOf(event: HistoryEvent): string[] {
  if (event.type !== 'completion.claimed' && !event.type.startsWith('verification.')) return [];
  const ids = event.data.attachmentIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export function HistoryTimeline({ itemId }: { itemId: string }) {
  const history = useHistory(itemId);
  const unitName = useUnitName();
  const { nameOf: leaderName } = useLeaders();
  const body = history.isPending ? (
    <Spin />
  ) : history.isError ? (
    <Problem error={history.error} retry={() => void history.refetch()} />
  ) : history.data.length === 0 ? (
    <Empty description="暂无记录" />
  ) : (
    <Timeline
      className="history-timeline"
      items={history.data.map((event) => ({
        key: event.seq,
        title: formatDateTime(event.at),
        content: (
          <div>
            <Typography.Text strong>{eventLabels[event.type] ?? event.type}</Typography.Text>
            <Typography.Text type="secondary">
              {'　'}
              {event.actor.unitId ? unitName(event.actor.unitId) : roleLabels[event.actor.role]}
            </Typography.Text>
            {eventDetail(event, { unitName, leaderName }) ? <div>{eventDetail(event, { unitName, leaderName })}</div> : null}
            <AttachmentList ids={filesOf(event)} />
          </div>
        ),
      }))}
    />
  );
  return (
    <Card title="办理记录" size="small" style={{ marginBottom: 16 }}>
      {body}
    </Card>
  );
}
