import type { Caller } from '../domain/caller';
import { acceptCompletionClaim } from '../domain/completion';
import { withdrawExtension } from '../domain/extensions';
import type { Item } from '../domain/items';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';
import { copyCheck, earlierReports } from './submit-report';
import type { PinnedFile } from '../domain/attachments';
import { fileParts, withFiles } from './attachments';

/**
 * The lead unit claims the item done; a claim that merely repeats an earlier report is flagged; a pending extension
 * request is withdrawn. Its files (checked before) are attached in the claim's transaction and named in its event.
 */
export async function claimCompletion(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  body: { summary: string; attachmentIds?: string[] },
  idempotencyKey?: string,
  files: readonly PinnedFile[] = [],
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
      const attachments = [
        ...(pending ? [{ kind: 'extension' as const, request: withdrawExtension(pending, now), decided: true }] : []),
        ...fileParts(files, { kind: 'completion', itemId }, now),
      ];
      return { item: next, event: withFiles(event, files), attachments, result: next };
    },
  );
}
