import { describe, expect, it } from 'vitest';
import { entryOf, holidayLines, rangesOf, refusedFields } from '../src/calendar-entry';

// 2025's 国庆节 and 中秋节 as the State Council published them: 10-01…10-08 off, 09-28 and 10-11 worked.
const national = ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'];
const holidays = [
  ...national.map((date) => ({ date, name: '国庆节、中秋节' })),
  { date: '2025-01-01', name: '元旦' },
  { date: '2025-05-01', name: '劳动节' },
  { date: '2025-05-02', name: '劳动节' },
  // A gap: not one range.
  { date: '2025-05-05', name: '劳动节' },
];
const makeupDays = [
  { date: '2025-10-11', name: '国庆节、中秋节' },
  { date: '2025-09-28', name: '国庆节、中秋节' },
  { date: '2025-04-27', name: '劳动节' },
];

describe('a year’s holidays as the notice gives them', () => {
  it('reads consecutive days of one name as one range, in date order', () => {
    expect(rangesOf(holidays)).toEqual([
      { name: '元旦', first: '2025-01-01', last: '2025-01-01' },
      { name: '劳动节', first: '2025-05-01', last: '2025-05-02' },
      { name: '劳动节', first: '2025-05-05', last: '2025-05-05' },
      { name: '国庆节、中秋节', first: '2025-10-01', last: '2025-10-08' },
    ]);
  });

  it('lists each holiday with its days and its makeup days', () => {
    const lines = holidayLines(holidays, makeupDays);
    expect(lines.at(-1)).toEqual({
      name: '国庆节、中秋节',
      first: '2025-10-01',
      last: '2025-10-08',
      days: 8,
      makeupDays: ['2025-09-28', '2025-10-11'],
    });
    expect(lines.find((l) => l.name === '劳动节')?.makeupDays).toEqual(['2025-04-27']);
    // A makeup day whose holiday has no days off still shows.
    expect(holidayLines([], [{ date: '2025-02-08', name: '春节' }])).toEqual([
      { name: '春节', first: '2025-02-08', last: '2025-02-08', days: 0, makeupDays: ['2025-02-08'] },
    ]);
  });

  it('sends every day of each range, and knows which row each day came from', () => {
    const { body, holidayRowOf } = entryOf(
      [
        { name: ' 元旦 ', first: '2027-01-01', last: '2027-01-01' },
        { name: '春节', first: '2027-02-05', last: '2027-02-07' },
      ],
      [{ name: '春节', date: '2027-02-20' }],
    );
    expect(body.holidays).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
    ]);
    expect(body.makeupDays).toEqual([{ date: '2027-02-20', name: '春节' }]);
    expect(holidayRowOf).toEqual([0, 1, 1, 1]);
  });

  it('marks the API’s refusal of a day on the row it was typed in, once per row', () => {
    const holidayRowOf = [0, 1, 1, 1];
    const fields = refusedFields(
      [
        { name: ['holidays', 2, 'date'], message: '不在 2027 年内' },
        { name: ['holidays', 3, 'date'], message: '不在 2027 年内' },
        { name: ['holidays', 0, 'name'], message: '不能为空' },
        { name: ['makeupDays', 0, 'date'], message: '2027-02-06 已列为放假日' },
        { name: ['reason'], message: 'not a field of this form' },
      ],
      holidayRowOf,
    );
    expect(fields).toEqual([
      { name: ['holidays', 1, 'range'], errors: ['不在 2027 年内'] },
      { name: ['holidays', 0, 'name'], errors: ['不能为空'] },
      { name: ['makeupDays', 0, 'date'], errors: ['2027-02-06 已列为放假日'] },
    ]);
  });
});
