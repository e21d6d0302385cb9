import { acknowledge } from '../domain/acknowledgement';
import type { Caller } from '../domain/caller';
import type { Item } from '../domain/items';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';

/**
 * 签收: a responsible unit confirms receipt of an item. Signatures commute —
 * the lead and a co-unit signing at once must both stand — so a lost race is
 * decided again on the fresh item.
 */
export async function acknowledgeItem(deps: ChangeItemDeps, caller: Caller, itemId: string, idempotencyKey?: string) {
  return changeItem<Item>(
    deps,
    caller,
    itemId,
    { commutes: true, idempotency: idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/acknowledge`, {}) },
    (item, now) => {
      const { item: next, event } = acknowledge(item, caller, now);
      return { item: next, event, result: next };
    },
  );
}
