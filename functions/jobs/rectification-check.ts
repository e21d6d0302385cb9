import { checkRectifications } from '../use-cases/jobs/rectification-check';
import { runJob } from './run-job';
import { jobDeps } from './wiring';

export const handler = runJob('rectification-check', (now) => checkRectifications(jobDeps(), now));
