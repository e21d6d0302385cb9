import { recordDigest } from './ledger-chain';
import { addDays, shanghaiDate, type CalendarDate } from './calendar';
import type { Caller } from './caller';
import { say } from '../messages/message';
import { Conflict, NotFound, RuleViolation } from './errors';
import type { HistoryEvent } from './history';
import { isOpen, type Item, type ReturnedReport } from './items';
import { assertAllowed, assertResponsible, change } from './lifecycle';
import { reportDueAfter } from './report-dates';
import type { CopyFlag } from './similarity-flags';
import { missingFromReport, type ReportSubmission } from './report-completeness';
import { checkReport, type QualityFinding } from './report-quality';

export { missingFromReport, type ReportSubmission };

export interface Report extends ReportSubmission {
  id: string;
  itemId: string;
  unitId: string;
  submittedBy: string;
  submittedAt: string;
  /** The report date this report answered, when the item has one. */
  dueBy?: CalendarDate;
  onTime: boolean;
  possibleCopyOf?: CopyFlag;
  /** What the notice's rules for content found in it (report-quality.ts): warnings for the office to judge. */
  findings?: QualityFinding[];
}

/**
 * Accepts a progress report: complete (rule 1), from a responsible unit,
 * explained when progress falls, stamped on time or late against the report
 * date it answers. The first report puts the item in progress.
 */
export function acceptReport(
  item: Item,
  submission: ReportSubmission,
  context: { caller: Caller; now: Date; reportId: string; possibleCopyOf?: Omit<CopyFlag, 'reportId'> },
): { item: Item; event: HistoryEvent; report: Report } {
  const unitId = assertResponsible(context.caller, item, false);
  assertAllowed('report', item);

  const missing = missingFromReport(item, submission);
  if (missing.length > 0) {
    throw new RuleViolation('report-incomplete', say('rule.report-incomplete', { missing }), missing);
  }
  const previous = item.progressByUnit[unitId];
  if (previous !== undefined && submission.percentComplete < previous && !submission.difficulties?.trim()) {
    throw new RuleViolation(
      'progress-fell-unexplained',
      say('rule.progress-fell-unexplained', { percentComplete: submission.percentComplete, previous }),
      [{ path: 'difficulties', message: say('rule.required-when-progress-falls') }],
    );
  }

  const today = shanghaiDate(context.now);
  const dueBy = item.nextReportDue;
  const onTime = dueBy === undefined || today <= dueBy;
  const at = context.now.toISOString();
  const flag = context.possibleCopyOf ? { reportId: context.reportId, ...context.possibleCopyOf } : undefined;
  const findings = checkReport(item.requirements, submission);
  const report: Report = {
    id: context.reportId,
    itemId: item.id,
    unitId,
    submittedBy: context.caller.sub,
    submittedAt: at,
    ...submission,
    ...(dueBy !== undefined ? { dueBy } : {}),
    onTime,
    ...(flag ? { possibleCopyOf: flag } : {}),
    ...(findings.length > 0 ? { findings } : {}),
  };
  // Only the lead's report moves the item's own report date; co-units report alongside.
  const nextReportDue = unitId === item.leadUnit ? reportDueAfter(item, today) : item.nextReportDue;
  const { item: next, event } = change(
    item,
    context.caller,
    context.now,
    'report.submitted',
    {
      reportId: report.id,
      // The report's content by digest: the event's hash then covers the summary, answers and figures too.
      reportDigest: recordDigest(report),
      unitId,
      percentComplete: submission.percentComplete,
      onTime,
      ...(dueBy ? { dueBy } : {}),
      ...(flag ? { possibleCopyOf: flag } : {}),
    },
    {
      status: item.status === 'acknowledged' ? 'in-progress' : item.status,
      percentComplete: submission.percentComplete,
      progressByUnit: { ...item.progressByUnit, [unitId]: submission.percentComplete },
      lastReportAt: at,
      ...(unitId === item.leadUnit ? { leadReportedAt: at } : {}),
      nextReportDue,
      ...(flag ? { copyFlags: [...(item.copyFlags ?? []), flag] } : {}),
      // The latest report's findings, by kind, for the board's filter; a report without any clears them.
      reportFindings: findings.length > 0 ? [...new Set(findings.map((f) => f.kind))] : undefined,
    },
  );
  return { item: next, event, report };
}

/** Days a unit has to hand in again a report the office returned (退回重报). */
export const REPORT_AGAIN_WITHIN_DAYS = 3;

/**
 * 退回重报: the office returns a unit's report, with its reason and the content findings it returns it for (a
 * report that says nothing checkable, blames circumstances, or answers beside the point). The unit owes a report
 * again within REPORT_AGAIN_WITHIN_DAYS: the lead's report date comes forward to then if it was later. One return
 * per report; an item no longer open keeps its reports as they are.
 */
export function returnReport(
  item: Item,
  report: Report | undefined,
  body: { reason: string },
  context: { caller: Caller; now: Date },
): { item: Item; event: HistoryEvent; returned: ReturnedReport } {
  if (!report || report.itemId !== item.id) throw new NotFound(say('missing.report', { id: report?.id ?? '', itemId: item.id }));
  if (!isOpen(item.status)) throw new Conflict(say('conflict.report-item-closed', { itemId: item.id }), 'item-not-open');
  if (item.returnedReports?.some((r) => r.reportId === report.id))
    throw new Conflict(say('conflict.report-returned', { reportId: report.id }), 'report-returned');
  const reportAgainBy = addDays(shanghaiDate(context.now), REPORT_AGAIN_WITHIN_DAYS);
  const returned: ReturnedReport = {
    reportId: report.id,
    unitId: report.unitId,
    at: context.now.toISOString(),
    reason: body.reason,
    reportAgainBy,
  };
  const sooner = report.unitId === item.leadUnit && (item.nextReportDue === undefined || reportAgainBy < item.nextReportDue);
  const { item: next, event } = change(
    item,
    context.caller,
    context.now,
    'report.returned',
    {
      reportId: report.id,
      unitId: report.unitId,
      reason: body.reason,
      reportAgainBy,
      // What the content rules found in it, by kind and words: the unit's letter says why in the notice's terms.
      ...(report.findings?.length ? { findings: report.findings } : {}),
    },
    { returnedReports: [...(item.returnedReports ?? []), returned], ...(sooner ? { nextReportDue: reportAgainBy } : {}) },
  );
  return { item: next, event, returned };
}
