import { namedNoOp } from './not-yet-implemented';

export const handler = namedNoOp('overdue-escalation');
