/**
 * The local EventBridge Scheduler: fires the jobs of `schedules` at the same
 * AWS cron expressions, in the same time zone, with the same event
 * (`{ time: <scheduled instant>, job }`). AWS cron is translated for croner
 * by `awsCronToCroner` (aws-cron.ts).
 */
import { Cron } from 'croner';
import { zonedTime } from '../../functions/jobs/job-summary';
import { schedules as declaredSchedules, SUPERVISION_TIME_ZONE, type JobSchedule } from '../../functions/jobs/schedules';
import { awsCronToCroner, CRONER_OPTIONS } from './aws-cron';
import { eventTime, runJob } from './jobs';

export { awsCronToCroner, CRONER_OPTIONS, nextRun } from './aws-cron';

export interface LocalScheduler {
  /** Each job's next run. */
  upcoming(): { job: string; next: Date | null }[];
  stop(): void;
}

export interface StartSchedulerOptions {
  schedules?: readonly JobSchedule[];
  /** Runs one job for the scheduled instant; default: the job's handler from functions/jobs. */
  run?: (schedule: JobSchedule, instant: Date) => Promise<unknown>;
  log?: (line: string) => void;
}

/** The banner's lines: each job's next run, in its time zone. */
export function upcomingLines(upcoming: ReturnType<LocalScheduler['upcoming']>, timeZone = SUPERVISION_TIME_ZONE): string[] {
  const width = Math.max(0, ...upcoming.map((u) => u.job.length));
  return upcoming.map((u) => `${u.job.padEnd(width)}  next ${u.next ? zonedTime(u.next, timeZone) : '-'}`);
}

export function startScheduler(options: StartSchedulerOptions = {}): LocalScheduler {
  const log = options.log ?? ((line: string) => console.log(line));
  const run = options.run ?? ((schedule: JobSchedule, instant: Date) => runJob(schedule.name, instant));
  const jobs = (options.schedules ?? declaredSchedules).map((schedule) => {
    const cron = new Cron(
      awsCronToCroner(schedule.cron),
      { ...CRONER_OPTIONS, timezone: schedule.timeZone, name: `ducha-local-${schedule.name}`, protect: true },
      async (self: Cron) => {
        // The scheduled instant, not the (slightly later) moment the timer fired: what EventBridge puts in `time`.
        const instant = self.previousRuns(1, new Date(Date.now() + 1))[0] ?? new Date(Math.floor(Date.now() / 1000) * 1000);
        const started = Date.now();
        const as = `${schedule.name} @ ${zonedTime(instant, schedule.timeZone)} (${eventTime(instant)})`;
        try {
          // The job's summary is in its own log line, as in CloudWatch: not repeated here.
          await run(schedule, instant);
          log(`[scheduler] ${as} done in ${Date.now() - started} ms`);
        } catch (error) {
          log(`[scheduler] ${as} failed: ${(error as Error)?.stack ?? String(error)}`);
        }
      },
    );
    return { schedule, cron };
  });
  return {
    upcoming: () => jobs.map(({ schedule, cron }) => ({ job: schedule.name, next: cron.nextRun() })),
    stop: () => {
      for (const { cron } of jobs) cron.stop();
    },
  };
}
