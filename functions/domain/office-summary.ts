import type { CalendarDate } from './calendar';
import type { Overview } from './overview';

/**
 * 一级抓一级, measured: where an office's own ledger stood on a day, as the roll-up reads it. Each office's daily
 * run writes one (functions/jobs/overdue-escalation.ts), so an overview of a province reads one record per
 * office, never its items.
 */
export interface OfficeSummary {
  asOf: CalendarDate;
  /** Open items of its own ledger. */
  open: number;
  byLight: Overview['byLight'];
  /** Its deadlines come this year: closed on time over all that came (null before any came). */
  completion: Overview['completion'];
  /** Items it passed down from the office above this year (分解下达). */
  cascaded: number;
  /** Notices (通报) it issued this year. */
  notices: number;
  /** Its red items, longest late first, at most RED_ITEMS_KEPT of them. */
  redItems: { id: string; title: string; leadUnit: string; leadUnitName: string; dueDate: CalendarDate; daysLate: number }[];
}

/** What one office's summary keeps of its red items: enough for the city's list, small enough for one record. */
export const RED_ITEMS_KEPT = 20;

export function officeSummaryOf(
  overview: Pick<Overview, 'asOf' | 'byLight' | 'completion' | 'byStatus'> & {
    redItems: (Overview['redItems'][number] & { leadUnitName: string })[];
  },
  counts: { open: number; cascaded: number; notices: number },
): OfficeSummary {
  return {
    asOf: overview.asOf,
    open: counts.open,
    byLight: overview.byLight,
    completion: overview.completion,
    cascaded: counts.cascaded,
    notices: counts.notices,
    redItems: overview.redItems.slice(0, RED_ITEMS_KEPT).map(({ id, title, leadUnit, leadUnitName, dueDate, daysLate }) => ({
      id,
      title,
      leadUnit,
      leadUnitName,
      dueDate,
      daysLate,
    })),
  };
}

/** The counter of the items an office passed down in a year (written with each child, read by its summary). */
export const CASCADED_SEQUENCE = 'cascaded';
