import { namedNoOp } from './not-yet-implemented';

export const handler = namedNoOp('rectification-check');
