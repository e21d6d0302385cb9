import { addDays } from '../../domain/calendar';
import { lightOf } from '../../domain/light';
import { weeklyDigestMail } from '../../domain/mail';
import { deliver, flushPending, queueFor } from '../deliver-mail';
import { jobDate, mailItem, officeAndLeaders, type JobDeps, type JobResult } from './job-context';

/**
 * 督查周报 (Monday 08:30): the open ledger by status, source and light, its
 * red items and the units with rectifications outstanding, to the leaders
 * and the office. Reads the open items (the Due index), not the ledger.
 */
export async function sendWeeklyDigest(deps: JobDeps, now: Date): Promise<JobResult> {
  const today = jobDate(now);
  const emails = await flushPending(deps);
  // Everything open: due any time up to far in the future.
  const open = await deps.due.itemsDue('0000-01-01', addDays(today, 365 * 50));
  const count = (key: (i: (typeof open)[number]) => string) =>
    open.reduce<Record<string, number>>((acc, i) => ({ ...acc, [key(i)]: (acc[key(i)] ?? 0) + 1 }), {});
  // Every rectification still owed, whatever its due date ("overdue" as of a far future day).
  const owed = await deps.due.rectificationsOverdue(addDays(today, 365 * 50));
  const unitIds = [...new Set([...open.filter((i) => lightOf(i, today) === 'red').map((i) => i.leadUnit), ...owed.map((o) => o.unitId)])];
  const names = new Map((await deps.units.getMany(unitIds)).map((u) => [u.id, u.name]));
  const rendered = weeklyDigestMail({
    weekOf: today,
    byStatus: count((i) => i.status),
    bySource: count((i) => i.source),
    byLight: count((i) => lightOf(i, today)),
    redItems: open.filter((i) => lightOf(i, today) === 'red').map((i) => ({ ...mailItem(i, today), leadUnitName: names.get(i.leadUnit) ?? i.leadUnit })),
    unitsWithOpenRectifications: owed.map((o) => ({ name: names.get(o.unitId) ?? o.unitId, due: o.due })),
  });
  const { office, leaders } = await officeAndLeaders(deps.units);
  await deliver(deps, queueFor([...leaders, ...office], 'weekly-digest', today, ['week'], rendered), emails);
  return { job: 'weekly-digest', time: now.toISOString(), date: today, looked: open.length, emails, noticesIssued: [], unitsWithoutContacts: [] };
}
