import { shanghaiDate, type CalendarDate } from './calendar';
import type { Caller } from './caller';
import type { HistoryEvent } from './history';
import { isOpen, type Item } from './items';
import { assertAllowed, assertResponsible, change } from './lifecycle';
import type { CopyFlag } from './similarity-flags';
import { say } from '../messages/message';
import { RuleViolation } from './errors';

/**
 * A claimed completion awaits the office's verification (核查): meanwhile the
 * unit owes no report (it cannot make one) and is neither reminded nor warned;
 * if verification fails the item is back in progress and its dates apply again.
 */
export const awaitingVerification = (item: Pick<Item, 'status'>) => item.status === 'completion-claimed';

/**
 * Late on a day: the deadline has passed and the item is not done — and a
 * unit that claimed completion by its deadline is not late while the office
 * verifies (the office's own time never makes a unit late).
 */
export function lateOn(
  item: Pick<Item, 'status' | 'dueDate' | 'completionClaimedOn'> & { importedPastDue?: boolean },
  day: CalendarDate,
): boolean {
  // A deadline that passed before the item was imported (导入台账) is the old ledger's, not the unit's lateness.
  if (!isOpen(item.status) || item.dueDate >= day || item.importedPastDue) return false;
  return !(awaitingVerification(item) && item.completionClaimedOn !== undefined && item.completionClaimedOn <= item.dueDate);
}

/** The percentage a report must say before its unit may claim the item done. */
export const DONE_PERCENT = 100;

/**
 * A claim comes after the lead's report saying 100 %: a claim at 35 % was
 * accepted once in the trial. After a failed 核查 the lead reports again
 * (what it changed) before it claims again: a report made before the
 * failure does not count.
 */
export function assertReportedDone(item: Item): void {
  const percent = item.progressByUnit[item.leadUnit];
  if (percent === undefined || percent < DONE_PERCENT) {
    throw new RuleViolation('completion-needs-full-report', say('rule.completion-needs-full-report', { percentComplete: percent ?? null }));
  }
  const failure = item.lastVerification && !item.lastVerification.passed ? item.lastVerification.at : undefined;
  // Items from before leadReportedAt was kept fall back on the latest report of any unit.
  const reportedAt = item.leadReportedAt ?? item.lastReportAt;
  if (failure !== undefined && (reportedAt === undefined || reportedAt <= failure)) {
    throw new RuleViolation('completion-needs-new-report', say('rule.completion-needs-new-report', { failedAt: failure }));
  }
}

/**
 * The lead unit says the item is done; the office verifies (核查) before it
 * closes. A pending extension request is withdrawn by the claim (the caller
 * writes the withdrawn request with it).
 */
export function acceptCompletionClaim(
  item: Item,
  claim: { summary: string },
  context: { caller: Caller; now: Date; possibleCopyOf?: Omit<CopyFlag, 'reportId'> },
): { item: Item; event: HistoryEvent } {
  assertResponsible(context.caller, item, true);
  assertAllowed('claimCompletion', item);
  assertReportedDone(item);
  const flag = context.possibleCopyOf;
  return change(
    item,
    context.caller,
    context.now,
    'completion.claimed',
    {
      summary: claim.summary,
      ...(flag ? { possibleCopyOf: flag } : {}),
      ...(item.pendingExtension ? { withdrawnExtension: item.pendingExtension } : {}),
    },
    {
      status: 'completion-claimed',
      completionClaimedOn: shanghaiDate(context.now),
      pendingExtension: undefined,
      ...(flag ? { copyFlags: [...(item.copyFlags ?? []), flag] } : {}),
    },
  );
}
