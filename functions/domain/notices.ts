import { addDays, shanghaiDate, type CalendarDate } from './calendar';
import { actorOf, type Actor, type Caller } from './caller';
import { say } from '../messages/message';
import { Conflict, Forbidden } from './errors';

/**
 * 通报: a bulletin. A criticism notice (通报批评) names the units that failed;
 * each of them owes a rectification report (整改报告: explanation, measures,
 * written report) within ONE WEEK of the notice (rule 3). Serious or repeated
 * cases are notified at government level (以政府名义通报), optionally with
 * media exposure (rule 2).
 */
import type { NoticeLevel, ObligationStatus, RectificationDecision } from './codes';

export { type NoticeLevel, noticeLevels, type ObligationStatus, rectificationDecisions, type RectificationDecision } from './codes';

/** The 文号 prefix when NOTICE_NUMBER_PREFIX is not set. */
export const DEFAULT_NOTICE_NUMBER_PREFIX = '安督通';

/** 安督通〔2026〕12号: prefix, year in 六角括号, the year's sequence number. */
export const documentNumber = (prefix: string, year: number, sequence: number) => `${prefix}〔${year}〕${sequence}号`;

/** Rule 3: the rectification report is due within one week of the notice. */
export const RECTIFICATION_DAYS = 7;

export interface NoticeInput {
  level: NoticeLevel;
  unitIds: string[];
  itemIds: string[];
  reason: string;
  mediaExposure: boolean;
}

export interface Notice extends NoticeInput {
  id: string;
  /** 文号: the prefix, the year and the year's sequence, e.g. 安督通〔2026〕12号 (absent on notices issued before numbering). */
  documentNumber?: string;
  issuedAt: string;
  issuedBy: Actor;
  /** The Shanghai date by which each named unit owes its rectification. */
  rectificationDue: CalendarDate;
  /** The notices whose unrectified units this one escalates (rectification-check). */
  escalates?: string[];
  /** Units that missed this notice's deadline after an earlier one too: the office may refer them (移送). */
  referralSuggested?: string[];
  /** Withdrawn by the office (issued in error): it owes nothing and counts for nothing any more. */
  withdrawn?: NoticeWithdrawal;
}

export interface NoticeWithdrawal {
  at: string;
  by: Actor;
  reason: string;
}

/** What one named unit owes under a notice. */
export interface RectificationObligation {
  noticeId: string;
  unitId: string;
  due: CalendarDate;
  status: ObligationStatus;
  /** How many rectifications the unit has handed in under this notice (more than one after 退回重报). */
  submissions?: number;
  /** Escalated once by the one-week check: a returned rectification is not escalated a second time. */
  wasEscalated?: true;
}

export interface RectificationInput {
  explanation: string;
  measures: string;
  report: string;
  /** 书面整改报告 as files: ids from POST /attachments. */
  attachmentIds?: string[];
}

export interface Rectification extends RectificationInput {
  noticeId: string;
  unitId: string;
  submittedAt: string;
  submittedBy: string;
  onTime: boolean;
  /** 1 for the first hand-in; 2, 3… after the office returned the one before (absent: 1). */
  attempt?: number;
  review?: RectificationReview;
}

export interface RectificationReview {
  decision: RectificationDecision;
  /** Why it was returned (required then): what the unit must do better. */
  reason?: string;
  at: string;
  by: Actor;
}

export interface ReviewInput {
  decision: RectificationDecision;
  reason?: string;
}

export const rectificationDue = (issuedAt: Date): CalendarDate => addDays(shanghaiDate(issuedAt), RECTIFICATION_DAYS);

/** Issues a notice: by the office, or by a scheduled job acting for it. */
export function newNotice(
  input: NoticeInput,
  context: { id: string; issuer: Caller; now: Date; escalates?: string[]; referralSuggested?: string[]; documentNumber?: string },
): { notice: Notice; obligations: RectificationObligation[] } {
  if (context.issuer.role !== 'office') throw new Forbidden(say('auth.office-issues-notices'));
  const due = rectificationDue(context.now);
  const notice: Notice = {
    id: context.id,
    ...(context.documentNumber ? { documentNumber: context.documentNumber } : {}),
    ...input,
    issuedAt: context.now.toISOString(),
    issuedBy: actorOf(context.issuer),
    rectificationDue: due,
    ...(context.escalates?.length ? { escalates: context.escalates } : {}),
    ...(context.referralSuggested?.length ? { referralSuggested: context.referralSuggested } : {}),
  };
  return { notice, obligations: input.unitIds.map((unitId) => ({ noticeId: notice.id, unitId, due, status: 'owed' as const })) };
}

/**
 * A named unit hands in its rectification report. Late is still accepted
 * (and marked), since the office wants the report either way; once given it
 * cannot be given again.
 */
