import { daysBetween, type CalendarDate } from '../../domain/calendar';
import { awaitingVerification } from '../../domain/completion';
import { dayWord, signedBy, warningMail } from '../../domain/mail';
import type { Notice } from '../../domain/notices';
import { addressesOf, deliver, flushPending, queueFor } from '../deliver-mail';
import { recordInHistories } from '../issue-notice';
import type { DueItem, DueQueries, Markers, MarkRef, QueuedMail } from '../ports';
import {
  byUnit,
  jobActor,
  jobDate,
  jobDays,
  uncoveredYears,
  mailItem,
  nameOf,
  officeAndLeaders,
  unitsById,
  type EscalationDeps,
  type JobResult,
  type UnitsById,
} from './job-context';
import { dailyNotice, noticeMails, officeAndLeaderCopies, type CopyTo } from './job-notices';
import { consoleHome } from '../announce';
import { eachOf } from '../fan-out';

/** Days late after the first warning before the office criticises in a notice (rule 2). */
export const DEFAULT_GRACE_DAYS = 3;

const JOB = 'overdue-escalation';

interface Lateness {
  item: DueItem;
  reason: 'overdue' | 'report-missing';
  /** The date that was missed: the deadline, or the report date. */
  missed: string;
  daysLate: number;
}

type Step = 'warning' | 'criticism';

