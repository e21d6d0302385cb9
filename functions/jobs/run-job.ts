import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, METRIC, publishCounts } from '../observability';
import { powertools } from '../powertools';
import { runningFunction } from '../running-function';
import type { JobResult } from '../use-cases/jobs/job-context';
import { lambdaOfficeRuns } from '../adapters/aws/office-runs';
import { DynamoOfficeRegistry } from '../adapters/dynamodb/office-registry';
import { ENV } from '../config';
import { inOffice } from '../adapters/office-scope';
import { isCalendarDate } from '../domain/calendar';
import { isOfficeId, type Office } from '../domain/offices';
import type { OfficeRegistry, OfficeRuns } from '../use-cases/ports';
import { combined, jobSummary, type JobSummary, zonedIso } from './job-summary';
import { jobDate } from '../use-cases/jobs/job-context';
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
  /** Run for this office only (`npm run job -- NAME --office hanbin`); absent, for every office. */
  office?: string;
}

/** A run in which some offices failed (the others were done): the schedule retries it. */
export class JobFailed extends Error {
  constructor(
    job: string,
    readonly offices: { office: string; error: unknown }[],
  ) {
    super(`${job} failed for ${offices.map((o) => `${o.office} (${(o.error as Error).message})`).join(', ')}`);
    this.name = 'JobFailed';
  }
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The job's event, or an error naming what is wrong with it (the run fails and the schedule retries, then its
 * dead-letter queue keeps it). A plain check rather than a zod schema: it keeps zod out of the jobs' bundles.
 */
export function jobEventOf(event: unknown): JobEvent {
  const { time, job, dryRun, office } = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const day = typeof time === 'string' ? INSTANT.exec(time)?.[1] : undefined;
  if (day === undefined || !isCalendarDate(day))
    throw new TypeError(`job event: time must be an RFC 3339 instant with a zone, got ${JSON.stringify(time)}`);
  if (job !== undefined && typeof job !== 'string') throw new TypeError('job event: job must be a string');
  if (dryRun !== undefined && typeof dryRun !== 'boolean') throw new TypeError('job event: dryRun must be true or false');
  if (office !== undefined && (typeof office !== 'string' || !isOfficeId(office)))
    throw new TypeError(`job event: office must be an office id, got ${JSON.stringify(office)}`);
  return {
    time: time as string,
    ...(job !== undefined ? { job } : {}),
    ...(dryRun !== undefined ? { dryRun } : {}),
    ...(office !== undefined ? { office } : {}),
  };
}

/**
 * The scheduled handler of one job (with the Powertools middlewares): "now" is the event's `time` (the
 * schedule's instant, or any instant `npm run job` gives), the use case
 * does the work, and its summary is logged (once, at info) and returned.
 * Failures to send are in the summary, not thrown: they stay pending for the
 * next run; a warning says so, naming only the failures.
 */
export function runJob(
  job: JobName,
  run: (now: Date, mode: { dryRun: boolean; office: Office }) => Promise<JobResult>,
  /** The offices a job runs for: every one of the tree. */
  offices: Pick<OfficeRegistry, 'all'> = new DynamoOfficeRegistry(),
  /** In AWS (JOB_FAN_OUT=lambda): the scheduled run starts one run per office instead of running them in turn. */
  fanOut: OfficeRuns | undefined = process.env[ENV.jobFanOut] === 'lambda' ? lambdaOfficeRuns : undefined,
) {
  /** One office's run, in that office (adapters/office-scope.ts): its ledger, its roster, its 文号. */
  const runFor = async (office: Office, time: string, dryRun: boolean): Promise<JobSummary> => {
    const result = await inOffice(office.id, () => run(new Date(time), { dryRun, office }));
    const summary = { ...jobSummary(result), office: office.id };
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
        office: office.id,
        failures: summary.failures,
      });
    return summary;
  };
  const handle = async (event: unknown): Promise<JobSummary> => {
    const { time, dryRun = false, office } = jobEventOf(event);
    const all = await offices.all();
    const chosen = office === undefined ? all : all.filter((o) => o.id === office);
    if (chosen.length === 0) throw new TypeError(`job event: no office ${office}`);
    if (fanOut && chosen.length > 1) return startEach(fanOut, job, time, dryRun, chosen);
    // Each office in turn; one office's failure never stops the others'. A failure is thrown at the end, so the
    // schedule retries the run (the offices done already send nothing twice) and its dead-letter queue keeps it.
    const runs: JobSummary[] = [];
    const failed: { office: string; error: unknown }[] = [];
    for (const one of chosen) {
      try {
        runs.push(await runFor(one, time, dryRun));
      } catch (error) {
        logger.error(`${job} failed for an office; the others go on`, { office: one.id, error: (error as Error).name });
        failed.push({ office: one.id, error });
      }
    }
    if (failed.length > 0) throw new JobFailed(job, failed);
    return runs.length === 1 ? (runs[0] as JobSummary) : combined(runs);
  };
  const wrapped = middy<unknown, JobSummary>().use(powertools()).handler(handle);
  // Scripts and tests call a job without a Lambda context; powertools() stands one in.
  return (event: unknown, context?: Context): Promise<JobSummary> =>
    runningFunction.run(`job:${job}`, () => wrapped(event, context as Context));
}

/**
 * The scheduled run of a tree: one run started per office (each sends and issues for its office alone, and sends
 * nothing twice if started twice), and a summary that names them. Every office is tried; if any could not be
 * started the run fails after the others, and the schedule's retry starts them all again (those already done find
 * nothing left to do).
 */
async function startEach(runs: OfficeRuns, job: JobName, time: string, dryRun: boolean, offices: readonly Office[]): Promise<JobSummary> {
  const failed: { office: string; error: unknown }[] = [];
  for (const office of offices) {
    await runs
      .start({ time, job, office: office.id, ...(dryRun ? { dryRun } : {}) })
      .catch((error: unknown) => failed.push({ office: office.id, error }));
  }
  if (failed.length > 0) throw new JobFailed(job, failed);
  logger.info(`${job}: a run started for each of ${offices.length} offices`, { job, offices: offices.length });
  const at = new Date(time);
  const nothingYet = { looked: 0, sent: 0, skipped: 0, failed: 0, failures: [], parked: 0, noticesIssued: [], unitsWithoutContacts: [] };
  return { job, time: zonedIso(at), date: jobDate(at), ...nothingYet, started: offices.map((o) => o.id) };
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
