import { shanghaiDate } from './calendar';
import type { Caller } from './caller';
import type { HistoryEvent } from './history';
import type { Item } from './items';
import { assertAllowed, assertResponsible, change } from './lifecycle';
import type { CopyFlag } from './similarity-flags';

/**
 * The lead unit says the item is done; the office verifies (核查) before it
 * closes. A pending extension request is withdrawn by the claim (the caller
 * writes the withdrawn request with it).
 */
export function claimCompletion(
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
    { status: 'completion-claimed', completionClaimedOn: shanghaiDate(context.now), pendingExtension: undefined, ...(flag ? { copyFlags: [...(item.copyFlags ?? []), flag] } : {}) },
  );
}
