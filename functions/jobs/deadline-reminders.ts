import { namedNoOp } from './not-yet-implemented';

export const handler = namedNoOp('deadline-reminders');
