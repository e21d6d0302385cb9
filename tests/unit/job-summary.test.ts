import { describe, expect, it, vi } from 'vitest';
import { jobSummary, zonedIso, zonedTime } from '../../functions/jobs/job-summary';
import { runJob } from '../../functions/jobs/run-job';
import { jobNames } from '../../functions/jobs/schedules';
import { logger } from '../../functions/observability';
import type { JobResult } from '../../functions/use-cases/jobs/job-context';
import { ROOT_OFFICE } from '../../functions/domain/offices';

const result = (job: string, emails: Partial<JobResult['emails']> = {}): JobResult => ({
  job,
  time: '2026-12-01T01:30:00.000Z',
  date: '2026-12-01',
  looked: 3,
  emails: { sent: 2, skipped: 1, failed: 0, failures: [], parked: 0, ...emails },
  noticesIssued: ['overdue-2026-12-01'],
  unitsWithoutContacts: [],
});

describe('one summary for every job', () => {
  it('has the same fields for the four jobs, the emails counted flat, the time in Shanghai', () => {
    const summaries = jobNames.map((job) => jobSummary(result(job)));
    for (const summary of summaries) {
      expect(Object.keys(summary).sort()).toEqual(
        [
          'job',
          'time',
          'date',
          'looked',
          'sent',
          'skipped',
          'failed',
          'failures',
          'parked',
          'noticesIssued',
          'unitsWithoutContacts',
        ].sort(),
      );
    }
    expect(summaries[1]).toEqual({
      job: 'overdue-escalation',
      time: '2026-12-01T09:30:00+08:00',
      date: '2026-12-01',
      looked: 3,
      sent: 2,
      skipped: 1,
      failed: 0,
      parked: 0,
      failures: [],
      noticesIssued: ['overdue-2026-12-01'],
      unitsWithoutContacts: [],
    });
  });
});

/** The tree of a single office, as every ledger was before offices. */
const rootOnly = { all: async () => [{ id: ROOT_OFFICE, name: '市政府督查室', registeredAt: '2026-01-01T00:00:00.000Z' }] };

describe('the job handler', () => {
  it('logs the summary once, the same it answers (what npm run job prints)', async () => {
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const answer = await runJob('weekly-digest', async () => result('weekly-digest'), rootOnly)({ time: '2026-12-01T09:30:00+08:00' });
    expect(info).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith('weekly-digest done', answer);
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns of emails that could not be sent, naming only the failures, not the summary again', async () => {
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const failures = [{ kind: 'warning', reason: 'Throttling' }];
    const answer = await runJob(
      'overdue-escalation',
      async () => result('overdue-escalation', { failed: 1, failures }),
      rootOnly,
    )({
      time: '2026-12-01T09:30:00+08:00',
    });
    expect(answer).toMatchObject({ failed: 1, failures });
    expect(info).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]).toEqual([expect.stringContaining('stay pending'), { job: 'overdue-escalation', office: 'root', failures }]);
  });
});

describe('times as the office reads them', () => {
  it('in Asia/Shanghai, the day turning at its midnight', () => {
    expect(zonedIso(new Date('2026-12-01T01:30:00Z'))).toBe('2026-12-01T09:30:00+08:00');
    expect(zonedTime(new Date('2026-12-01T01:30:00Z'))).toBe('2026-12-01 09:30 (Asia/Shanghai)');
    expect(zonedTime(new Date('2026-11-30T16:05:07Z'))).toBe('2026-12-01 00:05:07 (Asia/Shanghai)');
  });

  it('in another zone, with its offset', () => {
    expect(zonedIso(new Date('2026-12-01T01:30:00Z'), 'UTC')).toBe('2026-12-01T01:30:00+00:00');
    expect(zonedIso(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
  });
});
