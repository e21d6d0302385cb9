import { describe, expect, it } from 'vitest';
import { Forbidden, NotFound } from '../../functions/domain/errors';
import { acknowledgeItem } from '../../functions/use-cases/acknowledge-item';
import { claimCompletion } from '../../functions/use-cases/claim-completion';
import { submitReport } from '../../functions/use-cases/submit-report';
import { verifyItem } from '../../functions/use-cases/verify-item';
import { head } from '../fixtures';
import { co, inspector, lead, leader, office, report, world } from './use-case-world';

/** 核查 (verifyItem) on the ports in memory; tests/integration/lifecycle.test.ts asserts the same over HTTP. */

/** An item whose lead has claimed completion. */
async function claimed() {
  const w = world();
  await w.item();
  await acknowledgeItem(w.deps, lead, 'item-1');
  await submitReport(w.deps, lead, 'item-1', report(100));
  await claimCompletion(w.deps, lead, 'item-1', { summary: '全部完成，申请销号' });
  w.later();
  return w;
}

const passed = { method: 'site' as const, passed: true, findings: '实地核查，工程已完工' };
const failed = { method: 'unannounced' as const, passed: false, findings: '暗访发现两处排污口仍在直排' };

describe('verifyItem (核查)', () => {
  it('passed closes the item; failed sends it back to in-progress with the findings; one event each', async () => {
    const w = await claimed();
    const back = await verifyItem(w.deps, inspector, 'item-1', failed);
    expect(back.result).toMatchObject({ status: 'in-progress', lastVerification: { ...failed, at: w.clock.now().toISOString() } });
    expect(w.lastEvent()).toMatchObject({ type: 'verification.failed', actor: { role: 'inspector' }, data: failed });

    w.later();
    await submitReport(w.deps, lead, 'item-1', report(100, { summary: '两处直排口已封堵' }));
    await claimCompletion(w.deps, lead, 'item-1', { summary: '整改到位，再次申请销号' });
    const closed = await verifyItem(w.deps, office, 'item-1', passed);
    expect(closed.result).toMatchObject({ status: 'closed', lastVerification: { passed: true } });
    expect(w.events().filter((e) => e.startsWith('verification.'))).toEqual(['verification.failed', 'verification.passed']);
    // What the changes count for the assessment, decided with them (changeOf) and kept with the commit: each report
    // once, and the close on time for the lead alone — the failed 核查 counts nothing.
    const facts = [...w.ledger.state.facts.values()];
    expect(facts.filter((f) => f.kind.startsWith('report-')).map((f) => f.unitIds)).toEqual([[lead.unitId], [lead.unitId]]);
    expect(facts.filter((f) => f.kind.startsWith('closed-'))).toEqual([
      expect.objectContaining({ kind: 'closed-on-time', unitIds: [lead.unitId], ref: 'item-1' }),
    ]);
  });

  it('is the office’s and the inspectors’: leaders and units are refused (403), writing nothing', async () => {
    const w = await claimed();
    for (const caller of [leader, lead, co]) await expect(verifyItem(w.deps, caller, 'item-1', passed)).rejects.toBeInstanceOf(Forbidden);
    expect(w.stored().status).toBe('completion-claimed');
  });

  it('refuses an item not claimed (409 illegal-transition) and a missing item (404)', async () => {
    const w = world();
    await w.item();
    await expect(verifyItem(w.deps, office, 'item-1', passed)).rejects.toMatchObject({ code: 'illegal-transition' });
    await expect(verifyItem(w.deps, office, 'item-2', passed)).rejects.toBeInstanceOf(NotFound);
    expect(w.events()).toEqual(['item.registered']);
  });

  it('a second verification of one claim is refused (409): a closed item is not verified again', async () => {
    const w = await claimed();
    await verifyItem(w.deps, office, 'item-1', passed);
    await expect(verifyItem(w.deps, inspector, 'item-1', failed)).rejects.toMatchObject({ code: 'illegal-transition' });
    expect(w.stored().status).toBe('closed');
  });

  it('tells the lead unit the result, and a refused verification tells no one', async () => {
    const w = await claimed();
    await expect(verifyItem({ ...w.deps, tell: w.tell }, leader, 'item-1', failed)).rejects.toBeInstanceOf(Forbidden);
    await w.follow();
    expect(w.mail.sent).toEqual([]);
    await verifyItem({ ...w.deps, tell: w.tell }, inspector, 'item-1', failed);
    // Sent after the commit, from the table's stream: the change wrote its letters, the stream sends them.
    expect(w.mail.sent).toEqual([]);
    await w.follow();
    expect(w.mail.sent.length).toBeGreaterThan(0);
    expect(w.mail.sent.every((m) => m.to.every((to) => to.endsWith('@a.example.gov.cn')))).toBe(true);
    expect(w.mail.sent.flatMap((m) => m.to)).toContain(head('a'));
  });

  it('a retry with the same Idempotency-Key gets the first answer and verifies once', async () => {
    const w = await claimed();
    const first = await verifyItem(w.deps, office, 'item-1', passed, 'key-00000001');
    const retry = await verifyItem(w.deps, office, 'item-1', passed, 'key-00000001');
    expect(retry).toEqual({ result: first.result, replayed: true });
    expect(w.events().filter((e) => e === 'verification.passed')).toHaveLength(1);
  });
});
