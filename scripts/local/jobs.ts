/** Loading and running the scheduled jobs' handlers, shared by the local scheduler and `npm run job`. */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { jobNames, type JobName, type JobSchedule } from '../../functions/jobs/schedules';
import { nextRun } from './aws-cron';
import { projectRoot } from './defaults';

export interface LocalJobEvent {
  time: string;
  job: string;
  dryRun?: boolean;
}
export type JobHandler = (event: LocalJobEvent) => Promise<unknown>;

export function isJobName(value: string): value is JobName {
  return (jobNames as readonly string[]).includes(value);
}

/** EventBridge's form of an instant: whole seconds, UTC, no milliseconds. */
export function eventTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const loaded = new Map<JobName, Promise<JobHandler>>();

/** Imports functions/jobs/<name>.ts once (set the env first: handlers read it at import). */
export function loadJobHandler(name: JobName, jobsDir = join(projectRoot, 'functions', 'jobs')): Promise<JobHandler> {
  let pending = loaded.get(name);
  if (!pending) {
    pending = import(pathToFileURL(join(jobsDir, `${name}.ts`)).href).then((mod: { handler?: unknown }) => {
      if (typeof mod.handler !== 'function') throw new Error(`functions/jobs/${name}.ts does not export a handler function`);
      return mod.handler as JobHandler;
    });
    loaded.set(name, pending);
    pending.catch(() => loaded.delete(name));
  }
  return pending;
}

/** Runs the job as of `instant`; a dry run computes and reports what it would do and writes nothing. */
export async function runJob(name: JobName, instant: Date, options: { dryRun?: boolean; office?: string } = {}): Promise<unknown> {
  const handler = await loadJobHandler(name);
  return handler({
    time: eventTime(instant),
    job: name,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.office ? { office: options.office } : {}),
  });
}

/** The instant `Y-M-D h:m` is in the time zone (via the same cron reading the scheduler uses). */
function wallClockInstant(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): Date | null {
  if (y < 1970 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const justBefore = new Date(Date.UTC(y, mo - 1, d, h, mi) - 2 * 86_400_000);
  const found = nextRun(`${mi} ${h} ${d} ${mo} ? ${y}`, timeZone, justBefore);
  return found && found.getTime() - justBefore.getTime() <= 4 * 86_400_000 ? found : null;
}

/** Reads --time for the job; throws with a readable message. */
export function jobInstant(raw: string | undefined, schedule: JobSchedule, now = new Date()): Date {
  if (raw === undefined) return new Date(Math.floor(now.getTime() / 1000) * 1000);
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
    const minute = wallClockInstant(y, mo, d, h, mi, schedule.timeZone);
    if (minute && s < 60) return new Date(minute.getTime() + s * 1000);
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
    const midnight = wallClockInstant(y, mo, d, 0, 0, schedule.timeZone);
    const [minutes, hours] = schedule.cron.trim().split(/\s+/);
    if (midnight && /^\d+$/.test(minutes ?? '') && /^\d+$/.test(hours ?? '')) {
      const run = nextRun(`${minutes} ${hours} * * ? *`, schedule.timeZone, new Date(midnight.getTime() - 1));
      if (run) return run;
    }
    if (midnight) return midnight;
  }
  throw new Error(`--time "${raw}" is not a date-time (e.g. 2026-11-30T09:00:00+08:00, 2026-11-30T09:00 or 2026-11-30)`);
}
