import type { Caller } from '../domain/caller';
import { Conflict, PreconditionFailed } from '../domain/errors';
import { withdrawExtension } from '../domain/extensions';
import { EXTENSION_WITHDRAWN_NOTES } from '../domain/labels';
import { assertVersion, editItem, moveDeadline, reassign, withdrawItem, type DeadlineMove, type ItemEdit } from '../domain/item-edits';
import type { HistoryEvent } from '../domain/history';
import type { Item } from '../domain/items';
import { unknownUnits } from '../domain/registration';
import { assertLeaderKnown } from '../domain/unit-edits';
import { say } from '../messages/message';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';
import { allPages } from './pages';
import type { Attachment, MailBatch, UnitRepository } from './ports';
import { announce, type Announcement } from './announce';
import { coUnitsChanged, deadlineMoved, itemReassigned, itemWithdrawn, type UnitNames } from './announcements';

export interface EditItemDeps extends ChangeItemDeps {
  units: Pick<UnitRepository, 'missing' | 'all'>;
}

/** What every edit carries besides its body: the version it was made against (If-Match) and its Idempotency-Key. */
export interface EditRequest {
  ifMatch: number;
  idempotencyKey?: string;
}

/**
 * One edit through changeItem (not commuting: an edit made against a version
 * that moved is refused, never merged): the version check first (412), then
 * the rule. A race lost between our read and our write is the same stale
 * version, so it answers 412 too. The If-Match is part of what a retry must
 * repeat, so a retry with the same key gets the first answer back.
 */
async function edit(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  operation: string,
  body: unknown,
  request: EditRequest,
  decide: (item: Item, now: Date) => Promise<{ item: Item; event: HistoryEvent; attachments?: Attachment[]; mail?: MailBatch } | null>,
): Promise<{ result: Item; replayed: boolean }> {
  const idempotency = idempotencyRequest(request.idempotencyKey, caller.sub, `${operation} /items/${itemId}`, {
    ifMatch: request.ifMatch,
    body,
  });
  try {
    return await changeItem<Item>(deps, caller, itemId, { commutes: false, idempotency }, async (item, now) => {
      assertVersion(item, request.ifMatch);
      const decided = await decide(item, now);
      // Nothing changed: answer the item as it is, with nothing written.
      if (decided === null) throw new Unchanged(item);
      return { ...decided, result: decided.item };
    });
  } catch (error) {
    if (error instanceof Unchanged) return { result: error.item, replayed: false };
    if (error instanceof Conflict && error.code === 'version-conflict') {
      const current = (await deps.items.get(itemId))?.version ?? request.ifMatch;
      throw new PreconditionFailed(say('precondition.version-stale', { itemId, expected: request.ifMatch, current }));
    }
    throw error;
  }
}

/** An edit that changes nothing writes nothing (no version, no event). */
class Unchanged extends Error {
  constructor(readonly item: Item) {
    super('unchanged');
  }
}

/** The names of the units a letter mentions (the item's, and any other it names), read once. */
async function namesOf(deps: ChangeItemDeps, ids: readonly string[]): Promise<UnitNames> {
  if (!deps.tell) return {};
  return Object.fromEntries((await deps.tell.units.getMany([...new Set(ids)])).map((u) => [u.id, u.name]));
}

/** The change's emails (announce.ts), written with it by changeItem and sent once it committed; none without `tell`. */
async function tellOf(
  deps: ChangeItemDeps,
  row: Announcement<{ item: Item; data: Record<string, unknown>; names: UnitNames }>,
  decided: { item: Item; event: HistoryEvent },
  now: Date,
  named: readonly string[] = [],
): Promise<MailBatch | undefined> {
  if (!deps.tell) return undefined;
  const { item, event } = decided;
  const names = await namesOf(deps, [item.leadUnit, ...item.coUnits, ...named]);
  return announce(row, { item, data: event.data, names }, deps.tell, now);
}

