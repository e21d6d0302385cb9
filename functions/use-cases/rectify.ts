import type { Caller } from '../domain/caller';
import { say } from '../messages/message';
import { canReadNotice } from '../domain/access';
import { NotFound } from '../domain/errors';
import { submitRectification, type Rectification, type RectificationInput } from '../domain/notices';
import type { PinnedFile } from '../domain/attachments';
import { fileParts } from './attachments';
import { idempotencyRequest, once } from './idempotency';
import type { Clock, IdempotencyStore, NoticeRepository } from './ports';

/** 整改报告: a criticised unit explains itself and states its measures; `files` (checked by usableAttachments) go with it. */
export async function rectify(
  deps: { notices: NoticeRepository; idempotency: IdempotencyStore; clock: Clock },
  caller: Caller,
  noticeId: string,
  input: RectificationInput,
  idempotencyKey?: string,
  files: readonly PinnedFile[] = [],
): Promise<{ rectification: Rectification; replayed: boolean }> {
  const notice = await deps.notices.get(noticeId);
  // A notice that does not name the unit is as absent to it as a missing one (GET /notices/{id} answers 404 too):
  // a 403 would tell a unit that a notice about others exists.
  if (!notice || !canReadNotice(caller, notice)) throw new NotFound(say('missing.notice', { id: noticeId }));
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, `POST /notices/${noticeId}/rectifications`, input);
  const { result, replayed } = await once<Rectification>(deps.idempotency, request, now, async (remember) => {
    const owed = (await deps.notices.obligations(noticeId)).find((o) => o.unitId === caller.unitId);
    const { rectification, obligation } = submitRectification(notice, owed, input, { caller, now });
    const to = { kind: 'rectification' as const, noticeId, unitId: rectification.unitId };
    await deps.notices.rectify(rectification, obligation, remember?.(rectification), fileParts(files, to, now));
    return rectification;
  });
  return { rectification: result, replayed };
}
