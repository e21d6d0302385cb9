import { daysBetween } from '../../domain/calendar';
import { awaitingVerification } from '../../domain/completion';
import { Conflict } from '../../domain/errors';
import { noticeMail, warningMail } from '../../domain/mail';
import { issueNotice, type Notice } from '../../domain/notices';
import type { ChangeItemDeps } from '../change-item';
import { addressesOf, deliver, flushPending, queueFor } from '../deliver-mail';
import { recordInHistories } from '../issue-notice';
import type { DueItem, Markers, MarkRef, NoticeRepository, QueuedMail } from '../ports';
import { byUnit, jobActor, jobDate, mailItem, officeAndLeaders, type JobDeps, type JobResult } from './job-context';

/** Days late after the first warning before the office criticises in a notice (rule 2). */
export const DEFAULT_GRACE_DAYS = 3;

export interface EscalationDeps extends JobDeps, ChangeItemDeps {
  markers: Markers;
  notices: NoticeRepository;
}

interface Lateness {
  item: DueItem;
  reason: 'overdue' | 'report-missing';
  /** The date that was missed: the deadline, or the report date. */
  missed: string;
  daysLate: number;
}

const ref = (kind: 'warning' | 'criticism', late: Lateness): MarkRef => ({
  on: { item: late.item.id },
  what: [kind, late.reason, late.missed],
});

/**
 * What a warning's email is about, in the words the ids of queued emails were first derived from (queueFor
 * hashes it): kept to the letter so that a run redoing a crashed one finds the same emails already sent.
 */
const warningAbout = (late: Lateness) => `ITEM#${late.item.id}warning#${late.reason}#${late.missed}`;

/**
 * 预警 and 通报批评 (daily 09:30, rule 2). A late item or a missing periodic
 * report is warned once (to the unit head and the office); once it is more
 * than the grace period late, the office criticises every unit that crossed
 * it in ONE notice for the day, emailed to the units, the office and the
 * leaders. Marks make each step happen once per missed date, however often
 * the job runs; a warning's email is queued before its mark is written, so
 * a crash between the two re-queues the same email rather than losing it.
 */
export async function escalateOverdue(deps: EscalationDeps, now: Date, graceDays = DEFAULT_GRACE_DAYS): Promise<JobResult> {
  const today = jobDate(now);
  const job = 'overdue-escalation';
  const emails = await flushPending(deps);
  // A claimed completion awaits the office's verification: nothing is owed meanwhile.
  const owing = (items: DueItem[]) => items.filter((item) => !awaitingVerification(item));
  const late: Lateness[] = [
    ...owing(await deps.due.itemsOverdue(today)).map((item) => ({ item, reason: 'overdue' as const, missed: item.dueDate })),
    ...owing(await deps.due.reportsOverdue(today)).map((item) => ({
      item,
      reason: 'report-missing' as const,
      missed: item.nextReportDue as string,
    })),
  ].map((l) => ({ ...l, daysLate: daysBetween(l.missed, today) }));

  const { office, leaders } = await officeAndLeaders(deps.units);
  const unitsWithoutContacts = new Set<string>();
  const mails: QueuedMail[] = [];

  // 预警: the first run that sees it late.
  const unwarned = await unmarked(deps.markers, late, 'warning');
  const warnedUnits = byUnit(unwarned, true);
  const units = new Map((await deps.units.getMany([...warnedUnits.keys(), ...late.map((l) => l.item.leadUnit)])).map((u) => [u.id, u]));
  for (const [unitId, entries] of warnedUnits) {
    const heads = addressesOf(units.get(unitId), true);
    if (heads.length === 0) unitsWithoutContacts.add(unitId);
    const mail = warningMail({
      unitName: units.get(unitId)?.name ?? unitId,
      date: today,
      graceDays,
      entries: entries.map((e) => ({ item: mailItem(e.item, today), reason: e.reason, daysLate: e.daysLate })),
    });
    mails.push(...queueFor([...heads, ...office], 'warning', today, entries.map(warningAbout), mail));
  }

  // 通报批评: past the grace period, not yet criticised for this missed date.
  const uncriticised = await unmarked(
    deps.markers,
    late.filter((l) => l.daysLate > graceDays),
    'criticism',
  );
  const noticesIssued: string[] = [];
  let notice: Notice | undefined;
  if (uncriticised.length > 0) {
    notice = await dailyNotice(deps, `overdue-${today}`, now, {
      level: 'office',
      unitIds: [...new Set(uncriticised.map((l) => l.item.leadUnit))],
      itemIds: [...new Set(uncriticised.map((l) => l.item.id))],
      reason: `超过完成时限或未按期报送办理情况已逾${graceDays}日，经预警仍未纠正，予以通报批评。`,
      mediaExposure: false,
    });
    noticesIssued.push(notice.id);
    const named = notice;
    const rendered = noticeMail({
      noticeId: named.id,
      level: named.level,
      issuedOn: today,
      reason: named.reason,
      rectificationDue: named.rectificationDue,
      units: named.unitIds.map((unitId) => ({
        name: units.get(unitId)?.name ?? unitId,
        items: uncriticised.filter((l) => l.item.leadUnit === unitId).map((l) => mailItem(l.item, today)),
      })),
    });
    const unitAddresses = named.unitIds.flatMap((unitId) => {
      const to = addressesOf(units.get(unitId));
      if (to.length === 0) unitsWithoutContacts.add(unitId);
      return to;
    });
    mails.push(...queueFor([...unitAddresses, ...office, ...leaders], 'notice', today, [named.id], rendered));
  }

  await deliver(deps, mails, emails);
  // Histories before marks: both are safe to repeat, and a run that fails before marking is redone whole.
  if (notice) await recordInHistories(deps, jobActor(job), notice);
  // Marked after their emails are queued; a criticism only for items the day's notice names.
  for (const l of unwarned) await deps.markers.mark(ref('warning', l), { on: today });
  for (const l of uncriticised)
    if (notice?.itemIds.includes(l.item.id)) await deps.markers.mark(ref('criticism', l), { on: today, noticeId: notice.id });

  return {
    job,
    time: now.toISOString(),
    date: today,
    looked: late.length,
    emails,
    noticesIssued,
    unitsWithoutContacts: [...unitsWithoutContacts],
  };
}

async function unmarked(markers: Markers, late: Lateness[], kind: 'warning' | 'criticism'): Promise<Lateness[]> {
  const refs = late.map((l) => ref(kind, l));
  const open = new Set(await markers.unmarked(refs));
  return late.filter((_, i) => open.has(refs[i]!));
}

/**
 * The job's notice of the day, issued once: its id is the day's, so a re-run
 * finds the notice the first run issued instead of issuing another.
 */
export async function dailyNotice(
  deps: { notices: NoticeRepository },
  id: string,
  now: Date,
  input: Parameters<typeof issueNotice>[0],
  extra: { escalates?: string[]; referralSuggested?: string[] } = {},
): Promise<Notice> {
  const { notice, obligations } = issueNotice(input, { id, issuer: jobActor('scheduler'), now, ...extra });
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
