import { logger } from '../observability';
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
});

/**
 * The scheduled handler of one job: "now" is the event's `time` (the
 * schedule's instant, or any instant `npm run job` gives), the use case
 * does the work, and its summary is logged (once, at info) and returned.
 * Failures to send are in the summary, not thrown: they stay pending for the
 * next run; a warning says so, naming only the failures.
 */
export function runJob(job: JobName, run: (now: Date) => Promise<JobResult>) {
  return async (event: unknown): Promise<JobSummary> => {
    const { time } = JobEventSchema.parse(event);
    const summary = jobSummary(await run(new Date(time)));
    logger.info(`${job} done`, { ...summary });
    if (summary.failed > 0)
      logger.warn(`${job}: ${summary.failed} emails could not be sent; they stay pending for the next run`, {
        job,
        failures: summary.failures,
      });
    return summary;
  };
}
