import { describe, expect, it } from 'vitest';
import { jobNames, schedules } from '../../functions/jobs/schedules';

describe('scheduled jobs', () => {
  it('declares the four jobs of the design, in Asia/Shanghai', () => {
    expect(jobNames).toEqual(['deadline-reminders', 'overdue-escalation', 'rectification-check', 'weekly-digest']);
    expect(new Set(schedules.map((s) => s.timeZone))).toEqual(new Set(['Asia/Shanghai']));
  });

  it.each(jobNames)('%s has a handler that takes "now" from the event and refuses an event without a time', async (name) => {
    const { handler } = await import(`../../functions/jobs/${name}.ts`);
    await expect(handler({ time: '2026-12-01T01:30:00Z', job: name })).resolves.toMatchObject({ job: name, time: '2026-12-01T01:30:00Z' });
    await expect(handler({ job: name })).rejects.toThrow();
    await expect(handler({ time: 'yesterday' })).rejects.toThrow();
  });
});
