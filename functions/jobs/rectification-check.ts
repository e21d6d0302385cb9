import { checkRectifications } from '../use-cases/jobs/rectification-check';
import { runJob } from './run-job';
import { withJobAdapters } from './wiring';

export const handler = runJob('rectification-check', (now, mode) => withJobAdapters(mode, (deps) => checkRectifications(deps, now)));
