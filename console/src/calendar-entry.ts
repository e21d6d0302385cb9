/**
 * A year's holidays as a clerk reads the State Council's notice (国务院办公厅关于…年部分节假日安排的通知):
 * "国庆节：10月1日至8日放假调休，共8天。9月28日（周日）、10月11日（周六）上班". The API takes and gives single days
 * (`holidays`, `makeupDays`); the page shows and takes each holiday as one range, and these functions turn one
 * into the other and bring the API's refusals (`holidays.5.date`) back to the row the clerk typed.
 */
import { addDays, daysBetween } from '../../functions/domain/calendar';
import type { FieldError } from './api/errors';
import type { CalendarYearEntry } from './api/types';

export interface Day {
  date: string;
  name: string;
}

/** One holiday as the notice gives it: its name and its days off, first to last. */
export interface HolidayRange {
  name: string;
  first: string;
  last: string;
}

/** A holiday of the year with its makeup days (调休上班), as the calendar page lists it. */
export interface HolidayLine extends HolidayRange {
  days: number;
  makeupDays: string[];
}

/** Consecutive days off of one name, as ranges, in date order. */
export function rangesOf(days: readonly Day[]): HolidayRange[] {
  const ranges: HolidayRange[] = [];
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const last = ranges.at(-1);
    if (last && last.name === day.name && addDays(last.last, 1) === day.date) last.last = day.date;
    else ranges.push({ name: day.name, first: day.date, last: day.date });
  }
  return ranges;
}

/**
 * The year as the page lists it: each holiday with its makeup days (those of the same name; a makeup day of a
 * name with no days off, which the notice never has, gets a line of its own).
 */
export function holidayLines(holidays: readonly Day[], makeupDays: readonly Day[]): HolidayLine[] {
  const lines: HolidayLine[] = rangesOf(holidays).map((r) => ({ ...r, days: daysBetween(r.first, r.last) + 1, makeupDays: [] }));
  for (const makeup of [...makeupDays].sort((a, b) => a.date.localeCompare(b.date))) {
    const line = lines.find((l) => l.name === makeup.name);
    if (line) line.makeupDays.push(makeup.date);
    else lines.push({ name: makeup.name, first: makeup.date, last: makeup.date, days: 0, makeupDays: [makeup.date] });
  }
  return lines.sort((a, b) => a.first.localeCompare(b.first));
}

/** The most days one holiday row may span: the notice's longest is 9 (春节); a typo of a month is not a holiday. */
export const MAX_HOLIDAY_DAYS = 15;

/**
 * The API's body from the rows typed, and for each day of `holidays` the row it came from (to mark a refusal
 * on that row). A row whose last day precedes its first, or that spans more than MAX_HOLIDAY_DAYS, is the
 * form's to refuse before this is called.
 */
export function entryOf(
  holidayRows: readonly HolidayRange[],
  makeupRows: readonly Day[],
): { body: CalendarYearEntry; holidayRowOf: number[] } {
  const holidays: Day[] = [];
  const holidayRowOf: number[] = [];
  holidayRows.forEach((row, index) => {
    for (let date = row.first; date <= row.last; date = addDays(date, 1)) {
      holidays.push({ date, name: row.name.trim() });
      holidayRowOf.push(index);
    }
  });
  return { body: { holidays, makeupDays: makeupRows.map((m) => ({ date: m.date, name: m.name.trim() })) }, holidayRowOf };
}

/**
 * The form's fields a refusal names: `holidays.5.date` is the range of the row day 5 came from, `holidays.5.name`
 * its name; `makeupDays.2.date` is the makeup row itself. Several days of one row refused say it once.
 */
export type EntryField = ['holidays', number, 'name' | 'range'] | ['makeupDays', number, 'name' | 'date'];

export function refusedFields(errors: readonly FieldError[], holidayRowOf: readonly number[]): { name: EntryField; errors: string[] }[] {
  const fields = new Map<string, { name: EntryField; errors: string[] }>();
  for (const { name, message } of errors) {
    const [list, index, field] = name;
    let target: EntryField | undefined;
    if (list === 'holidays' && typeof index === 'number' && holidayRowOf[index] !== undefined) {
      target = ['holidays', holidayRowOf[index] as number, field === 'name' ? 'name' : 'range'];
    } else if (list === 'makeupDays' && typeof index === 'number') {
      target = ['makeupDays', index, field === 'name' ? 'name' : 'date'];
    }
    if (!target) continue;
    const key = JSON.stringify(target);
    const entry = fields.get(key) ?? { name: target, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    fields.set(key, entry);
  }
  return [...fields.values()];
}
