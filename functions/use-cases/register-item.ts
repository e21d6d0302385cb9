import { randomUUID } from 'node:crypto';
import type { Caller } from '../domain/caller';
import type { Item, ItemRegistration } from '../domain/items';
import { newItem, unknownUnits } from '../domain/registration';
import { assertLeaderKnown } from '../domain/unit-edits';
import { idempotencyRequest, once } from './idempotency';
import type { Clock, IdempotencyStore, ItemRepository, UnitRepository } from './ports';

export interface RegisterItemDeps {
  items: ItemRepository;
  units: UnitRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
  newId?: () => string;
}

/**
 * 立项派发: the office registers a decision in the ledger and dispatches it
 * to its units, all of which must be in the ledger; the item, its first
 * history event and its unit memberships are written together, or not at all.
 */
export async function registerItem(
  deps: RegisterItemDeps,
  caller: Caller,
  input: ItemRegistration,
  idempotencyKey?: string,
): Promise<{ item: Item; replayed: boolean }> {
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, 'POST /items', input);
  const { result, replayed } = await once<Item>(deps.idempotency, request, now, async (remember) => {
    const { item, event } = newItem(input, { id: (deps.newId ?? randomUUID)(), actor: caller, now });
    // Units are never deleted, so a unit found now is still there when the item is written.
    unknownUnits(input, await deps.units.missing([input.leadUnit, ...input.coUnits]));
    if (input.leaderInCharge !== undefined) assertLeaderKnown(input.leaderInCharge, await deps.units.all());
    await deps.items.register(item, event, remember?.(item));
    return item;
  });
  return { item: result, replayed };
}