export function submitRectification(
  notice: Notice,
  obligation: RectificationObligation | undefined,
  input: RectificationInput,
  context: { caller: Caller; now: Date },
): { rectification: Rectification; obligation: RectificationObligation } {
  const unitId = context.caller.unitId;
  if (context.caller.role !== 'unit' || !unitId || !obligation || !notice.unitIds.includes(unitId)) {
    throw new Forbidden(say('auth.notice-not-yours', { noticeId: notice.id }));
  }
  if (notice.withdrawn || obligation.status === 'withdrawn') throw noticeWithdrawn(notice.id);
  if (obligation.status === 'rectified')
    throw new Conflict(say('conflict.already-rectified', { unitId, noticeId: notice.id }), 'already-rectified');
  const today = shanghaiDate(context.now);
  // A hand-in after a return is judged against the notice's week too: returning does not restart the clock.
  const attempt = (obligation.submissions ?? 0) + 1;
  return {
    rectification: {
      noticeId: notice.id,
      unitId,
      ...input,
      submittedAt: context.now.toISOString(),
      submittedBy: context.caller.sub,
      onTime: today <= obligation.due,
      ...(attempt > 1 ? { attempt } : {}),
    },
    obligation: { ...obligation, status: 'rectified', submissions: attempt },
  };
}

const noticeWithdrawn = (noticeId: string) => new Conflict(say('conflict.notice-withdrawn', { noticeId }), 'notice-withdrawn');

/** Which hand-in a rectification is (records written before resubmission existed are the first). */
export const attemptOf = (r: Pick<Rectification, 'attempt'>) => r.attempt ?? 1;

/** A unit's latest rectification under a notice, if any. */
export const latestOf = (rectifications: readonly Rectification[], unitId: string): Rectification | undefined =>
  rectifications.filter((r) => r.unitId === unitId).sort((a, b) => attemptOf(b) - attemptOf(a))[0];

/**
 * The office reviews the latest rectification a unit handed in: accepts it, or returns it
 * (退回重报) with a reason. A returned one is owed again by the notice's original date — the
 * week runs from the notice, not from the return — so a return after that date is late at once
 * and the one-week check escalates it (unless it escalated this obligation before).
 */
/**
 * A unit's hand-in the office has still to accept or return (审核): the latest one, not reviewed yet, while its
 * obligation says rectified under a notice that stands. 待办 lists these; reviewRectification takes only these.
 */
export function awaitsReview(
  notice: Pick<Notice, 'withdrawn'>,
  obligation: RectificationObligation | undefined,
  latest: Rectification | undefined,
): latest is Rectification {
  return !notice.withdrawn && obligation?.status === 'rectified' && latest !== undefined && latest.review === undefined;
}

export function reviewRectification(
  notice: Notice,
  obligation: RectificationObligation | undefined,
  latest: Rectification | undefined,
  input: ReviewInput,
  context: { caller: Caller; now: Date },
): { rectification: Rectification; obligation: RectificationObligation } {
  if (context.caller.role !== 'office') throw new Forbidden(say('auth.office-reviews-rectifications'));
  if (notice.withdrawn) throw noticeWithdrawn(notice.id);
  if (!obligation || !awaitsReview(notice, obligation, latest)) {
    throw new Conflict(
      say('conflict.rectification-not-awaiting-review', { noticeId: notice.id, unitId: obligation?.unitId ?? latest?.unitId ?? '' }),
      'rectification-not-awaiting-review',
    );
  }
  const review: RectificationReview = {
    decision: input.decision,
    ...(input.decision === 'returned' && input.reason ? { reason: input.reason } : {}),
    at: context.now.toISOString(),
    by: actorOf(context.caller),
  };
  return {
    rectification: { ...latest, review },
    obligation:
      input.decision === 'returned'
        ? { ...obligation, status: 'returned', submissions: obligation.submissions ?? attemptOf(latest) }
        : obligation,
  };
}

/**
 * 撤销通报: a notice issued in error is withdrawn by the office. Its units owe nothing more, and it
 * stops counting in the assessment and for rule 4 (the adapter removes its facts with it).
 */
export function withdrawNotice(
  notice: Notice,
  obligations: readonly RectificationObligation[],
  reason: string,
  context: { caller: Caller; now: Date },
): { notice: Notice; obligations: RectificationObligation[] } {
  if (context.caller.role !== 'office') throw new Forbidden(say('auth.office-withdraws-notices'));
  if (notice.withdrawn) throw noticeWithdrawn(notice.id);
  return {
    notice: { ...notice, withdrawn: { at: context.now.toISOString(), by: actorOf(context.caller), reason } },
    obligations: obligations.map((o) => ({ ...o, status: 'withdrawn' as const })),
  };
}
