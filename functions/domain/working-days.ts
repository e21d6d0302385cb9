import chineseDays from 'chinese-days';
import { say } from '../messages/message';
import { addDays, type CalendarDate } from './calendar';
import type { DueRule } from './due-rule';
import { RuleViolation } from './errors';

export type { DueRule } from './due-rule';

/**
 * China's working-day calendar (工作日): weekends off except the 调休 makeup
 * Saturdays and Sundays, statutory holidays off. The State Council's yearly
 * arrangement comes from the npm package `chinese-days` (pinned), wrapped here
 * because of two traps: its `getWorkdaysInRange(a, b, false)` drops makeup days
 * (we never call it), and a date after its last covered year silently falls
 * back to plain weekdays. So every question is first asked "is this year
 * covered?" — by the package, or by the office's own entry for the year
 * (PUT /calendar/{year}), which replaces the package's for that year — and
 * arithmetic that would run into an uncovered year is refused.
 */

/** A year's arrangement as the office enters it: the statutory days off and the 调休 makeup working days. */
export interface YearArrangement {
  year: number;
  holidays: { date: CalendarDate; name: string }[];
  makeupDays: { date: CalendarDate; name: string }[];
}

/** An arrangement as stored: who entered it and when. */
export interface OfficeArrangement extends YearArrangement {
  enteredBy: string;
  enteredAt: string;
}

export interface DayKind {
  date: CalendarDate;
  working: boolean;
  /** The holiday's name when the day is a statutory day off, or the holiday a makeup day is worked for. */
  holiday?: string;
  /** A Saturday or Sunday worked for a holiday (调休). */
  makeup?: boolean;
}

/** A deadline given either as a date or as a number of working days. */
export type DueInput = CalendarDate | { workingDays: number };

const { getDayDetail, getHolidaysInRange } = chineseDays;

/** The package's first year; dates before it are not the ledger's concern but are refused like any uncovered year. */
const PACKAGE_FIRST_YEAR = 2004;
let packageLastYear: number | undefined;

/**
 * The last year the package holds holidays for, found by asking it (about 40 ms once per container):
 * a pinned number would go stale silently when the package is upgraded.
 */
export function packageLastCoveredYear(): number {
  if (packageLastYear === undefined) {
    let year = PACKAGE_FIRST_YEAR;
    while (getHolidaysInRange(`${year + 1}-01-01`, `${year + 1}-12-31`, false).length > 0) year += 1;
    packageLastYear = year;
  }
  return packageLastYear;
}

const yearOf = (date: CalendarDate) => Number(date.slice(0, 4));
/** 0 = Sunday … 6 = Saturday. */
const weekdayOf = (date: CalendarDate) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: CalendarDate) => {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
};
/** The package names a holiday "National Day,国庆节,3"; its Chinese name is the second part. */
const chineseName = (name: string) => name.split(',')[1] ?? name;

/**
 * A year entered by the office is checked before it is stored: its dates are in the year, none listed twice,
 * no day both off and worked, and every makeup day a Saturday or Sunday.
 */