/** The requirements some report answered (by index): those may not be removed, moved or reworded. */
async function answeredRequirements(deps: ChangeItemDeps, itemId: string): Promise<Set<number>> {
  const reports = await allPages((page) => deps.items.reports(itemId, page));
  return new Set(reports.flatMap((r) => r.answers.map((a) => a.requirement)));
}

/** `PATCH /items/{id}`: co-units must be in the roster, the leader in charge a leaderId of it. */
export async function editItemFields(deps: EditItemDeps, caller: Caller, itemId: string, body: ItemEdit, request: EditRequest) {
  return edit(deps, caller, itemId, 'PATCH', body, request, async (item, now) => {
    if (body.coUnits) unknownUnits({ leadUnit: item.leadUnit, coUnits: body.coUnits }, await deps.units.missing(body.coUnits));
    if (body.leaderInCharge) assertLeaderKnown(body.leaderInCharge, await deps.units.all());
    const answered = body.requirements ? await answeredRequirements(deps, itemId) : new Set<number>();
    const decided = editItem(item, body, { caller, now, answeredRequirements: answered });
    if (!decided || !deps.tell) return decided;
    const added = decided.item.coUnits.filter((u) => !item.coUnits.includes(u));
    const removed = item.coUnits.filter((u) => !decided.item.coUnits.includes(u));
    if (added.length === 0 && removed.length === 0) return decided;
    const names = await namesOf(deps, [decided.item.leadUnit, ...decided.item.coUnits, ...removed]);
    return { ...decided, mail: await announce(coUnitsChanged, { item: decided.item, names, added, removed }, deps.tell, now) };
  });
}

/** `POST /items/{id}/deadline`: moved by a decision, recorded like an approved extension. */
export async function moveItemDeadline(deps: ChangeItemDeps, caller: Caller, itemId: string, body: DeadlineMove, request: EditRequest) {
  return edit(deps, caller, itemId, 'POST deadline', body, request, async (item, now) => {
    const decided = moveDeadline(item, body, { caller, now });
    return { ...decided, mail: await tellOf(deps, deadlineMoved, decided, now) };
  });
}

/** The pending extension request an edit supersedes, written withdrawn with the edit. */
async function supersededExtension(deps: ChangeItemDeps, item: Item, now: Date, note: string): Promise<Attachment[]> {
  const pending = item.pendingExtension ? await deps.items.extension(item.id, item.pendingExtension) : null;
  return pending ? [{ kind: 'extension', request: withdrawExtension(pending, now, note), decided: true }] : [];
}

/** `POST /items/{id}/reassignment`: the new lead must be in the roster. */
export async function reassignItem(
  deps: EditItemDeps,
  caller: Caller,
  itemId: string,
  body: { leadUnit: string; reason: string },
  request: EditRequest,
) {
  return edit(deps, caller, itemId, 'POST reassignment', body, request, async (item, now) => {
    const decided = reassign(item, body, { caller, now });
    const missing = await deps.units.missing([body.leadUnit]);
    unknownUnits({ leadUnit: body.leadUnit, coUnits: [] }, missing);
    return {
      ...decided,
      attachments: await supersededExtension(deps, item, now, EXTENSION_WITHDRAWN_NOTES.reassigned),
      mail: await tellOf(deps, itemReassigned, decided, now, [item.leadUnit]),
    };
  });
}

/** `POST /items/{id}/withdrawal`: 撤销. */
export async function withdrawLedgerItem(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  body: { reason: string; decision: string },
  request: EditRequest,
) {
  return edit(deps, caller, itemId, 'POST withdrawal', body, request, async (item, now) => {
    const decided = withdrawItem(item, body, { caller, now });
    return {
      ...decided,
      attachments: await supersededExtension(deps, item, now, EXTENSION_WITHDRAWN_NOTES.itemWithdrawn),
      mail: await tellOf(deps, itemWithdrawn, decided, now),
    };
  });
}
