import type { HistoryEvent } from './history';
import { historyEventLabels, sourceLabels, verificationMethodLabels } from './labels';
import type { Source, VerificationMethod } from './items';

/**
 * The words of the dossier's timeline (历程.html): each event's action and what it said, field by field, in
 * Chinese. A field this table does not know is still shown, by its code, so the archive never drops a fact.
 */
export const actionLabelOf = (event: Pick<HistoryEvent, 'type'>): string =>
  (historyEventLabels as Record<string, string>)[event.type] ?? event.type;

const fieldLabels: Record<string, string> = {
  title: '督查事项',
  description: '事项说明',
  source: '来源',
  sourceRef: '文号',
  leadUnit: '牵头单位',
  previousLeadUnit: '原牵头单位',
  coUnits: '协办单位',
  unitId: '单位',
  dueDate: '完成时限',
  newDueDate: '新完成时限',
  previousDueDate: '原完成时限',
  currentDueDate: '原完成时限',
  requirements: '督办要求',
  milestones: '阶段性节点',
  reportEveryDays: '报送周期（天）',
  projectType: '项目类事项',
  leaderInCharge: '分管领导',
  summary: '内容',
  percentComplete: '进展',
  onTime: '按期',
  dueBy: '应报日期',
  reason: '理由',
  decision: '决定文件',
  note: '审批意见',
  method: '核查方式',
  passed: '核查通过',
  findings: '核查意见',
  attachmentIds: '附件',
  noticeId: '通报',
  level: '通报级别',
  withdrawnExtension: '撤回的延期申请',
  previousStatus: '原状态',
  reportId: '报送编号',
  requestId: '申请编号',
  changes: '修改',
};

/**
 * Fields that are bookkeeping, not what happened: left out of the timeline (they stay in 历程.json). The files'
 * SHA-256 (`attachments`) are in SHA256SUMS too; the line 附件 names the files.
 */
const quiet = new Set(['possibleCopyOf', 'idempotencyKey', 'attachments']);

function valueText(key: string, value: unknown, context: Describing): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'percentComplete' && typeof value === 'number') return `${value}%`;
  if (key === 'source' && typeof value === 'string') return sourceLabels[value as Source] ?? value;
  if (key === 'method' && typeof value === 'string') return verificationMethodLabels[value as VerificationMethod] ?? value;
  if (['leadUnit', 'previousLeadUnit', 'unitId'].includes(key) && typeof value === 'string') return context.unitName(value);
  if (key === 'coUnits' && Array.isArray(value)) return value.map((u) => context.unitName(String(u))).join('、') || '无';
  if (key === 'attachmentIds' && Array.isArray(value)) return value.map((id) => context.fileName(String(id)) ?? String(id)).join('、');
  if (Array.isArray(value) && value.length === 0) return '无';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('；');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

interface Describing {
  unitName: (id: string) => string;
  fileName: (id: string) => string | undefined;
  /** The files a report named (its event names only the report). */
  reportFiles?: (reportId: string) => readonly string[];
}

/** One line per field of the event, `label：value`; an edit's changes as `field：before → after`; a report's files. */
export function describeEvent(event: HistoryEvent, context: Describing): string[] {
  const reportId = event.type === 'report.submitted' && typeof event.data.reportId === 'string' ? event.data.reportId : undefined;
  const files = reportId ? (context.reportFiles?.(reportId) ?? []) : [];
  const data = files.length > 0 ? { ...event.data, attachmentIds: files } : event.data;
  return Object.entries(data)
    .filter(([key]) => !quiet.has(key))
    .flatMap(([key, value]) => {
      // An edit's changes: { field: { before, after } }.
      if (key === 'changes' && value && typeof value === 'object' && !Array.isArray(value)) {
        return Object.entries(value as Record<string, { before?: unknown; after?: unknown }>).map(
          ([field, c]) =>
            `${fieldLabels[field] ?? field}：${valueText(field, c?.before, context)} → ${valueText(field, c?.after, context)}`,
        );
      }
      return [`${fieldLabels[key] ?? key}：${valueText(key, value, context)}`];
    });
}
