import { shanghaiDate, type CalendarDate } from './calendar';
import type { Caller } from './caller';
import type { HistoryEvent } from './history';
import type { Item } from './items';
import { assertAllowed, assertResponsible, change } from './lifecycle';
import type { CopyFlag } from './similarity-flags';

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
export function lateOn(item: Pick<Item, 'status' | 'dueDate' | 'completionClaimedOn'>, day: CalendarDate): boolean {
  if (item.status === 'closed' || item.dueDate >= day) return false;
  return !(awaitingVerification(item) && item.completionClaimedOn !== undefined && item.completionClaimedOn <= item.dueDate);
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
