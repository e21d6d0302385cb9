import { notExcellentMark, noticeYearOf } from '../../domain/assessment';
import type { CalendarDate } from '../../domain/calendar';
import { responsibleUnits } from '../../domain/items';
import { rectificationEscalationMail, signedBy } from '../../domain/mail';
import type { Notice } from '../../domain/notices';
import { consoleHome } from '../announce';
import { deliver, flushPending, queueFor } from '../deliver-mail';
import { recordInHistories } from '../issue-notice';
import type { DueQueries, ItemRepository, Markers, NoticeRepository, QueuedMail } from '../ports';
import { jobActor, jobDate, nameOf, officeAndLeaders, unitsById, type EscalationDeps, type JobResult } from './job-context';
import { dailyNotice, noticeMails } from './job-notices';

const JOB = 'rectification-check';

/** A named unit's rectification past its week without a report. */
type Overdue = Awaited<ReturnType<DueQueries['rectificationsOverdue']>>[number];

/**
 * 整改督办 (daily 10:00, rule 3): every named unit whose one-week
 * rectification is past due without a report is escalated — ONE
 * government-level notice (以政府名义通报) for the day names them all, each
 * is marked not eligible for 优秀 in the year of the notice it ignored, and
 * the leaders and the office are told. A unit that ignores an escalation
 * notice too is marked `referralSuggested` for the office to decide on a
 * referral (移送).
 */
export async function checkRectifications(deps: EscalationDeps, now: Date): Promise<JobResult> {
  const today = jobDate(now);
  const emails = await flushPending(deps);
  const overdue = await deps.due.rectificationsOverdue(today);
  const result: JobResult = {
    job: JOB,
    time: now.toISOString(),
    date: today,
    looked: overdue.length,
    emails,
    noticesIssued: [],
    unitsWithoutContacts: [],
  };
  if (overdue.length === 0) return result;

  const ignored = await noticesIgnored(deps.notices, overdue);
  const escalation = await escalateInTheGovernmentsName(deps, overdue, ignored, { now, today });
  const told = await tellLeadersOfficeAndUnits(deps, overdue, ignored, escalation, today);
  await deliver(deps, told.mails, emails);
  await markNotExcellent(deps.markers, overdue, escalation, today);
  await recordInHistories(deps, jobActor(JOB), escalation);
  // Last: settled by escalation, the obligations leave the Due index. Everything above is safe to
  // repeat, so a run that fails before here is completed by the next one, which still sees them.
  await deps.notices.escalate(overdue.map((o) => ({ ...o, status: 'owed' as const })));
  return {
    ...result,
    noticesIssued: [escalation.id],
    unitsWithoutContacts: told.unitsWithoutContacts,
    rectificationsEscalated: overdue.length,
  };
}

/** The notices whose rectification the units ignored, by id. */
async function noticesIgnored(notices: NoticeRepository, overdue: readonly Overdue[]): Promise<Map<string, Notice>> {
  const ignored = new Map<string, Notice>();
  for (const id of new Set(overdue.map((o) => o.noticeId))) {
    const notice = await notices.get(id);
    if (notice) ignored.set(id, notice);
  }
  return ignored;
}

const unitsOf = (overdue: readonly Overdue[]) => [...new Set(overdue.map((o) => o.unitId))];

/** Only the escalated units' own items: a unit that rectified is not named again, nor are its items. */
async function itemsOfEscalatedUnits(items: ItemRepository, overdue: readonly Overdue[], ignored: Map<string, Notice>): Promise<string[]> {
  const unitIds = unitsOf(overdue);
  const itemIds: string[] = [];
  for (const id of new Set(overdue.flatMap((o) => ignored.get(o.noticeId)?.itemIds ?? []))) {
    const item = await items.get(id);
    if (item && responsibleUnits(item).some((u) => unitIds.includes(u))) itemIds.push(id);
  }
  return itemIds;
}

/** 移送: the units that ignored a notice which itself escalated an ignored one. */
const ignoredAnEscalationToo = (overdue: readonly Overdue[], ignored: Map<string, Notice>) =>
  unitsOf(overdue).filter((unitId) => overdue.some((o) => o.unitId === unitId && (ignored.get(o.noticeId)?.escalates?.length ?? 0) > 0));

/** 以政府名义通报: ONE government-level notice of the day names every unit that let its week pass. */
async function escalateInTheGovernmentsName(
  deps: EscalationDeps,
  overdue: readonly Overdue[],
  ignored: Map<string, Notice>,
  context: { now: Date; today: CalendarDate },
): Promise<Notice> {
  return dailyNotice(
    deps,
    `rectification-${context.today}`,
    context.now,
    {
      level: 'government',
      unitIds: unitsOf(overdue),
      itemIds: await itemsOfEscalatedUnits(deps.items, overdue, ignored),
      reason: '被通报后未在7日内报送书面整改报告，以政府名义通报，当年考核不得评为优秀。',
      mediaExposure: false,
    },
    { escalates: [...ignored.keys()], referralSuggested: ignoredAnEscalationToo(overdue, ignored) },
  );
}

/** 整改督办 to the leaders and the office; the government notice to the units it names. */
async function tellLeadersOfficeAndUnits(
  deps: EscalationDeps,
  overdue: readonly Overdue[],
  ignored: Map<string, Notice>,
  escalation: Notice,
  today: CalendarDate,
): Promise<{ mails: QueuedMail[]; unitsWithoutContacts: string[] }> {
  const units = await unitsById(deps.units, unitsOf(overdue));
  const { office, leaders } = await officeAndLeaders(deps.units);
  const rendered = signedBy(deps.signature, () =>
    rectificationEscalationMail({
      date: today,
      originalNoticeIds: [...ignored.keys()],
      governmentNoticeId: escalation.id,
      year: Number(today.slice(0, 4)),
      governmentDocumentNumber: escalation.documentNumber,
      originalDocumentNumbers: [...ignored.values()].map((n) => n.documentNumber ?? n.id),
      link: consoleHome(deps.consoleUrl, 'office'),
      units: escalation.unitIds.map((unitId) => ({
        name: nameOf(units, unitId),
        missedDue: overdue.find((o) => o.unitId === unitId)?.due ?? today,
        referralSuggested: escalation.referralSuggested?.includes(unitId) ?? false,
      })),
    }),
  );
  const toUnits = signedBy(deps.signature, () => noticeMails(escalation, today, units, () => [], [], deps.consoleUrl));
  return {
    mails: [...queueFor([...leaders, ...office], 'rectification-escalation', today, [escalation.id], rendered), ...toUnits.mails],
    unitsWithoutContacts: toUnits.unitsWithoutContacts,
  };
}

/** Rule 4: a unit criticised and unrectified cannot be graded 优秀 in the year of the notice it ignored. */
async function markNotExcellent(markers: Markers, overdue: readonly Overdue[], escalation: Notice, today: CalendarDate) {
  for (const o of overdue) {
    await markers.mark(notExcellentMark(o.unitId, noticeYearOf(o)), { noticeId: o.noticeId, escalatedBy: escalation.id, on: today });
  }
}