export function checkArrangement(arrangement: YearArrangement): void {
  const details = [
    ...arrangement.holidays.map((h, i) => ({ date: h.date, path: `holidays.${i}.date` })),
    ...arrangement.makeupDays.map((m, i) => ({ date: m.date, path: `makeupDays.${i}.date` })),
  ].filter((d) => yearOf(d.date) !== arrangement.year);
  if (details.length > 0) {
    throw new RuleViolation(
      'calendar-date-outside-year',
      say('calendar.date-outside-year', { year: arrangement.year }),
      details.map((d) => ({ path: d.path, message: say('calendar.not-in-year', { year: arrangement.year }) })),
    );
  }
  // A day typed twice is a slip of the keyboard, and the table would keep only one of the two names.
  const firstSeen = new Map<string, string>();
  const repeated: { path: string; date: string; first: string }[] = [];
  for (const [list, days] of [
    ['holidays', arrangement.holidays],
    ['makeupDays', arrangement.makeupDays],
  ] as const) {
    days.forEach((d, i) => {
      const path = `${list}.${i}.date`;
      const first = firstSeen.get(`${list}|${d.date}`);
      if (first) repeated.push({ path, date: d.date, first });
      else firstSeen.set(`${list}|${d.date}`, path);
    });
  }
  if (repeated.length > 0) {
    throw new RuleViolation(
      'calendar-date-repeated',
      say('calendar.date-repeated'),
      repeated.map((r) => ({ path: r.path, message: say('calendar.listed-already', { date: r.date, first: r.first }) })),
    );
  }
  const holidays = new Set(arrangement.holidays.map((h) => h.date));
  const both = arrangement.makeupDays.map((m, i) => ({ date: m.date, i })).filter((m) => holidays.has(m.date));
  if (both.length > 0) {
    throw new RuleViolation(
      'calendar-day-twice',
      say('calendar.day-twice'),
      both.map((m) => ({ path: `makeupDays.${m.i}.date`, message: say('calendar.also-holiday', { date: m.date }) })),
    );
  }
  // 调休 makes a Saturday or Sunday a working day; a weekday is one already, so naming it moves nothing and is a typo.
  const weekdays = arrangement.makeupDays.map((m, i) => ({ date: m.date, i })).filter((m) => !isWeekend(m.date));
  if (weekdays.length > 0) {
    throw new RuleViolation(
      'calendar-makeup-not-weekend',
      say('calendar.makeup-not-weekend'),
      weekdays.map((m) => ({
        path: `makeupDays.${m.i}.date`,
        message: say('calendar.weekday-already-working', { date: m.date, weekday: weekdayOf(m.date) }),
      })),
    );
  }
}

export class WorkingCalendar {
  private readonly office = new Map<number, { holidays: Map<string, string>; makeup: Map<string, string> }>();

  constructor(arrangements: readonly YearArrangement[] = []) {
    for (const a of arrangements) {
      this.office.set(a.year, {
        holidays: new Map(a.holidays.map((h) => [h.date, h.name])),
        makeup: new Map(a.makeupDays.map((m) => [m.date, m.name])),
      });
    }
  }

  covers(year: number): boolean {
    return this.office.has(year) || (year >= PACKAGE_FIRST_YEAR && year <= packageLastCoveredYear());
  }

  /** The last year of the unbroken run of covered years from now on: arithmetic past it is refused. */
  lastCoveredYear(from: number): number {
    let year = from;
    while (this.covers(year + 1)) year += 1;
    return year;
  }

  /** What a day is; refuses a day of a year no arrangement covers. */
  day(date: CalendarDate): DayKind {
    const year = yearOf(date);
    if (!this.covers(year)) {
      throw new RuleViolation('calendar-not-covered', say('calendar.not-covered', { year, last: this.lastCoveredYear(year - 1) }));
    }
    const office = this.office.get(year);
    if (office) {
      const holiday = office.holidays.get(date);
      if (holiday !== undefined) return { date, working: false, holiday };
      const makeup = office.makeup.get(date);
      if (makeup !== undefined) return { date, working: true, holiday: makeup, makeup: true };
      return { date, working: !isWeekend(date) };
    }
    const detail = getDayDetail(date);
    const named = detail.name.includes(',');
    if (!detail.work) return named ? { date, working: false, holiday: chineseName(detail.name) } : { date, working: false };
    if (isWeekend(date)) return { date, working: true, holiday: chineseName(detail.name), makeup: true };
    return { date, working: true };
  }

  isWorkingDay(date: CalendarDate): boolean {
    return this.day(date).working;
  }

  private sourceOf(from: CalendarDate, to: CalendarDate): DueRule['source'] {
    for (let y = yearOf(from); y <= yearOf(to); y++) if (this.office.has(y)) return 'office';
    return 'chinese-days';
  }

