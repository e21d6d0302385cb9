import { Cron } from 'croner';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { schedules } from '../../functions/jobs/schedules';
import { jobInstant } from '../../scripts/local/jobs';
import { awsCronToCroner, nextRun, startScheduler, upcomingLines } from '../../scripts/local/scheduler';

const SH = 'Asia/Shanghai';
const next = (expr: string, after: string, tz = SH) => nextRun(expr, tz, new Date(after))?.toISOString() ?? null;

describe('awsCronToCroner', () => {
  it.each([
    ['0 9 * * ? *', '0 0 9 * * * *'],
    ['30 8 ? * MON *', '0 30 8 * * MON *'],
    ['cron(0 10 * * ? *)', '0 0 10 * * * *'],
    ['0 10 ? * 2-6 *', '0 0 10 * * MON-FRI *'],
    ['0 12 ? * 1,7 *', '0 0 12 * * SUN,SAT *'],
    ['0/15 * * * ? *', '0 0-59/15 * * * * *'],
    ['0 8/4 * * ? *', '0 0 8-23/4 * * * *'],
    ['0 9 ? * 6#3 *', '0 0 9 * * FRI#3 *'],
    ['0 9 ? * 6L *', '0 0 9 * * FRI#L *'],
    ['0 9 L * ? *', '0 0 9 L * * *'],
    ['0 9 15W JAN-MAR ? 2027-2028', '0 0 9 15W JAN-MAR * 2027-2028'],
    ['0 9 ? * mon-fri *', '0 0 9 * * MON-FRI *'],
  ])('%s → %s', (aws, croner) => {
    expect(awsCronToCroner(aws)).toBe(croner);
  });

  it.each([
    ['0 9 * * *', /6 fields/],
    ['0 9 * * * *', /exactly one of day-of-month and day-of-week/],
    ['0 9 ? * ? *', /exactly one of day-of-month and day-of-week/],
    ['0 9 1 * MON *', /exactly one/],
    ['0 9 ? * 0 *', /out of range 1-7/],
    ['0 9 ? * 8 *', /out of range 1-7/],
    ['0 9 ? * */2 *', /Invalid day-of-week/], // AWS has no steps in day-of-week
    ['0 9 ? * FUNDAY *', /not a day of the week/],
    ['0 9 $ * ? *', /Invalid day-of-month/],
  ])('refuses %s as AWS would', (aws, message) => {
    expect(() => awsCronToCroner(aws)).toThrow(message);
  });

  it('translates every declared schedule', () => {
    for (const s of schedules) expect(() => awsCronToCroner(s.cron)).not.toThrow();
  });
});

describe('nextRun reads AWS cron the AWS way (Asia/Shanghai)', () => {
  it('weekly digest: Monday 08:30 Shanghai is Monday 00:30 UTC', () => {
    expect(next('30 8 ? * MON *', '2026-11-26T00:00:00Z')).toBe('2026-11-30T00:30:00.000Z');
  });

  it('daily 09:00 Shanghai is 01:00 UTC the next day once today’s has passed', () => {
    expect(next('0 9 * * ? *', '2026-11-26T02:00:00Z')).toBe('2026-11-27T01:00:00.000Z');
    expect(next('0 9 * * ? *', '2026-11-26T00:59:59Z')).toBe('2026-11-26T01:00:00.000Z');
    // Strictly after: a run exactly at `after` is not the next one.
    expect(next('0 9 * * ? *', '2026-11-26T01:00:00Z')).toBe('2026-11-27T01:00:00.000Z');
  });

  it('day-of-week numbers are AWS’s 1=SUN … 7=SAT, not Unix’s 0=SUN', () => {
    expect(next('30 8 ? * 2 *', '2026-11-26T00:00:00Z')).toBe('2026-11-30T00:30:00.000Z'); // 2 = Monday
    expect(next('0 12 ? * 1 *', '2026-11-26T00:00:00Z')).toBe('2026-11-29T04:00:00.000Z'); // 1 = Sunday
    expect(next('0 12 ? * 7 *', '2026-11-26T00:00:00Z')).toBe('2026-11-28T04:00:00.000Z'); // 7 = Saturday
    // The trap: croner given the AWS fields as they are reads 2 as Tuesday.
    const naive = new Cron('0 30 8 * * 2 *', { timezone: SH, paused: true }).nextRun(new Date('2026-11-26T00:00:00Z'));
    expect(naive?.toISOString()).toBe('2026-12-01T00:30:00.000Z');
  });

  it('the ? of AWS is “any”, not croner’s “the current value”', () => {
    // Croner would replace ? with the current day; AWS fires every day.
    expect(next('0 9 * * ? *', '2026-12-30T02:00:00Z')).toBe('2026-12-31T01:00:00.000Z');
    expect(next('0 9 ? * * *', '2026-12-31T02:00:00Z')).toBe('2027-01-01T01:00:00.000Z');
  });

  it('the day-of-month specials: L, W, LW, and nth / last weekday', () => {
    expect(next('0 9 L * ? *', '2026-11-01T00:00:00Z')).toBe('2026-11-30T01:00:00.000Z');
    expect(next('0 9 LW * ? *', '2027-01-01T00:00:00Z')).toBe('2027-01-29T01:00:00.000Z'); // Jan 31 2027 is a Sunday
    expect(next('0 9 15W * ? *', '2026-11-01T00:00:00Z')).toBe('2026-11-16T01:00:00.000Z'); // Nov 15 2026 is a Sunday
    expect(next('0 9 ? * 6#3 *', '2026-11-01T00:00:00Z')).toBe('2026-11-20T01:00:00.000Z'); // third Friday
    expect(next('0 9 ? * 6L *', '2026-11-01T00:00:00Z')).toBe('2026-11-27T01:00:00.000Z'); // last Friday
  });

  it('steps from a start, and the year field', () => {
    expect(next('5/20 * * * ? *', '2026-11-26T00:06:00Z')).toBe('2026-11-26T00:25:00.000Z');
    expect(next('0 9 1 1 ? 2027', '2026-11-26T00:00:00Z')).toBe('2027-01-01T01:00:00.000Z');
    expect(next('0 9 1 1 ? 2026', '2026-11-26T00:00:00Z')).toBeNull();
  });

  it('the declared jobs fire when docs/design.md says', () => {
    const after = '2026-11-26T12:00:00Z'; // Thursday evening in Shanghai
    const byName = Object.fromEntries(schedules.map((s) => [s.name, next(s.cron, after, s.timeZone)]));
    expect(byName).toEqual({
      'deadline-reminders': '2026-11-27T01:00:00.000Z',
      'overdue-escalation': '2026-11-27T01:30:00.000Z',
      'rectification-check': '2026-11-27T02:00:00.000Z',
      'weekly-digest': '2026-11-30T00:30:00.000Z',
    });
  });
});

