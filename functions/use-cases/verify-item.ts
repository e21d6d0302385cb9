import type { Caller } from '../domain/caller';
import type { Item, Verification } from '../domain/items';
import { verify } from '../domain/verification';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';
import { announce } from './announce';
import { verificationRecorded } from './announcements';
import type { PinnedFile } from '../domain/attachments';
import { fileParts, withFiles } from './attachments';

/** 核查: the office or an inspector passes (closes) or fails (reopens) a claimed completion; its photos go with it, named in its event. */
export async function verifyItem(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  body: Verification & { attachmentIds?: string[] },
  idempotencyKey?: string,
  files: readonly PinnedFile[] = [],
) {
  const { attachmentIds: _named, ...verification } = body;
  return changeItem<Item>(
    deps,
    caller,
    itemId,
    { commutes: false, idempotency: idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/verification`, body) },
    async (item, now) => {
      const { item: next, event } = verify(item, verification, caller, now);
      const mail = deps.tell && (await announce(verificationRecorded, { item: next }, deps.tell, now));
      const attachments = fileParts(files, { kind: 'verification', itemId }, now);
      return { item: next, event: withFiles(event, files), attachments, result: next, mail };
    },
  );
}
