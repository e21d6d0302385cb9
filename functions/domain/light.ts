import { render, say, type Message } from '../messages/message';
import { daysBetween, type CalendarDate } from './calendar';
import { isOpen, type ItemStatus } from './items';

import type { Light } from './codes';

// The codes live in codes.ts (labels.ts names them without importing the catalogue this module speaks through).
export { type Light, lights } from './codes';

/** Days before the due date from which an open item shows yellow. */
export const DUE_SOON_DAYS = 3;

export interface LightInputs {
  status: ItemStatus;
  dueDate: CalendarDate;
  nextReportDue?: CalendarDate;
  /** 导入台账: the day it came in; a deadline already past then is still red, and says it is not the unit's lateness. */
  importedOn?: CalendarDate;
  /** 长期坚持 / 常态化: no deadline of its own (its dueDate is the year end it is assessed at); its reports still count. */
  standing?: true;
  /** 完成时限 as the ledger wrote it (长期坚持): what a standing task's reason says. */
  dueWords?: string;
}

/** The light and every reason for it, each a sentence of the catalogue with its dates. */
export interface LightJudgement {
  light: Light;
  reasons: Message[];
}

/**
 * The light of an item on a given Shanghai date, and why. Overdue is not a status but this computation, so it is
 * always current. A closed item is done: green. One function decides both, so the reason a clerk reads (in the
 * API, the emails, the spreadsheet) is the very rule that coloured the light; every reason that holds is given
 * (a red item whose report is also missing says both).
 */
export function judgeLight(item: LightInputs, today: CalendarDate): LightJudgement {
  // Closed is done and withdrawn (撤销) is no longer owed: neither is ever late.
  if (!isOpen(item.status)) return { light: 'green', reasons: [say(item.status === 'closed' ? 'light.closed' : 'light.withdrawn')] };
  const daysLeft = daysBetween(today, item.dueDate);
  const reportLate = item.nextReportDue !== undefined && item.nextReportDue < today;
  const report = reportLate
    ? [say('light.report-missing', { reportDue: item.nextReportDue as string, daysLate: daysBetween(item.nextReportDue as string, today) })]
    : [];
  // A standing task is never late for a deadline it does not have: only a missed report turns it yellow.
  if (item.standing)
    return reportLate
      ? { light: 'yellow', reasons: report }
      : { light: 'green', reasons: [say('light.standing', { dueWords: item.dueWords })] };
  if (daysLeft < 0) {
    const imported = item.importedOn !== undefined && item.dueDate < item.importedOn;
    const overdue = say('light.overdue', { dueDate: item.dueDate, daysLate: -daysLeft });
    return { light: 'red', reasons: [overdue, ...(imported ? [say('light.imported-past-due')] : []), ...report] };
  }
  if (daysLeft <= DUE_SOON_DAYS)
    return { light: 'yellow', reasons: [say('light.due-soon', { dueDate: item.dueDate, daysLeft }), ...report] };
  if (reportLate) return { light: 'yellow', reasons: report };
  return { light: 'green', reasons: [say('light.on-track', { dueDate: item.dueDate, daysLeft })] };
}

export function lightOf(item: LightInputs, today: CalendarDate): Light {
  return judgeLight(item, today).light;
}

/** The reasons as one Chinese sentence, as the API, the emails and the spreadsheet give it. */
export function lightReasonOf(item: LightInputs, today: CalendarDate): string {
  return judgeLight(item, today)
    .reasons.map((r) => render(r, 'zh'))
    .join('；');
}
