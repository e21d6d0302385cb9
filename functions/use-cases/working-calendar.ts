import { assertRole } from '../domain/access';
import { addDays } from '../domain/calendar';
import type { Caller } from '../domain/caller';
import { checkArrangement, type OfficeArrangement, WorkingCalendar, type YearArrangement } from '../domain/working-days';
import type { CalendarStore, Clock } from './ports';

/** The calendar as the ledger knows it now: the package's years, replaced year by year by the office's entries. */
export async function workingCalendar(store: CalendarStore | undefined): Promise<WorkingCalendar> {
  return new WorkingCalendar(store ? await store.all() : []);
}

/**
 * The office enters a year's holidays and makeup days when the State Council publishes them (each December
 * for the next year), or corrects a year the package has: the entry replaces the package's for that year.
 */
export async function enterYear(
  deps: { calendar: CalendarStore; clock: Clock },
  caller: Caller,
  year: number,
  body: Omit<YearArrangement, 'year'>,
): Promise<OfficeArrangement> {
  assertRole(caller, ['office'], 'Entering a year of holidays');
  const arrangement = { year, ...body };
  checkArrangement(arrangement);
  const sorted = (days: { date: string; name: string }[]) => [...days].sort((a, b) => a.date.localeCompare(b.date));
  const entry: OfficeArrangement = {
    year,
    holidays: sorted(body.holidays),
    makeupDays: sorted(body.makeupDays),
    enteredBy: caller.sub,
    enteredAt: deps.clock.now().toISOString(),
  };
  await deps.calendar.put(entry);
  return entry;
}

export interface YearView {
  year: number;
  source: 'office' | 'chinese-days' | 'none';
  holidays: { date: string; name: string }[];
  makeupDays: { date: string; name: string }[];
  enteredBy?: string;
  enteredAt?: string;
}

/** A year's days off and makeup days as the calendar applies them, and whose arrangement it is. */
export async function readYear(store: CalendarStore, year: number): Promise<YearView> {
  const entries = await store.all();
  const entry = entries.find((e) => e.year === year);
  if (entry) return { ...entry, source: 'office' };
  const calendar = new WorkingCalendar(entries);
  if (!calendar.covers(year)) return { year, source: 'none', holidays: [], makeupDays: [] };
  const holidays: YearView['holidays'] = [];
  const makeupDays: YearView['makeupDays'] = [];
  for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) {
    const day = calendar.day(date);
    if (day.holiday === undefined) continue;
    (day.working ? makeupDays : holidays).push({ date, name: day.holiday });
  }
  return { year, source: 'chinese-days', holidays, makeupDays };
}
