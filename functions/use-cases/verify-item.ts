import type { Caller } from '../domain/caller';
import type { Item, Verification } from '../domain/items';
import { verify } from '../domain/verification';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';

/** 核查: the office or an inspector passes (closes) or fails (reopens) a claimed completion. */
export async function verifyItem(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  verification: Verification,
  idempotencyKey?: string,
) {
  return changeItem<Item>(
    deps,
    caller,
    itemId,
    { commutes: false, idempotency: idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/verification`, verification) },
    (item, now) => {
      const { item: next, event } = verify(item, verification, caller, now);
      return { item: next, event, result: next };
    },
  );
}
