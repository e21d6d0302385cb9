import * as z from 'zod';
import { logger } from '../observability';
import type { JobName } from './schedules';

/**
 * The event a schedule delivers: EventBridge Scheduler fills `time` with the
 * scheduled instant, so a job can be run as of any time (`npm run job`).
 */
export const JobEventSchema = z.object({
  time: z.iso.datetime({ offset: true }),
  job: z.string().optional(),
});
export type JobEvent = z.infer<typeof JobEventSchema>;

export interface JobSummary {
  job: JobName;
  time: string;
  status: 'done' | 'not-yet-implemented';
  [figure: string]: unknown;
}

/**
 * A job whose rules have not been built yet: it checks its event, says so,
 * and does nothing, so that the schedule, the local scheduler and
 * `npm run job` are wired end to end before the enforcement issue fills it in.
 */
export function namedNoOp(job: JobName) {
  return async (event: unknown): Promise<JobSummary> => {
    const { time } = JobEventSchema.parse(event);
    const summary: JobSummary = { job, time, status: 'not-yet-implemented' };
    logger.info(`${job}: no logic yet, nothing done`, { ...summary });
    return summary;
  };
}