  /**
   * The Nth working day after `from` (the day itself not counted: "5个工作日内" from a registration on the 30th
   * runs from the next working day), and how it was reached. Refused when it would cross into an uncovered year.
   */
  addWorkingDays(from: CalendarDate, workingDays: number): { date: CalendarDate; rule: DueRule } {
    const skipped: DueRule['skipped'] = [];
    const makeupDays: CalendarDate[] = [];
    let date = from;
    let counted = 0;
    while (counted < workingDays) {
      date = addDays(date, 1);
      const day = this.day(date);
      if (day.working) {
        counted += 1;
        if (day.makeup) makeupDays.push(date);
      } else if (day.holiday !== undefined) {
        const last = skipped.at(-1);
        if (last && last.name === day.holiday && addDays(last.last, 1) === date) last.last = date;
        else skipped.push({ name: day.holiday, first: date, last: date });
      }
    }
    return { date, rule: { workingDays, from, skipped, makeupDays, source: this.sourceOf(from, date) } };
  }

  /** The day itself when it is a working day, else the last working day before it (a reminder goes out early, not late). */
  workingDayOnOrBefore(date: CalendarDate): CalendarDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }
}

/** A deadline as given: a date stays as it is; `{ workingDays }` is counted from `from` by the calendar. */
export function resolveDue(input: DueInput, from: CalendarDate, calendar: WorkingCalendar): { dueDate: CalendarDate; dueRule?: DueRule } {
  if (typeof input === 'string') return { dueDate: input };
  const { date, rule } = calendar.addWorkingDays(from, input.workingDays);
  return { dueDate: date, dueRule: rule };
}

/** The longest run of days off a job looks past (春节 with its weekends is nine). */
const LONGEST_BREAK = 15;

/**
 * The scheduled jobs' view of the calendar. A job must run whatever the year, so it never refuses: a day of a
 * year no arrangement covers counts as a working day (as before the calendar existed) and the year is
 * remembered in `uncovered`, which the job's summary reports so the office enters it. Without a calendar
 * (tests of other rules) every day is a working day and grace periods are calendar days.
 */
export class JobDays {
  readonly uncovered = new Set<number>();

  constructor(private readonly calendar?: WorkingCalendar) {}

  isWorkingDay(date: CalendarDate): boolean {
    if (!this.calendar) return true;
    if (!this.calendar.covers(yearOf(date))) {
      this.uncovered.add(yearOf(date));
      return true;
    }
    return this.calendar.isWorkingDay(date);
  }

  /**
   * The days whose reminders go out today: today itself, and the days off that follow it up to the next
   * working day, whose reminders would otherwise fall on a day no one reads mail. Nothing on a day off.
   */
  reminderDaysOf(today: CalendarDate): CalendarDate[] {
    if (!this.isWorkingDay(today)) return [];
    const days = [today];
    for (let day = addDays(today, 1); days.length <= LONGEST_BREAK && !this.isWorkingDay(day); day = addDays(day, 1)) days.push(day);
    return days;
  }

  /** How days late are counted: in working days only when there is a calendar to count them by. */
  counting(unit: 'working' | 'calendar'): 'working' | 'calendar' {
    return unit === 'working' && this.calendar ? 'working' : 'calendar';
  }

  /** Days late, in working days when there is a calendar (the grace period counts working days), else calendar days. */
  daysLate(missed: CalendarDate, today: CalendarDate, unit: 'working' | 'calendar'): number {
    if (this.counting(unit) === 'calendar') return Math.round((Date.parse(today) - Date.parse(missed)) / 86_400_000);
    let count = 0;
    for (let day = addDays(missed, 1); day <= today; day = addDays(day, 1)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }

  /** The day `days` days after `from`, counted as daysLate counts them: a warning's "answer by" date. */
  after(from: CalendarDate, days: number, unit: 'working' | 'calendar'): CalendarDate {
    if (this.counting(unit) === 'calendar') return addDays(from, days);
    let day = from;
    for (let counted = 0; counted < days; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }
}
