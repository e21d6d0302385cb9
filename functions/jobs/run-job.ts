import { logger } from '../observability';
import type { JobResult } from '../use-cases/jobs/job-context';
import * as z from 'zod';
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
 * does the work, and the summary is logged and returned. Failures to send
 * are in the summary, not thrown: they stay pending for the next run.
 */
export function runJob(job: JobName, run: (now: Date) => Promise<JobResult>) {
  return async (event: unknown): Promise<JobResult> => {
    const { time } = JobEventSchema.parse(event);
    const result = await run(new Date(time));
    const { emails, ...figures } = result;
    const summary = { ...figures, sent: emails.sent, skipped: emails.skipped, failed: emails.failed };
    if (emails.failed > 0)
      logger.warn(`${job}: some emails could not be sent; they stay pending for the next run`, { ...summary, failures: emails.failures });
    else logger.info(`${job} done`, summary);
    return result;
  };
}
