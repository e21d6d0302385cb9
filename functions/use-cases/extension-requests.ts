import { assertCanRead } from '../domain/access';
import type { Caller } from '../domain/caller';
import { say } from '../messages/message';
import { NotFound } from '../domain/errors';
import { acceptExtensionRequest, applyExtensionDecision, type ExtensionRequest } from '../domain/extensions';
import { timeOrderedId } from '../domain/ids';
import { type DueInput, resolveDue, WorkingCalendar } from '../domain/working-days';
import { changeItem, type ChangeItemDeps } from './change-item';
import type { CalendarStore } from './ports';
import { workingCalendar } from './working-calendar';
import { idempotencyRequest } from './idempotency';
import { announce } from './announce';
import { extensionDecided, extensionRequested } from './announcements';

/** 延期申请: the lead unit asks for a later deadline. */
export async function requestExtension(
  deps: ChangeItemDeps & { calendar?: CalendarStore },
  caller: Caller,
  itemId: string,
  body: { newDueDate: DueInput; reason: string },
  idempotencyKey?: string,
) {
  return changeItem<ExtensionRequest>(
    deps,
    caller,
    itemId,
    { commutes: false, idempotency: idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/extension-requests`, body) },
    async (item, now) => {
      // Working days asked for count on from the current deadline: the time granted does not depend on when the office decides.
      const calendar = typeof body.newDueDate === 'string' ? new WorkingCalendar() : await workingCalendar(deps.calendar);
      const due = resolveDue(body.newDueDate, item.dueDate, calendar);
      const asked = { reason: body.reason, newDueDate: due.dueDate, ...(due.dueRule ? { newDueRule: due.dueRule } : {}) };
      const { item: next, event, request } = acceptExtensionRequest(item, asked, { caller, now, requestId: timeOrderedId(now) });
      // The office is told, in the request's own transaction (a refused request tells no one).
      const leadUnitName = deps.tell && ((await deps.tell.units.getMany([item.leadUnit]))[0]?.name ?? item.leadUnit);
      const mail =
        deps.tell && leadUnitName !== undefined
          ? await announce(extensionRequested, { item: next, request, leadUnitName }, deps.tell, now)
          : undefined;
      return { item: next, event, attachments: [{ kind: 'extension', request }], result: request, mail };
    },
  );
}

/** The office decides; approval moves the deadline, and the request, decided, stays on record. */
export async function decideExtension(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  requestId: string,
  body: { approve: boolean; note: string },
  idempotencyKey?: string,
) {
  return changeItem<ExtensionRequest>(
    deps,
    caller,
    itemId,
    {
      commutes: false,
      idempotency: idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/extension-requests/${requestId}/decision`, body),
    },
    async (item, now) => {
      const request = await deps.items.extension(itemId, requestId);
      if (!request) throw new NotFound(say('missing.extension-request', { itemId, requestId }));
      const { item: next, event, request: decided } = applyExtensionDecision(item, request, body, { caller, now });
      const mail = deps.tell && (await announce(extensionDecided, { item: next, request: decided }, deps.tell, now));
      return { item: next, event, attachments: [{ kind: 'extension', request: decided, decided: true }], result: decided, mail };
    },
  );
}

/** Every request on the item and its decision stay visible, oldest first. */
export async function listExtensionRequests(deps: Pick<ChangeItemDeps, 'items'>, caller: Caller, itemId: string) {
  assertCanRead(caller, await deps.items.get(itemId), itemId);
  return deps.items.extensions(itemId);
}
