import type { Caller } from '../domain/caller';
import { NotFound } from '../domain/errors';
import { latestOf, reviewRectification, type Rectification, type ReviewInput } from '../domain/notices';
import { say } from '../messages/message';
import { idempotencyRequest, once } from './idempotency';
import { announce, type TellDeps } from './announce';
import { rectificationReviewed } from './announcements';
import type { Clock, IdempotencyStore, MailBatch, NoticeRepository } from './ports';

/**
 * The office accepts a unit's latest rectification, or returns it (退回重报) for the unit to hand in again. The unit
 * is told (rectificationReviewed): the email is written with the review and sent after it; a retry sends nothing.
 */
export async function reviewUnitRectification(
  deps: { notices: NoticeRepository; idempotency: IdempotencyStore; clock: Clock; tell?: TellDeps },
  caller: Caller,
  noticeId: string,
  unitId: string,
  input: ReviewInput,
  idempotencyKey?: string,
): Promise<{ rectification: Rectification; replayed: boolean }> {
  const notice = await deps.notices.get(noticeId);
  if (!notice) throw new NotFound(say('missing.notice', { id: noticeId }));
  if (!notice.unitIds.includes(unitId)) throw new NotFound(say('missing.rectification-unit', { noticeId, unitId }));
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, `POST /notices/${noticeId}/rectifications/${unitId}/review`, input);
  let batch: MailBatch | undefined;
  const { result, replayed } = await once<Rectification>(deps.idempotency, request, now, async (remember) => {
    const [obligations, given] = await Promise.all([deps.notices.obligations(noticeId), deps.notices.rectifications(noticeId)]);
    const owed = obligations.find((o) => o.unitId === unitId);
    const { rectification, obligation } = reviewRectification(notice, owed, latestOf(given, unitId), input, { caller, now });
    batch = deps.tell && (await announce(rectificationReviewed, { notice, rectification, obligation }, deps.tell, now));
    await deps.notices.review(rectification, obligation, remember?.(rectification), batch);
    return rectification;
  });
  return { rectification: result, replayed };
}
