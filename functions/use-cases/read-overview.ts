import { yearOf } from '../domain/assessment';
import { addDays, type CalendarDate } from '../domain/calendar';
import { overviewOf, type Overview } from '../domain/overview';
import { withImportedPastDue } from './imported-past-due';
import type { AssessmentFacts, DueQueries, ItemRepository, Markers, UnitRepository } from './ports';

export interface OverviewDeps {
  due: Pick<DueQueries, 'itemsDue' | 'rectificationsOverdue'>;
  /** The leader in charge of each of these items (the Due index does not project it). */
  items?: Pick<ItemRepository, 'leadersInCharge'>;
  facts: AssessmentFacts;
  units: Pick<UnitRepository, 'getMany'>;
  /** The marks of items imported already past their deadline: not late for it (imported-past-due.ts). */
  markers?: Pick<Markers, 'unmarked'>;
}

/** The overview with each unit's name beside its id, and the rectifications still owed. */
export interface NamedOverview extends Omit<Overview, 'dueThisWeek' | 'redItems' | 'unitsWithMostRed' | 'unitsWithReportFindings'> {
  dueThisWeek: { from: CalendarDate; to: CalendarDate; items: (Overview['dueThisWeek']['items'][number] & { leadUnitName: string })[] };
  redItems: (Overview['redItems'][number] & { leadUnitName: string })[];
  unitsWithMostRed: (Overview['unitsWithMostRed'][number] & { name: string })[];
  unitsWithReportFindings: (Overview['unitsWithReportFindings'][number] & { name: string })[];
  /** 整改报告 not yet handed in, whatever their due date. */
  rectificationsOwed: { noticeId: string; unitId: string; name: string; due: CalendarDate }[];
}

/** Far enough ahead that every open deadline falls before it. */
const EVERYTHING_OPEN_YEARS = 50;

/**
 * 督查台账概览 as of a day: every open item (the Due index holds exactly
 * those), the closed-item facts of the day's year, and the rectifications
 * still owed. Reads grow with the open work and the year's closures, never
 * with the whole ledger.
 */
export async function readOverview(deps: OverviewDeps, asOf: CalendarDate, leader?: string): Promise<NamedOverview> {
  const horizon = addDays(asOf, 365 * EVERYTHING_OPEN_YEARS);
  const [due, allClosed, owed, withFindings, returned] = await Promise.all([
    deps.due.itemsDue('0000-01-01', horizon),
    deps.facts.ofYear(yearOf(asOf), 'closed-'),
    deps.due.rectificationsOverdue(horizon),
    // 报送内容: the year's reports the content rules found something in, and those returned (a fact each).
    deps.facts.ofYear(yearOf(asOf), 'report-with-findings'),
    deps.facts.ofYear(yearOf(asOf), 'report-returned'),
  ]);
  const allOpen = await withImportedPastDue(deps.markers, due, asOf);
  // A leader's overview (?leader=): the open items and the year's closures of their portfolio (分管); the rectifications owed stay whole.
  let open = allOpen;
  let closed = allClosed;
  if (leader !== undefined) {
    const leaders = (await deps.items?.leadersInCharge(allOpen.map((i) => i.id))) ?? new Map<string, string>();
    open = allOpen.filter((i) => leaders.get(i.id) === leader);
    closed = allClosed.filter((f) => f.leaderInCharge === leader);
  }
  // A leader's overview keeps the whole city's report counts: they are the units', not a portfolio's.
  const overview = overviewOf(open, closed, asOf, [...withFindings, ...returned]);
  const unitIds = [
    ...new Set([...open.map((i) => i.leadUnit), ...owed.map((o) => o.unitId), ...overview.unitsWithReportFindings.map((u) => u.unitId)]),
  ];
  const names = new Map((await deps.units.getMany(unitIds)).map((u) => [u.id, u.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    ...overview,
    dueThisWeek: { ...overview.dueThisWeek, items: overview.dueThisWeek.items.map((i) => ({ ...i, leadUnitName: nameOf(i.leadUnit) })) },
    redItems: overview.redItems.map((i) => ({ ...i, leadUnitName: nameOf(i.leadUnit) })),
    unitsWithMostRed: overview.unitsWithMostRed.map((u) => ({ ...u, name: nameOf(u.unitId) })),
    unitsWithReportFindings: overview.unitsWithReportFindings.map((u) => ({ ...u, name: nameOf(u.unitId) })),
    rectificationsOwed: owed
      .map((o) => ({ ...o, name: nameOf(o.unitId) }))
      .sort((a, b) => a.due.localeCompare(b.due) || a.unitId.localeCompare(b.unitId)),
  };
}
