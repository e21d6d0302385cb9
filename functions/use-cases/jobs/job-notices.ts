import { noticeFact } from '../../domain/assessment';
import type { CalendarDate } from '../../domain/calendar';
import { Conflict } from '../../domain/errors';
import { noticeMail, type MailItem } from '../../domain/mail';
import { newNotice, type Notice, type NoticeInput } from '../../domain/notices';
import type { UnitKind } from '../../domain/units';
import { consoleLink, DEFAULT_CONSOLE_URL } from '../announce';
import { addressesOf, queueFor } from '../deliver-mail';
import { nextDocumentNumber, type NumberingDeps } from '../issue-notice';
import type { NoticeRepository, QueuedMail } from '../ports';
import { jobActor, nameOf, type UnitsById } from './job-context';

/**
 * The notices the jobs issue (通报批评 by overdue-escalation, 以政府名义通报 by
 * rectification-check): issued once a day, and emailed to the units they name.
 */

/**
 * The job's notice of the day, issued once: its id is the day's, so a re-run
 * finds the notice the first run issued instead of issuing another (and takes
 * no second 文号: the number is drawn only for a notice not issued yet).
 */
export async function dailyNotice(
  deps: { notices: NoticeRepository } & NumberingDeps,
  id: string,
  now: Date,
  input: NoticeInput,
  extra: { escalates?: string[]; referralSuggested?: string[] } = {},
): Promise<Notice> {
  const issued = await deps.notices.get(id);
  if (issued) return issued;
  const documentNumber = await nextDocumentNumber(deps, now);
  const { notice, obligations } = newNotice(input, { id, issuer: jobActor('scheduler'), now, documentNumber, ...extra });
  try {
    await deps.notices.issue(notice, obligations, [noticeFact(notice)]);
    return notice;
  } catch (error) {
    if (!(error instanceof Conflict)) throw error;
    const existing = await deps.notices.get(id);
    if (!existing) throw error;
    return existing;
  }
}

/** Those kept informed of a notice without being named in it, and how their copy addresses them. */
export interface CopyTo {
  salutation: string;
  addresses: readonly string[];
  kind: 'office' | 'leadership';
}

/**
 * The notice, emailed to every contact of each unit it names (with the items
 * each is named for), each copy addressed to its unit, and to `copies` (the office,
 * the leaders); the named units with no contact to tell are returned, for the job's result.
 */
export function noticeMails(
  notice: Notice,
  today: CalendarDate,
  units: UnitsById,
  itemsOf: (unitId: string) => MailItem[],
  copies: readonly CopyTo[] = [],
  consoleUrl = DEFAULT_CONSOLE_URL,
): { mails: QueuedMail[]; unitsWithoutContacts: string[] } {
  const letter = (salutation: string, named: boolean, kind: UnitKind) =>
    noticeMail({
      noticeId: notice.id,
      documentNumber: notice.documentNumber,
      level: notice.level,
      issuedOn: today,
      reason: notice.reason,
      rectificationDue: notice.rectificationDue,
      salutation,
      named,
      link: consoleLink(consoleUrl, kind, { notice: notice.id }),
      units: notice.unitIds.map((unitId) => ({ name: nameOf(units, unitId), items: itemsOf(unitId) })),
    });
  const unitsWithoutContacts: string[] = [];
  const mails = notice.unitIds.flatMap((unitId) => {
    const to = addressesOf(units.get(unitId), 'notice');
    if (to.length === 0) unitsWithoutContacts.push(unitId);
    const concerns = { unit: unitId, notice: notice.id };
    return to.length === 0
      ? []
      : queueFor(to, 'notice', today, [notice.id], letter(`${nameOf(units, unitId)}：`, true, 'county'), concerns);
  });
  for (const copy of copies)
    if (copy.addresses.length > 0)
      mails.push(...queueFor(copy.addresses, 'notice', today, [notice.id], letter(copy.salutation, false, copy.kind)));
  return { mails, unitsWithoutContacts };
}

/** The office's and the leaders' copies of a notice the job issues. */
export const officeAndLeaderCopies = (office: readonly string[], leaders: readonly string[]): CopyTo[] => [
  { salutation: '市人民政府督查室：', addresses: office, kind: 'office' },
  { salutation: '市政府各位领导：', addresses: leaders, kind: 'leadership' },
];
