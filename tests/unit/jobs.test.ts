import { describe, expect, it, vi } from 'vitest';
import { JobFailed, jobEventOf, runJob } from '../../functions/jobs/run-job';
import { currentOffice } from '../../functions/adapters/office-scope';
import { logger } from '../../functions/observability';
import { jobNames, schedules } from '../../functions/jobs/schedules';
import { emptyDelivery } from '../../functions/use-cases/deliver-mail';
import { ROOT_OFFICE } from '../../functions/domain/offices';

/** The tree of a single office, as every ledger was before offices. */
const rootOnly = { all: async () => [{ id: ROOT_OFFICE, name: '市政府督查室', registeredAt: '2026-01-01T00:00:00.000Z' }] };

describe('scheduled jobs', () => {
  it('declares the four jobs of the design, in Asia/Shanghai', () => {
    expect(jobNames).toEqual(['deadline-reminders', 'overdue-escalation', 'rectification-check', 'weekly-digest']);
    expect(new Set(schedules.map((s) => s.timeZone))).toEqual(new Set(['Asia/Shanghai']));
  });

  it('takes "now" from the event\'s time, and refuses an event without a valid time', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const seen: Date[] = [];
    const handler = runJob(
      'weekly-digest',
      async (now) => {
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
      },
      rootOnly,
    );
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

describe('jobs in a tree of offices', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const tree = {
    all: async () => [
      { id: ROOT_OFFICE, name: '市政府督查室', registeredAt: at },
      {
        id: 'hanbin',
        name: '汉滨区政府督查室',
        parentId: ROOT_OFFICE,
        unitId: 'hanbin-gov',
        noticeNumberPrefix: '汉滨政督通',
        registeredAt: at,
      },
      {
        id: 'shiquan',
        name: '石泉县政府督查室',
        parentId: ROOT_OFFICE,
        unitId: 'shiquan-gov',
        noticeNumberPrefix: '石泉政督通',
        registeredAt: at,
      },
    ],
  };
  const result = (now: Date, sent: number) => ({
    job: 'weekly-digest',
    time: now.toISOString(),
    date: '2026-12-01',
    looked: 1,
    emails: { ...emptyDelivery(), sent },
    noticesIssued: [`n-${currentOffice()}`],
    unitsWithoutContacts: [],
  });

  it('runs for each office inside it, and sums what they did, each office kept apart', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const ran: string[] = [];
    const handler = runJob(
      'weekly-digest',
      async (now, mode) => {
        ran.push(`${currentOffice()}:${mode.office.noticeNumberPrefix ?? '-'}`);
        return result(now, 2);
      },
      tree,
    );
    const summary = await handler({ time: '2026-12-01T09:30:00+08:00' });
    expect(ran).toEqual(['root:-', 'hanbin:汉滨政督通', 'shiquan:石泉政督通']);
    expect(summary).toMatchObject({ sent: 6, looked: 3, noticesIssued: ['n-root', 'n-hanbin', 'n-shiquan'] });
    expect(summary.offices?.map((o) => [o.office, o.sent])).toEqual([
      ['root', 2],
      ['hanbin', 2],
      ['shiquan', 2],
    ]);
    // One office on its own, as `npm run job -- NAME --office hanbin` asks.
    ran.length = 0;
    expect(await handler({ time: '2026-12-01T09:30:00+08:00', office: 'hanbin' })).toMatchObject({ office: 'hanbin', sent: 2 });
    expect(ran).toEqual(['hanbin:汉滨政督通']);
    await expect(handler({ time: '2026-12-01T09:30:00+08:00', office: 'ziyang' })).rejects.toThrow(/no office ziyang/);
  });

  it('in AWS the scheduled run starts one invocation per office, and a run for one office runs it here', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    // A stand-in for Lambda's asynchronous Invoke (adapters/aws/office-runs.ts): its API is not on this machine.
    const started: unknown[] = [];
    const ran: string[] = [];
    const handler = runJob(
      'weekly-digest',
      async (now) => {
        ran.push(currentOffice());
        return result(now, 1);
      },
      tree,
      { start: async (event) => void started.push(event) },
    );
    const summary = await handler({ time: '2026-12-01T09:30:00+08:00', dryRun: true });
    expect(ran).toEqual([]);
    expect(started).toEqual(
      ['root', 'hanbin', 'shiquan'].map((office) => ({ time: '2026-12-01T09:30:00+08:00', job: 'weekly-digest', office, dryRun: true })),
    );
    expect(summary).toMatchObject({ started: ['root', 'hanbin', 'shiquan'], sent: 0, date: '2026-12-01' });
    // The invocation for one office does that office's work.
    expect(await handler({ time: '2026-12-01T09:30:00+08:00', office: 'hanbin' })).toMatchObject({ office: 'hanbin', sent: 1 });
    expect(ran).toEqual(['hanbin']);
    // An invocation that could not be started fails the run after the others were (the schedule retries it).
    const flaky = runJob('weekly-digest', async (now) => result(now, 1), tree, {
      start: async (event) => {
        if (event.office === 'hanbin') throw new Error('TooManyRequestsException');
        started.push(event);
      },
    });
    started.length = 0;
    await expect(flaky({ time: '2026-12-01T09:30:00+08:00' })).rejects.toBeInstanceOf(JobFailed);
    expect(started.map((e) => (e as { office: string }).office)).toEqual(['root', 'shiquan']);
  });

  it("one office's failure never stops the others'; the run then fails, naming it, so the schedule retries", async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const ran: string[] = [];
    const handler = runJob(
      'weekly-digest',
      async (now) => {
        if (currentOffice() === 'hanbin') throw new Error('DynamoDB throttled');
        ran.push(currentOffice());
        return result(now, 1);
      },
      tree,
    );
    const failed = await handler({ time: '2026-12-01T09:30:00+08:00' }).catch((e: unknown) => e);
    expect(ran).toEqual(['root', 'shiquan']);
    expect(failed).toBeInstanceOf(JobFailed);
    expect((failed as JobFailed).offices.map((o) => o.office)).toEqual(['hanbin']);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('failed for an office'), expect.objectContaining({ office: 'hanbin' }));
  });
});
