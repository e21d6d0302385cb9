import { weeklyDigestMail } from '../../domain/mail';
import { consoleHome } from '../announce';
import { deliver, flushPending, queueFor } from '../deliver-mail';
import type { LedgerChain } from '../ledger-ports';
import type { AssessmentFacts } from '../ports';
import { readOverview } from '../read-overview';
import { jobDate, officeAndLeaders, type JobDeps, type JobResult } from './job-context';

const SEALS_IN_DIGEST = 7;

/**
 * 督查周报 (Monday 08:30): the ledger's overview — the same one GET
 * /reports/overview answers — to the leaders and the office: counts by
 * status, source and light, what falls due this week, the year's on-time
 * rate, the red items and their units, and the rectifications still owed.
 */
export async function sendWeeklyDigest(
  deps: JobDeps & { facts: AssessmentFacts; ledgerChain?: Pick<LedgerChain, 'recentSeals'> },
  now: Date,
): Promise<JobResult> {
  const today = jobDate(now);
  const emails = await flushPending(deps);
  const overview = await readOverview(deps, today);
  // The week's seals (one a day), printed so copies live outside the database.
  const seals = deps.ledgerChain && (await deps.ledgerChain.recentSeals(SEALS_IN_DIGEST));
  const rendered = weeklyDigestMail({
    ...overview,
    weekOf: today,
    unitsWithOpenRectifications: overview.rectificationsOwed,
    ...(seals ? { seals: seals.map((s) => ({ number: s.number, date: s.date, heads: s.leaves.length, root: s.root, hash: s.hash })) } : {}),
    link: consoleHome(deps.consoleUrl, 'leadership'),
  });
  const { office, leaders } = await officeAndLeaders(deps.units, 'digest');
  await deliver(deps, queueFor([...leaders, ...office], 'weekly-digest', today, ['week'], rendered), emails);
  return {
    job: 'weekly-digest',
    time: now.toISOString(),
    date: today,
    looked: overview.total,
    emails,
    noticesIssued: [],
    unitsWithoutContacts: [],
  };
}
