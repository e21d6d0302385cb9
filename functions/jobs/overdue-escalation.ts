import { daysFromEnv, ENV, graceUnitFromEnv } from '../config';
import { DEFAULT_GRACE_DAYS, escalateOverdue } from '../use-cases/jobs/overdue-escalation';
import { runJob } from './run-job';
import { withJobAdapters } from './wiring';

const [graceDays = DEFAULT_GRACE_DAYS] = daysFromEnv(ENV.graceDays, [DEFAULT_GRACE_DAYS]);
const graceIn = graceUnitFromEnv();

export const handler = runJob('overdue-escalation', (now, mode) =>
  withJobAdapters(mode, (deps) => escalateOverdue(deps, now, graceDays, graceIn)),
);
