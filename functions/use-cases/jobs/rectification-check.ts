import { notExcellentMark, noticeYearOf } from '../../domain/assessment';
import { responsibleUnits } from '../../domain/items';
import { noticeMail, rectificationEscalationMail } from '../../domain/mail';
import type { Notice } from '../../domain/notices';
import { addressesOf, deliver, flushPending, queueFor } from '../deliver-mail';
import { recordInHistories } from '../issue-notice';
import type { QueuedMail } from '../ports';
import { jobActor, jobDate, officeAndLeaders, type JobResult } from './job-context';
import { dailyNotice, type EscalationDeps } from './overdue-escalation';

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
  const job = 'rectification-check';
  const emails = await flushPending(deps);
  const overdue = await deps.due.rectificationsOverdue(today);
  const result: JobResult = {
    job,
    time: now.toISOString(),
    date: today,
    looked: overdue.length,
    emails,
    noticesIssued: [],
    unitsWithoutContacts: [],
  };
  if (overdue.length === 0) return result;

  const missed = new Map<string, Notice>();
  for (const id of new Set(overdue.map((o) => o.noticeId))) {
    const notice = await deps.notices.get(id);
    if (notice) missed.set(id, notice);
  }
  const unitIds = [...new Set(overdue.map((o) => o.unitId))];
  // Only the escalated units' own items: a unit that rectified is not named again, nor are its items.
  const itemIds: string[] = [];
  for (const id of new Set(overdue.flatMap((o) => missed.get(o.noticeId)?.itemIds ?? []))) {
    const item = await deps.items.get(id);
    if (item && responsibleUnits(item).some((u) => unitIds.includes(u))) itemIds.push(id);
  }
  const referralSuggested = unitIds.filter((unitId) =>
    overdue.some((o) => o.unitId === unitId && (missed.get(o.noticeId)?.escalates?.length ?? 0) > 0),
  );
  const escalation = await dailyNotice(
    deps,
    `rectification-${today}`,
    now,
    {
      level: 'government',
      unitIds,
      itemIds,
      reason: '被通报后未在7日内报送书面整改报告，以政府名义通报，当年考核不得评为优秀。',
      mediaExposure: false,
    },
    { escalates: [...missed.keys()], referralSuggested },
  );
  result.noticesIssued.push(escalation.id);

  const units = new Map((await deps.units.getMany(unitIds)).map((u) => [u.id, u]));
  const { office, leaders } = await officeAndLeaders(deps.units);
  const mails: QueuedMail[] = [];
  const rendered = rectificationEscalationMail({
    date: today,
    originalNoticeIds: [...missed.keys()],
    governmentNoticeId: escalation.id,
    year: Number(today.slice(0, 4)),
    units: escalation.unitIds.map((unitId) => ({
      name: units.get(unitId)?.name ?? unitId,
      missedDue: overdue.find((o) => o.unitId === unitId)?.due ?? today,
      referralSuggested: escalation.referralSuggested?.includes(unitId) ?? false,
    })),
  });
  mails.push(...queueFor([...leaders, ...office], 'rectification-escalation', today, [escalation.id], rendered));
  const toUnits = escalation.unitIds.flatMap((unitId) => {
    const to = addressesOf(units.get(unitId));
    if (to.length === 0) result.unitsWithoutContacts.push(unitId);
    return to;
  });
  const notice = noticeMail({
    noticeId: escalation.id,
    level: 'government',
    issuedOn: today,
    reason: escalation.reason,
    rectificationDue: escalation.rectificationDue,
    units: escalation.unitIds.map((unitId) => ({ name: units.get(unitId)?.name ?? unitId, items: [] })),
  });
  mails.push(...queueFor(toUnits, 'notice', today, [escalation.id], notice));
  await deliver(deps, mails, emails);

  for (const o of overdue) {
    await deps.markers.mark(notExcellentMark(o.unitId, noticeYearOf(o)), { noticeId: o.noticeId, escalatedBy: escalation.id, on: today });
  }
  await recordInHistories(deps, jobActor(job), escalation);
  // Last: settled by escalation, the obligations leave the Due index. Everything above is safe to
  // repeat, so a run that fails before here is completed by the next one, which still sees them.
  await deps.notices.escalate(overdue.map((o) => ({ ...o, status: 'owed' as const })));
  return result;
}
