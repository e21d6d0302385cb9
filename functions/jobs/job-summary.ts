import type { JobResult } from '../use-cases/jobs/job-context';
import { SUPERVISION_TIME_ZONE } from './schedules';

/**
 * What a run of any of the four jobs reports, in one shape: the Lambda log
 * line, the handler's answer, `npm run job` and the local scheduler all show
 * this. A re-run for the same day sends nothing again and issues no notice:
 * `sent` 0 and `noticesIssued` empty, whichever the job.
 */
export interface JobSummary {
  job: string;
  /** The office it ran for (root: the root office's ledger). */
  office?: string;
  /** A run for several offices: each office's own summary; the fields above are their sums. */
  offices?: JobSummary[];
  /** A scheduled run in AWS: the offices whose runs it started, each its own invocation (its summary in its own log). */
  started?: string[];
  /** The instant the job ran as of, with the supervision office's offset: 2026-12-01T09:30:00+08:00. */
  time: string;
  /** The Asia/Shanghai date the job ran for. */
  date: string;
  /** What the job found due or late and looked at (items, reports, owed rectifications; the weekly digest its open items). */
  looked: number;
  /** Emails sent by this run. */
  sent: number;
  /** Emails an earlier run already sent, found queued again: not sent twice. */
  skipped: number;
  /** Emails that could not be sent now; they stay pending and the next run sends them (`failures` says why). */
  failed: number;
  failures: { kind: string; reason: string }[];
  /** Emails refused as their own fault too often: given up on (not pending any more), the office told by email. */
  parked: number;
  /** Notices (通报) this run issued. */
  noticesIssued: string[];
  /** Units that should have been told but have no contacts to tell. */
  unitsWithoutContacts: string[];
  /** deadline-reminders only: the daily seal of the ledger (`made` false on a re-run of the day; `chained` items the sweep chained). */
  seal?: JobResult['seal'];
  /** Years met whose holidays are not entered: their days counted as working days. Enter them with PUT /calendar/{year}. */
  calendarNotCovered?: number[];
  /**
   * A dry run only: what it would send (kind, subject, recipients by unit and role) and issue, and the writes it held
   * back. It wrote nothing; `sent` and `noticesIssued` then count what the real run would send and issue.
   */
  dryRun?: JobResult['dryRun'];
}

/** Several offices' runs as one: counts summed, lists joined, each office's summary kept under `offices`. */
export function combined(runs: readonly JobSummary[]): JobSummary {
  const [first] = runs as [JobSummary];
  const sum = (pick: (s: JobSummary) => number) => runs.reduce((total, s) => total + pick(s), 0);
  return {
    job: first.job,
    time: first.time,
    date: first.date,
    looked: sum((s) => s.looked),
    sent: sum((s) => s.sent),
    skipped: sum((s) => s.skipped),
    failed: sum((s) => s.failed),
    failures: runs.flatMap((s) => s.failures),
    parked: sum((s) => s.parked),
    noticesIssued: runs.flatMap((s) => s.noticesIssued),
    unitsWithoutContacts: runs.flatMap((s) => s.unitsWithoutContacts),
    offices: [...runs],
  };
}

export function jobSummary(result: JobResult): JobSummary {
  const { emails } = result;
  return {
    job: result.job,
    time: zonedIso(new Date(result.time)),
    date: result.date,
    looked: result.looked,
    sent: emails.sent,
    skipped: emails.skipped,
    failed: emails.failed,
    failures: emails.failures,
    parked: emails.parked,
    noticesIssued: result.noticesIssued,
    unitsWithoutContacts: result.unitsWithoutContacts,
    ...(result.seal ? { seal: result.seal } : {}),
    ...(result.calendarNotCovered ? { calendarNotCovered: result.calendarNotCovered } : {}),
    ...(result.dryRun ? { dryRun: result.dryRun } : {}),
  };
}

/** The wall-clock fields of an instant in a time zone, and that zone's offset from UTC then. */
function wallClock(instant: Date, timeZone: string) {
  const fields = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
  const { year, month, day, hour, minute, second } = fields;
  const asUtc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const offsetMinutes = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return { date: `${year}-${month}-${day}`, time: `${hour}:${minute}:${second}`, offset: `${sign}${hh}:${mm}` };
}

/** ISO 8601 with the zone's offset, to the second: 2026-12-01T09:30:00+08:00 for 2026-12-01T01:30:00Z. */
export function zonedIso(instant: Date, timeZone = SUPERVISION_TIME_ZONE): string {
  const { date, time, offset } = wallClock(instant, timeZone);
  return `${date}T${time}${offset}`;
}

/** As the office reads a time: 2026-12-01 09:30 (Asia/Shanghai); seconds only when there are some. */
export function zonedTime(instant: Date, timeZone = SUPERVISION_TIME_ZONE): string {
  const { date, time } = wallClock(instant, timeZone);
  return `${date} ${time.endsWith(':00') ? time.slice(0, 5) : time} (${timeZone})`;
}
