import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, NotFound } from '../../functions/domain/errors';
import { acknowledgeItem } from '../../functions/use-cases/acknowledge-item';
import { co, lead, leader, office, stranger, world } from './use-case-world';

/** 签收 (acknowledgeItem) on the ports in memory; tests/integration/lifecycle.test.ts asserts the same over HTTP. */

describe('acknowledgeItem (签收)', () => {
  it('the lead’s signature moves the item to acknowledged, a co-unit’s only adds itself: one event and version each', async () => {
    const w = world();
    await w.item();
    const first = await acknowledgeItem(w.deps, lead, 'item-1');
    expect(first).toMatchObject({ replayed: false, result: { status: 'acknowledged', version: 2 } });
    w.later();
    const second = await acknowledgeItem(w.deps, co, 'item-1');
    expect(second.result).toMatchObject({ status: 'acknowledged', version: 3 });
    expect(w.stored().acknowledgements.map((a) => a.unitId)).toEqual(['a', 'b']);
    expect(w.events()).toEqual(['item.registered', 'item.acknowledged', 'item.acknowledged']);
    expect(w.ledger.state.histories.get('item-1')?.map((e) => e.data.unitId)).toEqual([undefined, 'a', 'b']);
  });

  it('a co-unit signing first leaves the item assigned until the lead signs', async () => {
    const w = world();
    await w.item();
    await acknowledgeItem(w.deps, co, 'item-1');
    expect(w.stored().status).toBe('assigned');
    await acknowledgeItem(w.deps, lead, 'item-1');
    expect(w.stored().status).toBe('acknowledged');
  });

  it('the lead and a co-unit signing at the same moment both stand', async () => {
    const w = world();
    await w.item();
    await Promise.all([acknowledgeItem(w.deps, lead, 'item-1'), acknowledgeItem(w.deps, co, 'item-1')]);
    expect(w.stored()).toMatchObject({ status: 'acknowledged', version: 3 });
    expect(
      w
        .stored()
        .acknowledgements.map((a) => a.unitId)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('refuses a second signature by the same unit (409), writing nothing', async () => {
    const w = world();
    await w.item();
    await acknowledgeItem(w.deps, lead, 'item-1');
    await expect(acknowledgeItem(w.deps, lead, 'item-1')).rejects.toMatchObject({ code: 'already-acknowledged' });
    expect(w.stored().version).toBe(2);
    expect(w.events()).toHaveLength(2);
  });

  it('refuses a signature on a closed or withdrawn item (409 illegal-transition)', async () => {
    for (const status of ['closed', 'withdrawn'] as const) {
      const w = world();
      const item = await w.item();
      w.ledger.state.items.set('item-1', { ...item, status });
      const refused = acknowledgeItem(w.deps, lead, 'item-1');
      await expect(refused).rejects.toBeInstanceOf(Conflict);
      await expect(refused).rejects.toMatchObject({ code: 'illegal-transition' });
      expect(w.events()).toEqual(['item.registered']);
    }
  });

  it('a unit not named on the item gets exactly what it would for a missing item (404)', async () => {
    const w = world();
    await w.item();
    const notYours = await acknowledgeItem(w.deps, stranger, 'item-1').catch((e: unknown) => e);
    const missing = await acknowledgeItem(w.deps, stranger, 'item-2').catch((e: unknown) => e);
    expect(notYours).toBeInstanceOf(NotFound);
    expect(missing).toBeInstanceOf(NotFound);
    expect((notYours as Error).message).toBe((missing as Error).message.replace('item-2', 'item-1'));
    expect(w.events()).toEqual(['item.registered']);
  });

  it('the office and leaders may not sign for a unit (403)', async () => {
    const w = world();
    await w.item();
    for (const caller of [office, leader]) await expect(acknowledgeItem(w.deps, caller, 'item-1')).rejects.toBeInstanceOf(Forbidden);
    expect(w.stored().acknowledgements).toEqual([]);
  });

  it('a retry with the same Idempotency-Key gets the first answer back and signs once', async () => {
    const w = world();
    await w.item();
    const first = await acknowledgeItem(w.deps, lead, 'item-1', 'key-00000001');
    w.later();
    const retry = await acknowledgeItem(w.deps, lead, 'item-1', 'key-00000001');
    expect(retry).toEqual({ result: first.result, replayed: true });
    expect(w.events()).toEqual(['item.registered', 'item.acknowledged']);
    // Without the key the same request is a second signature, and refused as one.
    await expect(acknowledgeItem(w.deps, lead, 'item-1')).rejects.toMatchObject({ code: 'already-acknowledged' });
  });
});
