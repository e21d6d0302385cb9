import { yearOf } from '../domain/assessment';
import type { CalendarDate } from '../domain/calendar';
import { isOpen, type ItemStatus } from '../domain/items';
import { type OfficeSummary, officeSummaryOf } from '../domain/office-summary';
import { officePath } from '../domain/offices';
import type { OfficeRegistry, OfficeSummaries } from './ports';
import { type OverviewDeps, readOverview } from './read-overview';

/**
 * The office's summary of the day (its overview, the items it passed down and the notices it issued this year),
 * kept for the roll-up: written by each office's daily run, so that the city's view of the tree reads one record
 * per office.
 */
export async function summariseOffice(deps: OverviewDeps & { summaries: OfficeSummaries }, asOf: CalendarDate): Promise<OfficeSummary> {
  const year = yearOf(asOf);
  const [overview, cascaded, notices] = await Promise.all([
    readOverview(deps, asOf),
    deps.summaries.cascaded(year),
    deps.facts.ofYear(year, 'notice-'),
  ]);
  const open = Object.entries(overview.byStatus)
    .filter(([status]) => isOpen(status as ItemStatus))
    .reduce((sum, [, count]) => sum + (count ?? 0), 0);
  const summary = officeSummaryOf(overview, { open, cascaded, notices: notices.length });
  await deps.summaries.put(summary);
  return summary;
}

/** The roll-up's red item: where it is, from the root down (市 → 县), and whose (部门). */
export type TreeRedItem = OfficeSummary['redItems'][number] & { office: string; path: string[] };

/** Red items the roll-up lists across the tree, longest late first. */
export const TREE_RED_ITEMS = 100;

/**
 * 纵向到底: the office's subtree as its own summaries say, one record per office (an office that has not run
 * yet has none), and the red items of every level with the path to them.
 */
export async function treeOverview(deps: { offices: Pick<OfficeRegistry, 'subtree'>; summaries: Pick<OfficeSummaries, 'of'> }) {
  const { offices, above } = await deps.offices.subtree();
  const summaries = await deps.summaries.of(offices.map((o) => o.id));
  const names = new Map([...above, ...offices].map((o) => [o.id, o.name]));
  const rows = offices.map((office) => ({
    office,
    path: officePath(office.id).map((id) => names.get(id) ?? id),
    summary: summaries.get(office.id) ?? null,
  }));
  const redItems: TreeRedItem[] = rows
    .flatMap((r) => (r.summary?.redItems ?? []).map((item) => ({ ...item, office: r.office.id, path: r.path })))
    .sort((a, b) => b.daysLate - a.daysLate || a.id.localeCompare(b.id))
    .slice(0, TREE_RED_ITEMS);
  return { offices: rows, redItems };
}
