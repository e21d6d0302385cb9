import { describe, expect, it, vi } from 'vitest';
import { jobEventOf, runJob } from '../../functions/jobs/run-job';
import { logger } from '../../functions/observability';
import { jobNames, schedules } from '../../functions/jobs/schedules';
import { emptyDelivery } from '../../functions/use-cases/deliver-mail';

describe('scheduled jobs', () => {
  it('declares the four jobs of the design, in Asia/Shanghai', () => {
    expect(jobNames).toEqual(['deadline-reminders', 'overdue-escalation', 'rectification-check', 'weekly-digest']);
    expect(new Set(schedules.map((s) => s.timeZone))).toEqual(new Set(['Asia/Shanghai']));
  });

  it('takes "now" from the event\'s time, and refuses an event without a valid time', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const seen: Date[] = [];
    const handler = runJob('weekly-digest', async (now) => {
      seen.push(now);
      return {
        job: 'weekly-digest',
        time: now.toISOString(),
        date: '',
        looked: 0,
        emails: emptyDelivery(),
        noticesIssued: [],
        unitsWithoutContacts: [],
      };
    });
    await expect(handler({ time: '2026-12-01T09:30:00+08:00', job: 'weekly-digest' })).resolves.toMatchObject({
      time: '2026-12-01T09:30:00+08:00',
    });
    expect(seen).toEqual([new Date('2026-12-01T01:30:00Z')]);
    await expect(handler({ job: 'weekly-digest' })).rejects.toThrow();
    await expect(handler({ time: 'yesterday' })).rejects.toThrow();
    expect(seen).toHaveLength(1);
  });

  it('reads the event: an RFC 3339 instant with seconds and a zone, an optional job name and dry-run flag', () => {
    expect(jobEventOf({ time: '2026-12-01T09:30:00+08:00', job: 'weekly-digest', dryRun: true, extra: 1 })).toEqual({
      time: '2026-12-01T09:30:00+08:00',
      job: 'weekly-digest',
      dryRun: true,
    });
    expect(jobEventOf({ time: '2028-02-29T01:30:00.123Z' })).toEqual({ time: '2028-02-29T01:30:00.123Z' });
    for (const time of ['2026-12-01', '2026-12-01T09:30+08:00', '2026-12-01T09:30:00', '2026-02-29T01:30:00Z', '2026-12-01T24:00:00Z', 5]) {
      expect(() => jobEventOf({ time }), String(time)).toThrow(/time/);
    }
    expect(() => jobEventOf({ time: '2026-12-01T09:30:00Z', dryRun: 'yes' })).toThrow(/dryRun/);
    expect(() => jobEventOf(null)).toThrow(/time/);
  });
});
