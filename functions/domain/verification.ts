import { assertRole } from './access';
import type { Caller } from './caller';
import type { HistoryEvent } from './history';
import type { Item, Verification } from './items';
import { assertAllowed, change } from './lifecycle';

/**
 * The office or an inspector checks a claimed completion. Passed closes the
 * item; failed sends it back to in-progress with the findings (已落实的要查效果).
 */
export function verify(item: Item, verification: Verification, caller: Caller, now: Date): { item: Item; event: HistoryEvent } {
  assertRole(caller, ['office', 'inspector'], 'Verification (核查)');
  assertAllowed('verify', item);
  const at = now.toISOString();
  return change(
    item,
    caller,
    now,
    verification.passed ? 'verification.passed' : 'verification.failed',
    { ...verification },
    {
      status: verification.passed ? 'closed' : 'in-progress',
      lastVerification: { ...verification, at },
    },
  );
}
