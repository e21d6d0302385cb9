import type { Caller } from '../domain/caller';
import { say } from '../messages/message';
import { RuleViolation } from '../domain/errors';
import { timeOrderedId } from '../domain/ids';
import { change } from '../domain/lifecycle';
import { newReferral, type Referral, type ReferralInput } from '../domain/referrals';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest, once } from './idempotency';
import type { ReferralRepository, UnitRepository } from './ports';

/** 移送监察机关 (rule 5): the office records a referral; the item's history notes it (units never see it). */
export async function recordReferral(
  deps: ChangeItemDeps & { referrals: ReferralRepository; units: UnitRepository },
  caller: Caller,
  input: ReferralInput,
  idempotencyKey?: string,
): Promise<{ referral: Referral; replayed: boolean }> {
  const [units, items] = await Promise.all([deps.units.missing([input.unitId]), input.itemId ? deps.items.missing([input.itemId]) : []]);
  if (units.length + items.length > 0) {
    throw new RuleViolation('unknown-reference', say('missing.references', { ids: [...units, ...items] }), [
      ...units.map((id) => ({ path: 'unitId', message: say('missing.unit-detail', { id }) })),
      ...items.map((id) => ({ path: 'itemId', message: say('missing.item-detail', { id }) })),
    ]);
  }
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, 'POST /referrals', input);
  const { result, replayed } = await once<Referral>(deps.idempotency, request, now, async (remember) => {
    const referral = newReferral(input, { id: timeOrderedId(now), caller, now });
    await deps.referrals.record(referral, remember?.(referral));
    return referral;
  });
  const itemId = result.itemId;
  if (itemId) {
    await changeItem(
      deps,
      caller,
      itemId,
      { commutes: true, idempotency: { scope: `referral|${result.id}|${itemId}`, fingerprint: result.id } },
      (item, at) => ({
        // The clue itself stays in the referral record, readable by the office and leaders only.
        ...change(item, caller, at, 'referral.recorded', { referralId: result.id, unitId: result.unitId }, {}),
        result: null,
      }),
    );
  }
  return { referral: result, replayed };
}
