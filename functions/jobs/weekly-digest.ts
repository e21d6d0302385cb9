import { sendWeeklyDigest } from '../use-cases/jobs/weekly-digest';
import { runJob } from './run-job';
import { jobDeps } from './wiring';

export const handler = runJob('weekly-digest', (now) => sendWeeklyDigest(jobDeps(), now));
