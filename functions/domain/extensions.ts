import { EXTENSION_WITHDRAWN_NOTES } from './labels';
import { assertRole } from './access';
import { shanghaiDate, type CalendarDate } from './calendar';
import type { Caller } from './caller';
import { say } from '../messages/message';
import { Conflict, RuleViolation } from './errors';
import type { HistoryEvent } from './history';
import type { Item } from './items';
import type { DueRule } from './due-rule';
import { assertAllowed, assertResponsible, change } from './lifecycle';

/** `withdrawn`: the lead claimed completion while the request was pending, which supersedes it. */
import type { ExtensionStatus } from './codes';

export { type ExtensionStatus, extensionStatuses } from './codes';

/** 延期申请: the lead unit asks for a later deadline; the office decides. */
export interface ExtensionRequest {
  id: string;
  itemId: string;
  unitId: string;
  currentDueDate: CalendarDate;
  newDueDate: CalendarDate;
  /** How newDueDate was derived when working days were asked for. */
  newDueRule?: DueRule;
  reason: string;
  status: ExtensionStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

/** Only the lead asks, one request at a time, for a date later than both today and the current deadline. */
export function acceptExtensionRequest(
  item: Item,
  request: { newDueDate: CalendarDate; newDueRule?: DueRule; reason: string },
  context: { caller: Caller; now: Date; requestId: string },
): { item: Item; event: HistoryEvent; request: ExtensionRequest } {
  const unitId = assertResponsible(context.caller, item, true);
  assertAllowed('requestExtension', item);
  if (item.pendingExtension) {
    throw new Conflict(say('conflict.extension-pending', { itemId: item.id, requestId: item.pendingExtension }), 'extension-pending');
  }
  const today = shanghaiDate(context.now);
  if (request.newDueDate <= item.dueDate || request.newDueDate < today) {
    throw new RuleViolation('extension-not-later', say('rule.extension-not-later', { dueDate: item.dueDate }), [
      { path: 'newDueDate', message: say('rule.must-be-after', { date: item.dueDate }) },
    ]);
  }
  const extension: ExtensionRequest = {
    id: context.requestId,
    itemId: item.id,
    unitId,
    currentDueDate: item.dueDate,
    newDueDate: request.newDueDate,
    ...(request.newDueRule ? { newDueRule: request.newDueRule } : {}),
    reason: request.reason,
    status: 'pending',
    requestedBy: context.caller.sub,
    requestedAt: context.now.toISOString(),
  };
  const { item: next, event } = change(
    item,
    context.caller,
    context.now,
    'extension.requested',
    { requestId: extension.id, currentDueDate: item.dueDate, newDueDate: request.newDueDate, reason: request.reason },
    { pendingExtension: extension.id },
  );
  return { item: next, event, request: extension };
}

/**
 * A completion claim supersedes the lead's own pending request for more time; so do a reassignment
 * (the new lead asks for itself) and a withdrawal of the item (撤销).
 */
export function withdrawExtension(
  request: ExtensionRequest,
  now: Date,
  note: string = EXTENSION_WITHDRAWN_NOTES.completionClaimed,
): ExtensionRequest {
  return { ...request, status: 'withdrawn', decidedAt: now.toISOString(), note };
}

/** The office approves (the deadline moves; the old one stays in the history) or rejects. */
export function applyExtensionDecision(
  item: Item,
  request: ExtensionRequest,
  decision: { approve: boolean; note: string },
  context: { caller: Caller; now: Date },
): { item: Item; event: HistoryEvent; request: ExtensionRequest } {
  assertRole(context.caller, ['office'], 'Deciding an extension request');
  if (request.status !== 'pending') {
    throw new Conflict(say('conflict.extension-decided', { requestId: request.id, status: request.status }), 'extension-decided');
  }
  assertAllowed('decideExtension', item);
  const decided: ExtensionRequest = {
    ...request,
    status: decision.approve ? 'approved' : 'rejected',
    decidedBy: context.caller.sub,
    decidedAt: context.now.toISOString(),
    note: decision.note,
  };
  const { item: next, event } = change(
    item,
    context.caller,
    context.now,
    decision.approve ? 'extension.approved' : 'extension.rejected',
    {
      requestId: request.id,
      note: decision.note,
      ...(decision.approve ? { previousDueDate: item.dueDate, newDueDate: request.newDueDate } : {}),
    },
    // The item's rule goes with its date: the approved request's, or none for a plain date.
    { pendingExtension: undefined, ...(decision.approve ? { dueDate: request.newDueDate, dueRule: request.newDueRule } : {}) },
  );
  return { item: next, event, request: decided };
}
