import { chineseDate, weeklyDigestMail, signedBy } from '../../domain/mail';
import { consoleHome } from '../announce';
import { deliver, flushPending, queueFor } from '../deliver-mail';
import type { LedgerChain } from '../ledger-ports';
import { shanghaiDate } from '../../domain/calendar';
import { contactRoleLabels } from '../../domain/labels';
import { undeliverableContacts, undeliverableToldMark, type UndeliverableContact } from '../../domain/mail-events';
import type { Unit } from '../../domain/units';
import { render, say } from '../../messages/message';
import type { AssessmentFacts, Markers } from '../ports';
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
  deps: JobDeps & { facts: AssessmentFacts; ledgerChain?: Pick<LedgerChain, 'recentSeals'>; markers?: Markers },
  now: Date,
): Promise<JobResult> {
  const today = jobDate(now);
  const emails = await flushPending(deps);
  const overview = await readOverview(deps, today);
  // The week's seals (one a day), printed so copies live outside the database.
  const seals = deps.ledgerChain && (await deps.ledgerChain.recentSeals(SEALS_IN_DIGEST));
  const untold = deps.markers ? await untoldUndeliverable(deps.markers, await deps.units.all()) : [];
  const rendered = signedBy(deps.signature, () =>
    weeklyDigestMail({
      ...overview,
      weekOf: today,
      unitsWithOpenRectifications: overview.rectificationsOwed,
      ...(seals
        ? { seals: seals.map((s) => ({ number: s.number, date: s.date, heads: s.leaves.length, root: s.root, hash: s.hash })) }
        : {}),
      ...(untold.length > 0 ? { undeliverable: untold.map(undeliverableLine) } : {}),
      link: consoleHome(deps.consoleUrl, 'leadership'),
    }),
  );
  const { office, leaders } = await officeAndLeaders(deps.units, 'digest');
  await deliver(deps, queueFor([...leaders, ...office], 'weekly-digest', today, ['week'], rendered), emails);
  // Said once: marked after the digest is claimed (a failed send keeps its text and goes out with the next run).
  if (deps.markers) for (const u of untold) await deps.markers.mark(undeliverableToldMark(u), { toldOn: today });
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

/** The undeliverable contacts the office has not been told of (a digest told it once). */
async function untoldUndeliverable(markers: Markers, units: readonly Unit[]): Promise<UndeliverableContact[]> {
  const all = undeliverableContacts(units);
  const refs = all.map(undeliverableToldMark);
  const untold = new Set(await markers.unmarked(refs));
  return all.filter((_, i) => untold.has(refs[i]!));
}

/** 无法送达：<unit> <role> <name> <address>… — the digest's line, in the catalogue's words. */
const undeliverableLine = (u: UndeliverableContact) =>
  render(
    say('mail.undeliverable', {
      unit: u.unit.name,
      role: contactRoleLabels[u.contact.role],
      name: u.contact.name,
      address: u.contact.email,
      since: chineseDate(shanghaiDate(new Date(u.contact.undeliverableSince))),
      noneLeft: u.noneLeft,
    }),
    'zh',
  );
