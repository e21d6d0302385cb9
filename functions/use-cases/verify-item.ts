import type { Caller } from '../domain/caller';
import type { Item, Verification } from '../domain/items';
import { verify } from '../domain/verification';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';
import { announce } from './announce';
import { verificationRecorded } from './announcements';

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
    async (item, now) => {
      const { item: next, event } = verify(item, verification, caller, now);
      const mail = deps.tell && (await announce(verificationRecorded, { item: next }, deps.tell, now));
      return { item: next, event, result: next, mail };
    },
  );
}
