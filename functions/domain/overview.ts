import { onTimeRate, yearOf, type AssessmentFact } from './assessment';
import { addDays, daysBetween, type CalendarDate } from './calendar';
import { lateOn } from './completion';
import type { ItemStatus, Source } from './items';
import { lightOf, lightReasonOf, type Light } from './light';

/**
 * 督查台账概览: where the ledger stands on a day, for the leaders and the
 * office (GET /reports/overview, and the Monday 督查周报). It covers every
 * open item and the items closed with a deadline in the day's year; older
 * closed items are history, read through GET /items.
 */
export interface OpenItem {
  id: string;
  title: string;
  source: Source;
  leadUnit: string;
  dueDate: CalendarDate;
  status: ItemStatus;
  nextReportDue?: CalendarDate;
  completionClaimedOn?: CalendarDate;
}

export type OverviewItem = Pick<OpenItem, 'id' | 'title' | 'source' | 'leadUnit' | 'dueDate' | 'status'> & {
  light: Light;
  lightReason: string;
};

export interface Overview {
  asOf: CalendarDate;
  /** Open items, plus those closed this year. */
  total: number;
  byStatus: Partial<Record<ItemStatus, number>>;
  bySource: Partial<Record<Source, number>>;
  byLight: Partial<Record<Light, number>>;
  /** Open items whose deadline falls in the week (Monday to Sunday) of asOf. */
  dueThisWeek: { from: CalendarDate; to: CalendarDate; items: OverviewItem[] };
  /** This year's items whose deadline has come: closed on time over closed or late. */
  completion: { year: number; closedOnTime: number; closedLate: number; openLate: number; onTimeRate: number | null };
  /** Open items past their deadline, longest late first. */
  redItems: (OverviewItem & { daysLate: number })[];
  /** Lead units by number of red items, most first (at most UNITS_WITH_MOST_RED). */
  unitsWithMostRed: { unitId: string; redItems: number }[];
  /** 报送内容: the units whose reports of the year the content rules found something in, most first (at most UNITS_WITH_MOST_RED). */
  unitsWithReportFindings: { unitId: string; reportsWithFindings: number; reportsReturned: number }[];
}

export const UNITS_WITH_MOST_RED = 5;

/** The Monday of a date's week (weeks run Monday to Sunday, as the 督查周报 does). */
export function mondayOf(date: CalendarDate): CalendarDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(date, -((weekday + 6) % 7));
}

function countBy<K extends string>(keys: K[]): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/**
 * The overview from the open items (the Due index holds them all) and this
 * year's closed-item facts (domain/assessment.ts): both bounded by the work
 * of the year, not by the size of the ledger.
 */
export function overviewOf(
  open: readonly OpenItem[],
  closedThisYear: readonly AssessmentFact[],
  asOf: CalendarDate,
  /** The year's `report-with-findings` and `report-returned` facts. */
  reportFacts: readonly AssessmentFact[] = [],
): Overview {
  const view = (i: OpenItem): OverviewItem => ({
    id: i.id,
    title: i.title,
    source: i.source,
    leadUnit: i.leadUnit,
    dueDate: i.dueDate,
    status: i.status,
    light: lightOf(i, asOf),
    lightReason: lightReasonOf(i, asOf),
  });
  const closed = closedThisYear.filter((f) => f.kind === 'closed-on-time' || f.kind === 'closed-late');
  const from = mondayOf(asOf);
  const to = addDays(from, 6);
  const year = yearOf(asOf);
  const red = open
    .filter((i) => lightOf(i, asOf) === 'red')
    .map((i) => ({ ...view(i), daysLate: daysBetween(i.dueDate, asOf) }))
    .sort((a, b) => b.daysLate - a.daysLate || a.id.localeCompare(b.id));
  const redByUnit = countBy(red.map((i) => i.leadUnit));
  const tally = {
    closedOnTime: closed.filter((f) => f.kind === 'closed-on-time').length,
    closedLate: closed.filter((f) => f.kind === 'closed-late').length,
    openLate: open.filter((i) => yearOf(i.dueDate) === year && lateOn(i, asOf)).length,
  };
  return {
    asOf,
    total: open.length + closed.length,
    byStatus: { ...countBy(open.map((i) => i.status)), ...(closed.length > 0 ? { closed: closed.length } : {}) },
    bySource: countBy([...open.map((i) => i.source), ...closed.flatMap((f) => (f.source ? [f.source] : []))]),
    byLight: countBy([...open.map((i) => lightOf(i, asOf)), ...closed.map((): Light => 'green')]),
    dueThisWeek: {
      from,
      to,
      items: open
        .filter((i) => i.dueDate >= from && i.dueDate <= to)
        .map(view)
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id)),
    },
    completion: { year, ...tally, onTimeRate: onTimeRate(tally) },
    redItems: red,
    unitsWithMostRed: Object.entries(redByUnit)
      .map(([unitId, n]) => ({ unitId, redItems: n ?? 0 }))
      .sort((a, b) => b.redItems - a.redItems || a.unitId.localeCompare(b.unitId))
      .slice(0, UNITS_WITH_MOST_RED),
    unitsWithReportFindings: unitsWithReportFindings(reportFacts),
  };
}

function unitsWithReportFindings(facts: readonly AssessmentFact[]): Overview['unitsWithReportFindings'] {
  const byUnit = new Map<string, { reportsWithFindings: number; reportsReturned: number }>();
  for (const fact of facts)
    for (const unitId of fact.unitIds) {
      const counts = byUnit.get(unitId) ?? { reportsWithFindings: 0, reportsReturned: 0 };
      if (fact.kind === 'report-with-findings') counts.reportsWithFindings += 1;
      if (fact.kind === 'report-returned') counts.reportsReturned += 1;
      byUnit.set(unitId, counts);
    }
  return [...byUnit]
    .map(([unitId, counts]) => ({ unitId, ...counts }))
    .filter((u) => u.reportsWithFindings > 0)
    .sort(
      (a, b) => b.reportsWithFindings - a.reportsWithFindings || b.reportsReturned - a.reportsReturned || a.unitId.localeCompare(b.unitId),
    )
    .slice(0, UNITS_WITH_MOST_RED);
}
