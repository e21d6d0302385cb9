import { describe, expect, it } from 'vitest';
import { render, say } from '../../functions/messages/message';
import { checkArrangement, JobDays, packageLastCoveredYear, resolveDue, WorkingCalendar } from '../../functions/domain/working-days';
import { refusal } from './refusal';

const calendar = new WorkingCalendar();
const working = (dates: string[]) => dates.filter((d) => calendar.isWorkingDay(d));

describe('working days: 2025 国庆 + 中秋 (10-01…10-08 off, makeup 09-28 Sun and 10-11 Sat)', () => {
  it('knows the holiday, the makeup Sunday and Saturday, and the ordinary days around them', () => {
    expect(calendar.day('2025-09-28')).toEqual({ date: '2025-09-28', working: true, holiday: '国庆节', makeup: true });
    expect(calendar.day('2025-10-11')).toEqual({ date: '2025-10-11', working: true, holiday: '国庆节', makeup: true });
    for (const d of ['2025-10-01', '2025-10-04', '2025-10-06', '2025-10-08']) expect(calendar.isWorkingDay(d)).toBe(false);
    expect(calendar.day('2025-10-06').holiday).toBe('中秋');
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false); // an ordinary Sunday
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false); // an ordinary Saturday
  });

  it('counts makeup days and skips the holiday: the trap of getWorkdaysInRange(…, false) is not ours', () => {
    const range = [
      '2025-09-27',
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
      ...Array.from({ length: 12 }, (_, i) => `2025-10-${String(i + 1).padStart(2, '0')}`),
    ];
    expect(working(range)).toEqual(['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11']);
    expect(calendar.workingDaysBetween('2025-09-26', '2025-10-12')).toBe(6);
  });

  it('6 working days from Friday 2025-09-26 end on 10-11, counting both makeup days and skipping the holiday', () => {
    const { date, rule } = calendar.addWorkingDays('2025-09-26', 6);
    expect(date).toBe('2025-10-11');
    expect(calendar.addWorkingDays('2025-09-29', 5).date).toBe('2025-10-13');
    expect(rule).toEqual({
      workingDays: 6,
      from: '2025-09-26',
      skipped: [
        { name: '国庆节', first: '2025-10-01', last: '2025-10-05' },
        { name: '中秋', first: '2025-10-06', last: '2025-10-06' },
        { name: '国庆节', first: '2025-10-07', last: '2025-10-08' },
      ],
      makeupDays: ['2025-09-28', '2025-10-11'],
      source: 'chinese-days',
    });
    expect(render(say('calendar.due-rule', rule), 'en')).toBe(
      '6 working days from 2025-09-26: skipped 国庆节 10-01…10-05, 中秋 10-06, 国庆节 10-07…10-08, counted 09-28 (调休), 10-11 (调休)',
    );
    expect(render(say('calendar.due-rule', rule), 'zh')).toContain('计入调休上班日 09-28、10-11');
  });

  it('a warning’s last day to answer is counted as its days late are: 3 working days from 09-30 end on the makeup Saturday 10-11', () => {
    const days = new JobDays(calendar);
    expect(days.counting('working')).toBe('working');
    expect(days.daysLate('2025-09-29', '2025-10-09', 'working')).toBe(2);
    expect(days.after('2025-09-30', 3, 'working')).toBe('2025-10-11');
    expect(days.after('2025-09-30', 3, 'calendar')).toBe('2025-10-03');
    // Without a calendar there are no working days to count: calendar days, and the words say so.
    expect(new JobDays().counting('working')).toBe('calendar');
    expect(new JobDays().after('2025-09-30', 3, 'working')).toBe('2025-10-03');
  });

  it('a reminder falling on the holiday goes out on the working day before it', () => {
    expect(calendar.workingDayOnOrBefore('2025-10-05')).toBe('2025-09-30');
    expect(calendar.workingDayOnOrBefore('2025-10-12')).toBe('2025-10-11');
    expect(calendar.workingDayOnOrBefore('2025-10-09')).toBe('2025-10-09');
  });
});