describe('the local scheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a job with the scheduled instant as its time, and logs one line in Shanghai time, without the job’s summary', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-30T00:29:58.600Z') });
    const weekly = schedules.find((s) => s.name === 'weekly-digest')!;
    const run = vi.fn(async (_: unknown, instant: Date) => ({ job: 'weekly-digest', time: instant.toISOString(), status: 'done' }));
    const lines: string[] = [];
    const scheduler = startScheduler({ schedules: [weekly], run, log: (line) => lines.push(line) });
    try {
      expect(scheduler.upcoming()).toEqual([{ job: 'weekly-digest', next: new Date('2026-11-30T00:30:00Z') }]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(run).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1000);
      expect(run).toHaveBeenCalledTimes(1);
      expect(run.mock.calls[0]![1].toISOString()).toBe('2026-11-30T00:30:00.000Z');
      // The job logs its own summary (once); the scheduler says only when it ran and how long it took.
      expect(lines).toEqual([
        expect.stringMatching(
          /^\[scheduler\] weekly-digest @ 2026-11-30 08:30 \(Asia\/Shanghai\) \(2026-11-30T00:30:00Z\) done in \d+ ms$/,
        ),
      ]);
      expect(scheduler.upcoming()[0]!.next).toEqual(new Date('2026-12-07T00:30:00Z'));
    } finally {
      scheduler.stop();
    }
  });

  it('logs a failing job and keeps the schedule', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T00:59:59.500Z') });
    const daily = schedules.find((s) => s.name === 'deadline-reminders')!;
    const lines: string[] = [];
    const scheduler = startScheduler({
      schedules: [daily],
      run: async () => {
        throw new Error('DynamoDB is down');
      },
      log: (line) => lines.push(line),
    });
    try {
      await vi.advanceTimersByTimeAsync(1500);
      expect(lines).toEqual([
        expect.stringContaining(
          'deadline-reminders @ 2026-11-27 09:00 (Asia/Shanghai) (2026-11-27T01:00:00Z) failed: Error: DynamoDB is down',
        ),
      ]);
      expect(scheduler.upcoming()[0]!.next).toEqual(new Date('2026-11-28T01:00:00Z'));
    } finally {
      scheduler.stop();
    }
  });
});

describe('the banner of npm start', () => {
  it('gives each job’s next run in Shanghai time, aligned', () => {
    expect(
      upcomingLines([
        { job: 'deadline-reminders', next: new Date('2026-11-30T01:00:00Z') },
        { job: 'weekly-digest', next: new Date('2026-11-30T00:30:00Z') },
        { job: 'rectification-check', next: null },
      ]),
    ).toEqual([
      'deadline-reminders   next 2026-11-30 09:00 (Asia/Shanghai)',
      'weekly-digest        next 2026-11-30 08:30 (Asia/Shanghai)',
      'rectification-check  next -',
    ]);
  });
});

describe('npm run job --time', () => {
  const daily = schedules.find((s) => s.name === 'deadline-reminders')!;
  const weekly = schedules.find((s) => s.name === 'weekly-digest')!;
  const at = (raw: string | undefined, s = daily) => jobInstant(raw, s, new Date('2026-11-26T03:04:05.678Z')).toISOString();

  it('takes an instant with an offset as it is', () => {
    expect(at('2026-11-30T09:00:00+08:00')).toBe('2026-11-30T01:00:00.000Z');
    expect(at('2026-11-30T01:00:00Z')).toBe('2026-11-30T01:00:00.000Z');
  });
  it('reads a time without offset in the job’s time zone', () => {
    expect(at('2026-11-30T09:00')).toBe('2026-11-30T01:00:00.000Z');
    expect(at('2026-12-01T00:15:30')).toBe('2026-11-30T16:15:30.000Z');
  });
  it('runs a bare date at the job’s scheduled time that day', () => {
    expect(at('2026-11-30')).toBe('2026-11-30T01:00:00.000Z');
    expect(at('2026-11-30', weekly)).toBe('2026-11-30T00:30:00.000Z');
  });
  it('defaults to now, in whole seconds', () => {
    expect(at(undefined)).toBe('2026-11-26T03:04:05.000Z');
  });
  it.each(['yesterday', '2026-13-01', '2026-11-30T25:00', '30/11/2026', ''])('refuses %j', (raw) => {
    expect(() => at(raw)).toThrow(/is not a date-time/);
  });
});
