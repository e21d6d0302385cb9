import { describe, expect, it } from 'vitest';
import { Forbidden, RuleViolation } from '../../functions/domain/errors';
import { recordReferral } from '../../functions/use-cases/record-referral';
import { memoryReferrals } from './memory-ports';
import { inspector, lead, leader, office, world } from './use-case-world';

/** 移送监察机关 (recordReferral, rule 5) on the ports in memory; tests/integration/notices.test.ts ("referrals") asserts the same over HTTP. */

async function referring() {
  const w = world();
  await w.item();
  const store = memoryReferrals(w.ledger.state.idempotency);
  return { w, store, deps: { ...w.deps, referrals: store.referrals, units: w.ledger.units } };
}

const clue = '项目资金疑似被挪用，相关票据附后';

describe('recordReferral (移送, rule 5)', () => {
  it('the office records the referral with its clue; the item’s history notes it without the clue', async () => {
    const { w, store, deps } = await referring();
    const { referral, replayed } = await recordReferral(deps, office, { unitId: 'a', itemId: 'item-1', clue });
    expect(replayed).toBe(false);
    expect(referral).toMatchObject({ unitId: 'a', itemId: 'item-1', clue, referredBy: { role: 'office' } });
    expect([...store.stored.values()]).toEqual([referral]);
    expect(w.lastEvent()).toMatchObject({ type: 'referral.recorded', data: { referralId: referral.id, unitId: 'a' } });
    expect(JSON.stringify(w.lastEvent())).not.toContain(clue);
  });

  it('a referral without an item touches no item', async () => {
    const { w, deps } = await referring();
    await recordReferral(deps, office, { unitId: 'a', clue });
    expect(w.events()).toEqual(['item.registered']);
  });

  it('refuses an unknown unit or item (422 unknown-reference, naming the field), writing nothing', async () => {
    const { w, store, deps } = await referring();
    const unknownUnit = recordReferral(deps, office, { unitId: 'ghost', itemId: 'item-1', clue });
    await expect(unknownUnit).rejects.toBeInstanceOf(RuleViolation);
    await expect(unknownUnit).rejects.toMatchObject({ code: 'unknown-reference', details: [{ path: 'unitId' }] });
    await expect(recordReferral(deps, office, { unitId: 'a', itemId: 'ghost-item', clue })).rejects.toMatchObject({
      code: 'unknown-reference',
      details: [{ path: 'itemId' }],
    });
    expect(store.stored.size).toBe(0);
    expect(w.events()).toEqual(['item.registered']);
  });

  it('units, inspectors and leaders may not record one (403)', async () => {
    const { w, store, deps } = await referring();
    for (const caller of [lead, inspector, leader]) {
      await expect(recordReferral(deps, caller, { unitId: 'a', itemId: 'item-1', clue })).rejects.toBeInstanceOf(Forbidden);
    }
    expect(store.stored.size).toBe(0);
    expect(w.events()).toEqual(['item.registered']);
  });

  it('a retry with the same Idempotency-Key gets the first referral back: one record, one history event', async () => {
    const { w, store, deps } = await referring();
    const first = await recordReferral(deps, office, { unitId: 'a', itemId: 'item-1', clue }, 'key-00000001');
    w.later();
    const retry = await recordReferral(deps, office, { unitId: 'a', itemId: 'item-1', clue }, 'key-00000001');
    expect(retry).toEqual({ referral: first.referral, replayed: true });
    expect(store.stored.size).toBe(1);
    expect(w.events().filter((e) => e === 'referral.recorded')).toHaveLength(1);
  });
});
