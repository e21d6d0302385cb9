import { addDays, daysBetween } from '../../domain/calendar';
import { awaitingVerification } from '../../domain/completion';
import { reminderMail, type ReminderDigest, signedBy } from '../../domain/mail';
import { consoleHome } from '../announce';
import { addressesOf, deliver, flushPending, queueFor } from '../deliver-mail';
import type { DueItem, QueuedMail } from '../ports';
import { byUnit, jobDate, jobDays, mailItem, nameOf, uncoveredYears, unitsById, type JobDeps, type JobResult } from './job-context';

/** Days before a deadline or report date on which units are reminded (提醒). */
export const DEFAULT_REMINDER_DAYS = [3, 1, 0];

type Entry = { item: DueItem } & Omit<ReminderDigest['entries'][number], 'item'>;

/**
 * 提醒 (daily 09:00): items due in 3, 1 and 0 days, and reports falling due
 * on those days (cadence or milestone), as ONE digest email per unit and day
 * to its contacts. Reads only what falls due on those days.
 */
export async function sendDeadlineReminders(deps: JobDeps, now: Date, days = DEFAULT_REMINDER_DAYS): Promise<JobResult> {
  const today = jobDate(now);
  const emails = await flushPending(deps);
  const entries: Entry[] = [];
  const calendar = await jobDays(deps);
  // A reminder that would fall on a day off goes out on the working day before it; on a day off, none.
  const dates = new Set<string>();
  for (const d of [...new Set(days)].sort((a, b) => a - b)) for (const day of calendar.reminderDaysOf(today)) dates.add(addDays(day, d));
  for (const date of [...dates].sort()) {
    const d = daysBetween(today, date);
    // A claimed completion awaits the office's verification: no deadline or report to remind of meanwhile.
    for (const item of (await deps.due.deadlinesDue(date, date)).filter((i) => !awaitingVerification(i)))
      entries.push({ item, reason: 'deadline', daysLeft: d });
    for (const item of (await deps.due.reportsDue(date, date)).filter((i) => !awaitingVerification(i))) {
      const milestone = item.milestones?.find((m) => m.dueDate === item.nextReportDue);
      entries.push({
        item,
        reason: milestone ? 'milestone' : 'report',
        daysLeft: daysBetween(today, date),
        ...(milestone ? { milestoneTitle: milestone.title } : {}),
      });
    }
  }
  const perUnit = byUnit(entries);
  const units = await unitsById(deps.units, [...perUnit.keys()]);
  const mails: QueuedMail[] = [];
  const unitsWithoutContacts: string[] = [];
  for (const [unitId, unitEntries] of perUnit) {
    const to = addressesOf(units.get(unitId), 'reminder');
    if (to.length === 0) {
      unitsWithoutContacts.push(unitId);
      continue;
    }
    const digest = signedBy(deps.signature, () =>
      reminderMail({
        unitName: nameOf(units, unitId),
        date: today,
        entries: unitEntries.map((e) => ({ ...e, item: mailItem(e.item, today) })),
        link: consoleHome(deps.consoleUrl, 'county'),
      }),
    );
    mails.push(
      ...queueFor(
        to,
        'reminder',
        today,
        unitEntries.map((e) => `${e.reason}:${e.item.id}:${e.daysLeft}`),
        digest,
      ),
    );
  }
  await deliver(deps, mails, emails);
  return {
    job: 'deadline-reminders',
    time: now.toISOString(),
    date: today,
    looked: entries.length,
    emails,
    noticesIssued: [],
    unitsWithoutContacts,
    ...uncoveredYears(calendar),
  };
}
