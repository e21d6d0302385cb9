import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, METRIC, publishCounts } from '../observability';
import { powertools } from '../powertools';
import { runningFunction } from '../running-function';
import type { JobResult } from '../use-cases/jobs/job-context';
import { isCalendarDate } from '../domain/calendar';
import { jobSummary, type JobSummary } from './job-summary';
import type { JobName } from './schedules';

/**
 * The event a schedule delivers: EventBridge Scheduler fills `time` with the
 * scheduled instant, so a job can be run as of any time (`npm run job`).
 */
export interface JobEvent {
  /** An RFC 3339 instant with seconds and a zone (`Z` or an offset). */
  time: string;
  job?: string;
  /** Compute and report what the run would send and issue, writing nothing (`npm run job -- NAME --dry-run`). */
  dryRun?: boolean;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The job's event, or an error naming what is wrong with it (the run fails and the schedule retries, then its
 * dead-letter queue keeps it). A plain check rather than a zod schema: it keeps zod out of the jobs' bundles.
 */
export function jobEventOf(event: unknown): JobEvent {
  const { time, job, dryRun } = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const day = typeof time === 'string' ? INSTANT.exec(time)?.[1] : undefined;
  if (day === undefined || !isCalendarDate(day))
    throw new TypeError(`job event: time must be an RFC 3339 instant with a zone, got ${JSON.stringify(time)}`);
  if (job !== undefined && typeof job !== 'string') throw new TypeError('job event: job must be a string');
  if (dryRun !== undefined && typeof dryRun !== 'boolean') throw new TypeError('job event: dryRun must be true or false');
  return { time: time as string, ...(job !== undefined ? { job } : {}), ...(dryRun !== undefined ? { dryRun } : {}) };
}

/**
 * The scheduled handler of one job (with the Powertools middlewares): "now" is the event's `time` (the
 * schedule's instant, or any instant `npm run job` gives), the use case
 * does the work, and its summary is logged (once, at info) and returned.
 * Failures to send are in the summary, not thrown: they stay pending for the
 * next run; a warning says so, naming only the failures.
 */
export function runJob(job: JobName, run: (now: Date, mode: { dryRun: boolean }) => Promise<JobResult>) {
  const handle = async (event: unknown): Promise<JobSummary> => {
    const { time, dryRun = false } = jobEventOf(event);
    const result = await run(new Date(time), { dryRun });
    const summary = jobSummary(result);
    if (dryRun) {
      // Nothing was sent or issued: no metric may count it, and the log says so.
      logger.info(`${job} dry run: nothing written`, { ...summary });
      return summary;
    }
    logger.info(`${job} done`, { ...summary });
    publishCounts({ job }, jobCounts(summary, result));
    if (summary.failed > 0)
      logger.warn(`${job}: ${summary.failed} emails could not be sent; they stay pending for the next run`, {
        job,
        failures: summary.failures,
      });
    return summary;
  };
  const wrapped = middy<unknown, JobSummary>().use(powertools()).handler(handle);
  // Scripts and tests call a job without a Lambda context; powertools() stands one in.
  return (event: unknown, context?: Context): Promise<JobSummary> =>
    runningFunction.run(`job:${job}`, () => wrapped(event, context as Context));
}

/** The job's metrics (EMF, dimension `job`): the stack alarms on EmailsFailed. */
export function jobCounts(summary: JobSummary, result: JobResult) {
  return {
    [METRIC.emailsSent]: summary.sent,
    [METRIC.emailsFailed]: summary.failed,
    [METRIC.emailsParked]: summary.parked,
    [METRIC.noticesIssued]: summary.noticesIssued.length,
    ...(result.rectificationsEscalated !== undefined ? { [METRIC.rectificationsEscalated]: result.rectificationsEscalated } : {}),
    ...(result.itemsTurnedRed !== undefined ? { [METRIC.itemsTurnedRed]: result.itemsTurnedRed } : {}),
  };
}
