import { daysFromEnv, ENV, graceUnitFromEnv } from '../config';
import { DEFAULT_GRACE_DAYS, escalateOverdue } from '../use-cases/jobs/overdue-escalation';
import { DynamoOfficeSummaries } from '../adapters/dynamodb/office-summaries';
import { jobDate } from '../use-cases/jobs/job-context';
import { summariseOffice } from '../use-cases/office-summary';
import { runJob } from './run-job';
import { withJobAdapters } from './wiring';

const [graceDays = DEFAULT_GRACE_DAYS] = daysFromEnv(ENV.graceDays, [DEFAULT_GRACE_DAYS]);
const graceIn = graceUnitFromEnv();

const summaries = new DynamoOfficeSummaries();

/**
 * After the day's escalation, the office's summary of the day for the roll-up of the tree (summariseOffice): not on
 * a dry run, which writes nothing. A summary that fails fails the run, which the schedule retries (the escalation
 * sends nothing twice).
 */
export const handler = runJob('overdue-escalation', (now, mode) =>
  withJobAdapters(mode, async (deps) => {
    const result = await escalateOverdue(deps, now, graceDays, graceIn);
    if (!mode.dryRun) await summariseOffice({ ...deps, summaries }, jobDate(now));
    return result;
  }),
);
