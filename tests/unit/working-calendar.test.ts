import { describe, expect, it } from 'vitest';
import { Forbidden, RuleViolation } from '../../functions/domain/errors';
import { enterYear, readYear, workingCalendar } from '../../functions/use-cases/working-calendar';
import { memoryCalendar } from './memory-ports';
import { lead, leader, office, START } from './use-case-world';

/** The office's holiday calendar (working-calendar.ts) on a store in memory; tests/integration/working-days.test.ts asserts the same over HTTP. */

const entry2027 = {
  holidays: [
    { date: '2027-01-03', name: '元旦' },
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
  ],
  makeupDays: [],
};

describe('enterYear and readYear', () => {
  it('a year no arrangement covers reads as none until the office enters it; then it is the office’s, sorted, and counts', async () => {
    const { calendar } = memoryCalendar();
    expect(await readYear(calendar, 2027)).toEqual({ year: 2027, source: 'none', holidays: [], makeupDays: [] });
    const stored = await enterYear({ calendar, clock: { now: () => START } }, office, 2027, entry2027);
    expect(stored).toMatchObject({ year: 2027, enteredBy: 'office-1', enteredAt: START.toISOString() });
    expect(stored.holidays.map((h) => h.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect(await readYear(calendar, 2027)).toMatchObject({ source: 'office', holidays: stored.holidays });
    expect((await workingCalendar(calendar)).day('2027-01-01').working).toBe(false);
  });

  it("shows the package's year as the package's: 2026's 国庆 and its makeup days", async () => {
    const { calendar } = memoryCalendar();
    const year = await readYear(calendar, 2026);
    expect(year.source).toBe('chinese-days');
    expect(year.holidays.map((h) => h.date)).toContain('2026-10-01');
    expect(year.makeupDays.map((d) => d.date)).toContain('2026-10-10');
  });

  it('is the office’s alone (403), and refuses a makeup day outside the year (422), storing nothing', async () => {
    const { calendar, years } = memoryCalendar();
    const deps = { calendar, clock: { now: () => START } };
    for (const caller of [leader, lead]) await expect(enterYear(deps, caller, 2027, entry2027)).rejects.toBeInstanceOf(Forbidden);
    const outside = enterYear(deps, office, 2027, { ...entry2027, makeupDays: [{ date: '2026-12-26', name: '元旦' }] });
    await expect(outside).rejects.toBeInstanceOf(RuleViolation);
    await expect(outside).rejects.toMatchObject({ details: [{ path: 'makeupDays.0.date' }] });
    expect(years.size).toBe(0);
  });
});
