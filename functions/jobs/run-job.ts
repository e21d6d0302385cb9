import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, METRIC, publishCounts } from '../observability';
import { powertools } from '../powertools';
import type { JobResult } from '../use-cases/jobs/job-context';
import * as z from 'zod';
import { jobSummary, type JobSummary } from './job-summary';
import type { JobName } from './schedules';

/**
 * The event a schedule delivers: EventBridge Scheduler fills `time` with the
 * scheduled instant, so a job can be run as of any time (`npm run job`).
 */
export const JobEventSchema = z.object({
  time: z.iso.datetime({ offset: true }),
  job: z.string().optional(),
  /** Compute and report what the run would send and issue, writing nothing (`npm run job -- NAME --dry-run`). */
  dryRun: z.boolean().optional(),
});

/**
 * The scheduled handler of one job (with the Powertools middlewares): "now" is the event's `time` (the
 * schedule's instant, or any instant `npm run job` gives), the use case
 * does the work, and its summary is logged (once, at info) and returned.
 * Failures to send are in the summary, not thrown: they stay pending for the
 * next run; a warning says so, naming only the failures.
 */
export function runJob(job: JobName, run: (now: Date, mode: { dryRun: boolean }) => Promise<JobResult>) {
  const handle = async (event: unknown): Promise<JobSummary> => {
    const { time, dryRun = false } = JobEventSchema.parse(event);
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
  return (event: unknown, context?: Context): Promise<JobSummary> => wrapped(event, context as Context);
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
