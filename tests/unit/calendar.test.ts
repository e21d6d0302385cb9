import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isCalendarDate, shanghaiDate, startOfShanghaiDay } from '../../functions/domain/calendar';

describe('Asia/Shanghai calendar', () => {
  it('gives the Shanghai date of an instant, which is a day ahead of UTC after 16:00Z', () => {
    expect(shanghaiDate(new Date('2026-11-26T15:59:59.999Z'))).toBe('2026-11-26');
    expect(shanghaiDate(new Date('2026-11-26T16:00:00.000Z'))).toBe('2026-11-27');
  });

  it('agrees with the IANA zone database on a spread of instants', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.parse('1995-01-01T00:00:00Z'); t < Date.parse('2040-01-01T00:00:00Z'); t += 7_919 * 60_000 * 7) {
      expect(shanghaiDate(new Date(t))).toBe(fmt.format(new Date(t)));
    }
  });

  it('starts a Shanghai day at 16:00Z of the day before', () => {
    expect(startOfShanghaiDay('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('adds days across months and leap years, and counts days between', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-26', '2026-12-01')).toBe(5);
    expect(daysBetween('2026-12-01', '2026-11-26')).toBe(-5);
  });

  it('accepts only dates that exist', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-01-01T00:00:00Z')).toBe(false);
  });
});
