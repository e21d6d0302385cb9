import type { Caller } from '../domain/caller';
import { acceptCompletionClaim } from '../domain/completion';
import { withdrawExtension } from '../domain/extensions';
import type { Item } from '../domain/items';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';
import { copyCheck, earlierReports } from './submit-report';

/** The lead unit claims the item done; a claim that merely repeats an earlier report is flagged; a pending extension request is withdrawn. */
export async function claimCompletion(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  body: { summary: string },
  idempotencyKey?: string,
) {
  return changeItem<Item>(
    deps,
    caller,
    itemId,
    { commutes: false, idempotency: idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/completion`, body) },
    async (item, now) => {
      const possibleCopyOf = copyCheck(body.summary, await earlierReports(deps.items, itemId));
      const { item: next, event } = acceptCompletionClaim(item, body, { caller, now, possibleCopyOf });
      const pending = item.pendingExtension ? await deps.items.extension(itemId, item.pendingExtension) : null;
      const attachments = pending ? [{ kind: 'extension' as const, request: withdrawExtension(pending, now), decided: true }] : [];
      return { item: next, event, attachments, result: next };
    },
  );
}
