import { addDays, type CalendarDate } from './calendar';
import type { ItemRegistration } from './items';

/**
 * When an item's next report falls due after a report made on `from`: the
 * cadence's next date, or the next milestone, whichever comes first. At
 * registration (`milestoneOnFrom`) a milestone due that very day counts.
 */
export function reportDueAfter(
  item: Pick<ItemRegistration, 'reportEveryDays' | 'milestones'>,
  from: CalendarDate,
  milestoneOnFrom = false,
): CalendarDate | undefined {
  const candidates = [
    ...(item.reportEveryDays !== undefined ? [addDays(from, item.reportEveryDays)] : []),
    ...item.milestones.map((m) => m.dueDate).filter((d) => d > from || (milestoneOnFrom && d === from)),
  ];
  // biome-ignore lint/complexity/useMathMinMax: calendar dates are ISO strings; Math.min would turn them into NaN
  return candidates.length > 0 ? candidates.reduce((a, b) => (a < b ? a : b)) : undefined;
}

/** The first report date, set when the item is registered `today`. */
export const firstReportDue = (item: Pick<ItemRegistration, 'reportEveryDays' | 'milestones'>, today: CalendarDate) =>
  reportDueAfter(item, today, true);