describe('working days: 2026 春节 (02-15…02-23 off, makeup 02-14 Sat and 02-28 Sat)', () => {
  it('knows the holiday and both makeup Saturdays', () => {
    expect(calendar.day('2026-02-14')).toMatchObject({ working: true, makeup: true, holiday: '春节' });
    expect(calendar.day('2026-02-28')).toMatchObject({ working: true, makeup: true, holiday: '春节' });
    for (const d of ['2026-02-15', '2026-02-17', '2026-02-20', '2026-02-23']) expect(calendar.isWorkingDay(d)).toBe(false);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('3 working days from 2026-02-12 end on 02-24: Friday, the makeup Saturday, then after the holiday', () => {
    const { date, rule } = calendar.addWorkingDays('2026-02-12', 3);
    expect(date).toBe('2026-02-24');
    expect(rule.skipped).toEqual([{ name: '春节', first: '2026-02-15', last: '2026-02-23' }]);
    expect(rule.makeupDays).toEqual(['2026-02-14']);
  });

  it('a date stays a date; working days resolve to a date and the rule', () => {
    expect(resolveDue('2026-03-01', '2026-02-12', calendar)).toEqual({ dueDate: '2026-03-01' });
    expect(resolveDue({ workingDays: 3 }, '2026-02-12', calendar).dueDate).toBe('2026-02-24');
  });
});

describe('working days past the covered years', () => {
  it('the package covers 2026 and not 2027 (a new version that adds 2027 makes this fail: update the README)', () => {
    expect(packageLastCoveredYear()).toBe(2026);
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
  });

  it('refuses arithmetic that runs into 2027 rather than falling back to plain weekdays', () => {
    const refused = refusal(() => calendar.addWorkingDays('2026-12-28', 5));
    expect(refused.status).toBe(422);
    expect(refused.zh.code).toBe('calendar-not-covered');
    expect(refused.zh.message).toContain('请督查室先在“工作日历”中录入 2027 年安排');
    expect(refused.en.message).toContain('entered up to 2026');
    expect(() => calendar.isWorkingDay('2027-01-01')).toThrow();
  });

  it("the office's entry for 2027 covers it and decides the days", () => {
    const year2027 = new WorkingCalendar([
      {
        year: 2027,
        holidays: [
          { date: '2027-01-01', name: '元旦' },
          { date: '2027-01-04', name: '元旦' },
        ],
        makeupDays: [{ date: '2027-01-09', name: '元旦' }],
      },
    ]);
    expect(year2027.isWorkingDay('2027-01-04')).toBe(false); // a Monday off
    expect(year2027.day('2027-01-09')).toMatchObject({ working: true, makeup: true });
    const { date, rule } = year2027.addWorkingDays('2026-12-30', 3);
    // 12-31 (Thu), skip 01-01…01-04 (holiday and weekend), 01-05, 01-06
    expect(date).toBe('2027-01-06');
    expect(rule.source).toBe('office');
    expect(year2027.lastCoveredYear(2026)).toBe(2027);
  });

  it("the office's entry replaces the package's for its year", () => {
    const moved = new WorkingCalendar([{ year: 2026, holidays: [], makeupDays: [] }]);
    expect(moved.isWorkingDay('2026-10-01')).toBe(true);
    expect(moved.isWorkingDay('2026-10-10')).toBe(false);
  });

  it('refuses an arrangement with a date outside its year or a day both off and worked', () => {
    expect(refusal(() => checkArrangement({ year: 2027, holidays: [{ date: '2028-01-01', name: '元旦' }], makeupDays: [] })).zh.code).toBe(
      'calendar-date-outside-year',
    );
    const twice = refusal(() =>
      checkArrangement({
        year: 2027,
        holidays: [{ date: '2027-01-01', name: '元旦' }],
        makeupDays: [{ date: '2027-01-01', name: '元旦' }],
      }),
    );
    expect(twice.zh.code).toBe('calendar-day-twice');
    expect(twice.zh.details[0].path).toBe('makeupDays.0.date');
  });

  it('refuses a date listed twice, naming the date and both places', () => {
    const repeated = refusal(() =>
      checkArrangement({
        year: 2027,
        holidays: [
          { date: '2027-10-01', name: '国庆节' },
          { date: '2027-10-02', name: '国庆节' },
          { date: '2027-10-01', name: '国庆节' },
        ],
        makeupDays: [],
      }),
    );
    expect(repeated.status).toBe(422);
    expect(repeated.zh.code).toBe('calendar-date-repeated');
    expect(repeated.zh.details).toEqual([{ path: 'holidays.2.date', message: '2027-10-01 已在 holidays.0.date 列出' }]);
    expect(repeated.en.details[0].message).toBe('2027-10-01 is already listed at holidays.0.date');
    const makeup = refusal(() =>
      checkArrangement({
        year: 2027,
        holidays: [],
        makeupDays: [
          { date: '2027-09-26', name: '国庆节' },
          { date: '2027-09-26', name: '国庆节' },
        ],
      }),
    );
    expect(makeup.zh.details).toEqual([{ path: 'makeupDays.1.date', message: '2027-09-26 已在 makeupDays.0.date 列出' }]);
  });

  it('refuses a weekday given as a makeup working day (调休 moves a Saturday or Sunday), naming it', () => {
    // 2027-09-27 is a Monday: a working day already, so "working" on it moves nothing.
    const weekday = refusal(() =>
      checkArrangement({
        year: 2027,
        holidays: [],
        makeupDays: [
          { date: '2027-09-26', name: '国庆节' },
          { date: '2027-09-27', name: '国庆节' },
        ],
      }),
    );
    expect(weekday.status).toBe(422);
    expect(weekday.zh.code).toBe('calendar-makeup-not-weekend');
    expect(weekday.zh.details).toEqual([{ path: 'makeupDays.1.date', message: '2027-09-27 是周一，本来就是工作日' }]);
    expect(weekday.en.details[0].message).toBe('2027-09-27 is a Monday, a working day already');
  });
});
