import { acknowledge } from '../domain/acknowledgement';
import type { Caller } from '../domain/caller';
import type { Item } from '../domain/items';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';

/** 签收: a responsible unit confirms receipt of an item. */
export async function acknowledgeItem(deps: ChangeItemDeps, caller: Caller, itemId: string, idempotencyKey?: string) {
  return changeItem<Item>(
    deps,
    caller,
    itemId,
    { commutes: false, idempotency: idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/acknowledge`, {}) },
    (item, now) => {
      const { item: next, event } = acknowledge(item, caller, now);
      return { item: next, event, result: next };
    },
  );
}
