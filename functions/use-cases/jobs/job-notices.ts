import type { CalendarDate } from '../../domain/calendar';
import { Conflict } from '../../domain/errors';
import { noticeMail, type MailItem } from '../../domain/mail';
import { newNotice, type Notice, type NoticeInput } from '../../domain/notices';
import { addressesOf, queueFor } from '../deliver-mail';
import type { NoticeRepository, QueuedMail } from '../ports';
import { jobActor, nameOf, type UnitsById } from './job-context';

/**
 * The notices the jobs issue (通报批评 by overdue-escalation, 以政府名义通报 by
 * rectification-check): issued once a day, and emailed to the units they name.
 */

/**
 * The job's notice of the day, issued once: its id is the day's, so a re-run
 * finds the notice the first run issued instead of issuing another.
 */
export async function dailyNotice(
  deps: { notices: NoticeRepository },
  id: string,
  now: Date,
  input: NoticeInput,
  extra: { escalates?: string[]; referralSuggested?: string[] } = {},
): Promise<Notice> {
  const { notice, obligations } = newNotice(input, { id, issuer: jobActor('scheduler'), now, ...extra });
  try {
    await deps.notices.issue(notice, obligations);
    return notice;
  } catch (error) {
    if (!(error instanceof Conflict)) throw error;
    const existing = await deps.notices.get(id);
    if (!existing) throw error;
    return existing;
  }
}

/**
 * The notice, emailed to every contact of each unit it names (with the items
 * each is named for) and to `alsoTo`; the named units with no contact to tell
 * are returned, for the job's result.
 */
export function noticeMails(
  notice: Notice,
  today: CalendarDate,
  units: UnitsById,
  itemsOf: (unitId: string) => MailItem[],
  alsoTo: readonly string[] = [],
): { mails: QueuedMail[]; unitsWithoutContacts: string[] } {
  const rendered = noticeMail({
    noticeId: notice.id,
    level: notice.level,
    issuedOn: today,
    reason: notice.reason,
    rectificationDue: notice.rectificationDue,
    units: notice.unitIds.map((unitId) => ({ name: nameOf(units, unitId), items: itemsOf(unitId) })),
  });
  const unitsWithoutContacts: string[] = [];
  const unitAddresses = notice.unitIds.flatMap((unitId) => {
    const to = addressesOf(units.get(unitId));
    if (to.length === 0) unitsWithoutContacts.push(unitId);
    return to;
  });
  return { mails: queueFor([...unitAddresses, ...alsoTo], 'notice', today, [notice.id], rendered), unitsWithoutContacts };
}
