import { lateRectificationFact } from '../domain/assessment';
import type { Caller } from '../domain/caller';
import { say } from '../messages/message';
import { canReadNotice } from '../domain/access';
import { NotFound } from '../domain/errors';
import { submitRectification, type Rectification, type RectificationInput } from '../domain/notices';
import type { PinnedFile } from '../domain/attachments';
import { fileParts } from './attachments';
import { type AnnounceDeps, announce } from './announce';
import { rectificationHandedIn } from './announcements';
import { idempotencyRequest, once } from './idempotency';
import type { Clock, IdempotencyStore, NoticeRepository } from './ports';

/** 整改报告: a criticised unit explains itself and states its measures; `files` (checked by usableAttachments) go with it. */
export async function rectify(
  deps: { notices: NoticeRepository; idempotency: IdempotencyStore; clock: Clock; tell?: AnnounceDeps },
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
    // The office is told, in the hand-in's own transaction (a refused hand-in tells no one).
    const unitName = deps.tell && ((await deps.tell.units.getMany([rectification.unitId]))[0]?.name ?? rectification.unitId);
    const mail =
      deps.tell && unitName !== undefined
        ? await announce(rectificationHandedIn, { notice, rectification, unitName }, deps.tell, now)
        : undefined;
    // Handed in after its week: counted late, under the key an escalation of it would take.
    const facts = rectification.onTime ? [] : [lateRectificationFact(obligation)];
    await deps.notices.rectify(rectification, obligation, facts, remember?.(rectification), fileParts(files, to, now), mail);
    return rectification;
  });
  return { rectification: result, replayed };
}