const ref = (kind: Step, late: Lateness): MarkRef => ({
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
export async function escalateOverdue(
  deps: EscalationDeps,
  now: Date,
  graceDays = DEFAULT_GRACE_DAYS,
  graceIn: 'working' | 'calendar' = 'working',
): Promise<JobResult> {
  const today = jobDate(now);
  const emails = await flushPending(deps);
  const calendar = await jobDays(deps);
  // Warnings and criticism go out on working days only: a day off's lateness is seen on the next working day.
  if (!calendar.isWorkingDay(today)) {
    return { job: JOB, time: now.toISOString(), date: today, looked: 0, emails, noticesIssued: [], unitsWithoutContacts: [] };
  }
  const late = (await findLateItems(deps.due, today)).map((l) => ({ ...l, daysLate: calendar.daysLate(l.missed, today, graceIn) }));
  // The warning and the notice say the days as they were counted.
  const daysIn = calendar.counting(graceIn);
  const { office, leaders, leaderAddress } = await officeAndLeaders(deps.units);
  const unwarned = await notYet(deps.markers, 'warning', late);
  const leadUnits = late.map((l) => l.item.leadUnit);
  const units = await unitsById(deps.units, leadUnits);
  // 分管领导 learn of their own late items with the unit, before the criticism reaches every leader.
  const inCharge = unwarned.length > 0 ? await deps.items.leadersInCharge(unwarned.map((l) => l.item.id)) : new Map<string, string>();
  const leadersOf = (entries: Lateness[]) => [...new Set(entries.flatMap((e) => leaderAddress.get(inCharge.get(e.item.id) ?? '') ?? []))];
  const pastGrace = late.filter((l) => l.daysLate > graceDays);
  const uncriticised = await notYet(deps.markers, 'criticism', pastGrace);
  const criticism =
    uncriticised.length > 0
      ? await criticiseAfterGracePeriod(deps, uncriticised, {
          now,
          today,
          graceDays,
          daysIn,
          units,
          copies: officeAndLeaderCopies(office, leaders),
        })
      : undefined;
  // After the notice: a warning of an item this run criticised says so, rather than threatening the notice just issued.
  const warnings = signedBy(deps.signature, () =>
    warnOncePerMissedDate(unwarned, {
      today,
      graceDays,
      daysIn,
      answerBy: (daysLate) => calendar.after(today, Math.max(0, graceDays - daysLate), graceIn),
      units,
      office,
      leadersOf,
      notice: criticism?.notice,
      consoleUrl: deps.consoleUrl,
    }),
  );

  await deliver(deps, [...warnings.mails, ...(criticism?.mails ?? [])], emails);
  // Histories before marks: both are safe to repeat, and a run that fails before marking is redone whole.
  if (criticism) await recordInHistories(deps, jobActor(JOB), criticism.notice);
  await markDone(deps.markers, today, unwarned, uncriticised, criticism?.notice);

  return {
    job: JOB,
    time: now.toISOString(),
    date: today,
    looked: late.length,
    emails,
    noticesIssued: criticism ? [criticism.notice.id] : [],
    unitsWithoutContacts: [...new Set([...warnings.unitsWithoutContacts, ...(criticism?.unitsWithoutContacts ?? [])])],
    // An item turns red the day its deadline passes: the first run to see it late warns of it.
    itemsTurnedRed: unwarned.filter((l) => l.reason === 'overdue').length,
    ...uncoveredYears(calendar),
  };
}

/**
 * What is late today: items past their deadline, and items past a report
 * date with no report. A claimed completion awaits the office's
 * verification: nothing is owed meanwhile.
 */
async function findLateItems(due: DueQueries, today: CalendarDate): Promise<Lateness[]> {
  const owing = (items: DueItem[]) => items.filter((item) => !awaitingVerification(item));
  return [
    ...owing(await due.itemsOverdue(today)).map((item) => ({ item, reason: 'overdue' as const, missed: item.dueDate })),
    ...owing(await due.reportsOverdue(today)).map((item) => ({
      item,
      reason: 'report-missing' as const,
      missed: item.nextReportDue as string,
    })),
  ].map((l) => ({ ...l, daysLate: daysBetween(l.missed, today) }));
}

/** The lateness not yet warned of (or criticised) for its missed date. */
async function notYet(markers: Markers, step: Step, late: Lateness[]): Promise<Lateness[]> {
  const refs = late.map((l) => ref(step, l));
  // unmarked() answers with the very refs it was given, so identity tells which lateness each one is.
  const open = new Set(await markers.unmarked(refs));
  return late.filter((_, i) => open.has(refs[i]!));
}

/** 预警: the first run that sees a date missed warns the lead unit's head and the office, in ONE email per unit. */
function warnOncePerMissedDate(
  unwarned: Lateness[],
  context: {
    today: CalendarDate;
    graceDays: number;
    daysIn: 'working' | 'calendar';
    /** The grace period's last day for an item this many days late. */
    answerBy: (daysLate: number) => CalendarDate;
    units: UnitsById;
    office: string[];
    leadersOf: (entries: Lateness[]) => string[];
    notice?: Notice;
    consoleUrl?: string;
  },
): { mails: QueuedMail[]; unitsWithoutContacts: string[] } {
  const { notice } = context;
  const criticisedIn = (itemId: string) =>
    notice?.itemIds.includes(itemId)
      ? { documentNumber: notice.documentNumber ?? notice.id, rectificationDue: notice.rectificationDue }
      : undefined;
  const { today, units } = context;
  const mails: QueuedMail[] = [];
  const unitsWithoutContacts: string[] = [];
  for (const [unitId, entries] of byUnit(unwarned, true)) {
    // The liaison as well as the head: the liaison is the one who answers for the unit day to day.
    const contacts = addressesOf(units.get(unitId), 'warning');
    if (contacts.length === 0) unitsWithoutContacts.push(unitId);
    const mail = warningMail({
      unitName: nameOf(units, unitId),
      date: today,
      graceDays: context.graceDays,
      daysIn: context.daysIn,
      // One entry per item, with every way it is late: an item late twice is listed once.
      entries: [...new Set(entries.map((e) => e.item.id))].map((itemId) => {
        const of = entries.filter((e) => e.item.id === itemId);
        return {
          item: mailItem(of[0]!.item, today),
          late: of.map((e) => ({ reason: e.reason, daysLate: e.daysLate })),
          criticisedIn: criticisedIn(itemId),
          answerBy: context.answerBy(Math.max(...of.map((e) => e.daysLate))),
        };
      }),
      link: consoleHome(context.consoleUrl, 'county'),
    });
    const copied = context.leadersOf(entries).filter((a) => !contacts.includes(a) && !context.office.includes(a));
    mails.push(...queueFor([...contacts, ...context.office, ...copied], 'warning', today, entries.map(warningAbout), mail));
  }
  return { mails, unitsWithoutContacts };
}

/**
 * 通报批评: past the grace period and not yet criticised for that missed
 * date — ONE office notice of the day names every unit that crossed it and
 * their items, emailed to those units and to the office and the leaders.
 */
async function criticiseAfterGracePeriod(
  deps: EscalationDeps,
  uncriticised: Lateness[],
  context: { now: Date; today: CalendarDate; graceDays: number; daysIn: 'working' | 'calendar'; units: UnitsById; copies: CopyTo[] },
): Promise<{ notice: Notice; mails: QueuedMail[]; unitsWithoutContacts: string[] }> {
  const { today } = context;
  const notice = await dailyNotice(deps, `overdue-${today}`, context.now, {
    level: 'office',
    unitIds: [...new Set(uncriticised.map((l) => l.item.leadUnit))],
    itemIds: [...new Set(uncriticised.map((l) => l.item.id))],
    reason: `超过完成时限或未按期报送办理情况已逾${context.graceDays}${dayWord(context.daysIn)}，经预警仍未纠正，予以通报批评。`,
    mediaExposure: false,
  });
  // An item late twice (report and deadline) is named once under its unit.
  const itemsOf = (unitId: string) => {
    const own = uncriticised.filter((l) => l.item.leadUnit === unitId);
    return [...new Map(own.map((l) => [l.item.id, mailItem(l.item, today)])).values()];
  };
  return { notice, ...signedBy(deps.signature, () => noticeMails(notice, today, context.units, itemsOf, context.copies, deps.consoleUrl)) };
}

/** Marked after their emails are queued; a criticism only for the items the day's notice names. */
async function markDone(markers: Markers, today: CalendarDate, unwarned: Lateness[], uncriticised: Lateness[], notice?: Notice) {
  await eachOf(unwarned, (l) => markers.mark(ref('warning', l), { on: today }));
  const named = uncriticised.filter((l) => notice?.itemIds.includes(l.item.id));
  if (notice) await eachOf(named, (l) => markers.mark(ref('criticism', l), { on: today, noticeId: notice.id }));
}
