import type { JobName } from './schedules';

/** The event a schedule delivers: EventBridge Scheduler fills `time` with the scheduled instant. */
export interface JobEvent {
  time: string;
  job?: string;
}

export interface JobSummary {
  job: JobName;
  time: string;
  status: 'done' | 'not-yet-implemented';
  [figure: string]: unknown;
}

/**
 * A job whose rules have not been built yet: it runs, says so, and does
 * nothing, so that the schedule, the local scheduler and `npm run job` can be
 * wired end to end before the enforcement issue fills it in.
 */
export function namedNoOp(job: JobName) {
  return async (event: JobEvent): Promise<JobSummary> => {
    const summary: JobSummary = { job, time: event.time, status: 'not-yet-implemented' };
    console.info(JSON.stringify({ message: `${job}: no logic yet, nothing done`, ...summary }));
    return summary;
  };
}
