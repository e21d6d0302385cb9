import { say } from '../messages/message';
import { canReadNotice } from '../domain/access';
import type { Caller } from '../domain/caller';
import { NotFound } from '../domain/errors';
import { attemptOf, latestOf, type Notice, type ObligationStatus, type Rectification, type RectificationDecision } from '../domain/notices';
import { noticeDelivery, type UnitDelivery } from '../domain/mail-events';
import type { MailEventStore, NoticeRepository, Page, PageRequest } from './ports';

export interface NoticeWithRectifications extends Notice {
  rectifications: {
    unitId: string;
    due: string;
    status: ObligationStatus;
    submittedAt?: string;
    onTime?: boolean;
    /** The office's review of the latest hand-in, when there is one. */
    review?: RectificationDecision;
    submissions?: number;
  }[];
  /** Per named unit, whether the notice's mail reached it (delivery receipts); a unit reads only its own. */
  delivery?: UnitDelivery[];
}

/**
 * A notice with where each named unit stands on its rectification. The office, leaders and
 * inspectors read every notice; a unit only those naming it, and one that does not answers
 * exactly like a missing one, so a unit cannot learn what is said of others.
 */
export async function getNotice(
  notices: NoticeRepository,
  caller: Caller,
  id: string,
  receipts?: Pick<MailEventStore, 'noticeMails'>,
): Promise<NoticeWithRectifications> {
  const notice = await notices.get(id);
  if (!notice || !canReadNotice(caller, notice)) throw new NotFound(say('missing.notice', { id }));
  const [owed, given, mails] = await Promise.all([notices.obligations(id), notices.rectifications(id), receipts?.noticeMails(id)]);
  // A unit learns whether it was told and how its own rectification stands, not the others'.
  const shown = caller.role === 'unit' ? notice.unitIds.filter((u) => u === caller.unitId) : notice.unitIds;
  const ownLines = caller.role === 'unit' ? owed.filter((o) => o.unitId === caller.unitId) : owed;
  return {
    ...notice,
    ...(mails ? { delivery: noticeDelivery(shown, mails) } : {}),
    rectifications: ownLines.map((o) => {
      const r = latestOf(given, o.unitId);
      return {
        unitId: o.unitId,
        due: o.due,
        // A withdrawn notice owes nothing, whether or not each obligation was marked yet (a big notice's are marked after it).
        status: notice.withdrawn ? ('withdrawn' as const) : o.status,
        ...(r ? { submittedAt: r.submittedAt, onTime: r.onTime } : {}),
        // Said only once there was more than one hand-in (after 退回重报).
        ...(r && attemptOf(r) > 1 ? { submissions: attemptOf(r) } : {}),
        ...(r?.review ? { review: r.review.decision } : {}),
      };
    }),
  };
}

/** Notices, newest first: a unit's list holds only the notices that name it. */
export const listNotices = (notices: NoticeRepository, caller: Caller, page: PageRequest): Promise<Page<Notice>> =>
  notices.list(page, caller.role === 'unit' ? (caller.unitId ?? '') : undefined);

/**
 * The rectifications handed in under a notice, every hand-in (a returned one and the one after it),
 * oldest first per unit: the office and leaders read all; a unit reads only its own, and a notice
 * not naming it answers like a missing one. Inspectors are refused by role at the edge.
 */
export async function readRectifications(
  notices: NoticeRepository,
  caller: Caller,
  noticeId: string,
  unitId?: string,
): Promise<Rectification[]> {
  const notice = await notices.get(noticeId);
  if (!notice || !canReadNotice(caller, notice)) throw new NotFound(say('missing.notice', { id: noticeId }));
  const only = caller.role === 'unit' ? caller.unitId : unitId;
  if (unitId !== undefined && (!notice.unitIds.includes(unitId) || (caller.role === 'unit' && unitId !== caller.unitId))) {
    throw new NotFound(say('missing.rectification-unit', { noticeId, unitId }));
  }
  return (await notices.rectifications(noticeId))
    .filter((r) => only === undefined || r.unitId === only)
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || attemptOf(a) - attemptOf(b));
}
