import { sendWeeklyDigest } from '../use-cases/jobs/weekly-digest';
import { runJob } from './run-job';
import { withJobAdapters } from './wiring';

export const handler = runJob('weekly-digest', (now, mode) => withJobAdapters(mode, (deps) => sendWeeklyDigest(deps, now)));
