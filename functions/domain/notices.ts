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
import type { NoticeLevel, ObligationStatus } from './codes';

export { type NoticeLevel, noticeLevels, type ObligationStatus } from './codes';

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
}

/** What one named unit owes under a notice. */
export interface RectificationObligation {
  noticeId: string;
  unitId: string;
  due: CalendarDate;
  status: ObligationStatus;
}

export interface RectificationInput {
  explanation: string;
  measures: string;
  report: string;
}

export interface Rectification extends RectificationInput {
  noticeId: string;
  unitId: string;
  submittedAt: string;
  submittedBy: string;
  onTime: boolean;
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
  if (obligation.status === 'rectified')
    throw new Conflict(say('conflict.already-rectified', { unitId, noticeId: notice.id }), 'already-rectified');
  const today = shanghaiDate(context.now);
  return {
    rectification: {
      noticeId: notice.id,
      unitId,
      ...input,
      submittedAt: context.now.toISOString(),
      submittedBy: context.caller.sub,
      onTime: today <= obligation.due,
    },
    obligation: { ...obligation, status: 'rectified' },
  };
}
