import { describe, expect, it } from 'vitest';
import { Forbidden, NotFound, RuleViolation } from '../../functions/domain/errors';
import { acknowledgeItem } from '../../functions/use-cases/acknowledge-item';
import { claimCompletion } from '../../functions/use-cases/claim-completion';
import { requestExtension } from '../../functions/use-cases/extension-requests';
import { submitReport } from '../../functions/use-cases/submit-report';
import { verifyItem } from '../../functions/use-cases/verify-item';
import { co, inspector, lead, office, report, stranger, world } from './use-case-world';

/**
 * 办结申请 (claimCompletion) on the ports in memory; tests/integration/lifecycle.test.ts and edits.test.ts
 * ("lifecycle rules the trial exposed") assert the same over HTTP.
 */

/** An item the lead signed for and reported on at `percent`. */
async function reported(percent = 100) {
  const w = world();
  await w.item();
  await acknowledgeItem(w.deps, lead, 'item-1');
  w.later();
  await submitReport(w.deps, lead, 'item-1', report(percent));
  w.later();
  return w;
}

const claim = { summary: '管网改造全部完成，申请销号' };

describe('claimCompletion (办结申请)', () => {
  it('moves an item the lead reported done to completion-claimed, dated by the claim, in one event', async () => {
    const w = await reported();
    const { result } = await claimCompletion(w.deps, lead, 'item-1', claim);
    expect(result).toMatchObject({ status: 'completion-claimed', completionClaimedOn: '2026-11-26', version: 4 });
    expect(w.lastEvent()).toMatchObject({ type: 'completion.claimed', data: { summary: claim.summary } });
    expect(w.lastEvent()?.data).not.toHaveProperty('possibleCopyOf');
  });

  it('is the lead’s alone: a co-unit is refused (403), a unit not named gets 404', async () => {
    const w = await reported();
    await expect(claimCompletion(w.deps, co, 'item-1', claim)).rejects.toBeInstanceOf(Forbidden);
    await expect(claimCompletion(w.deps, stranger, 'item-1', claim)).rejects.toBeInstanceOf(NotFound);
    await expect(claimCompletion(w.deps, office, 'item-1', claim)).rejects.toBeInstanceOf(Forbidden);
    expect(w.stored().status).toBe('in-progress');
  });

  it('refuses a claim before any report (409) and before the lead reports 100 % (422), writing nothing', async () => {
    const w = world();
    await w.item();
    await acknowledgeItem(w.deps, lead, 'item-1');
    await expect(claimCompletion(w.deps, lead, 'item-1', claim)).rejects.toMatchObject({ code: 'illegal-transition' });
    await submitReport(w.deps, lead, 'item-1', report(35));
    const refused = claimCompletion(w.deps, lead, 'item-1', claim);
    await expect(refused).rejects.toBeInstanceOf(RuleViolation);
    await expect(refused).rejects.toMatchObject({ code: 'completion-needs-full-report' });
    expect(w.events().at(-1)).toBe('report.submitted');
  });

  it('after a failed 核查 the lead must report anew before claiming again (422)', async () => {
    const w = await reported();
    await claimCompletion(w.deps, lead, 'item-1', claim);
    w.later();
    await verifyItem(w.deps, inspector, 'item-1', { method: 'unannounced', passed: false, findings: '两处排污口仍在直排' });
    w.later();
    await expect(claimCompletion(w.deps, lead, 'item-1', claim)).rejects.toMatchObject({ code: 'completion-needs-new-report' });
    await submitReport(w.deps, lead, 'item-1', report(100, { summary: '两处直排口已封堵并接入市政污水管网' }));
    w.later();
    await expect(claimCompletion(w.deps, lead, 'item-1', { summary: '整改到位，再次申请销号' })).resolves.toMatchObject({
      result: { status: 'completion-claimed' },
    });
  });

  it('withdraws the lead’s pending extension request, so nothing is left undecided', async () => {
    const w = await reported();
    const { result: request } = await requestExtension(w.deps, lead, 'item-1', { newDueDate: '2027-01-31', reason: '雨季施工受阻' });
    w.later();
    const { result } = await claimCompletion(w.deps, lead, 'item-1', claim);
    expect(result.pendingExtension).toBeUndefined();
    expect(w.lastEvent()?.data).toMatchObject({ withdrawnExtension: request.id });
    expect(await w.ledger.items.extension('item-1', request.id)).toMatchObject({ status: 'withdrawn' });
  });

  it('flags a claim that repeats an earlier report (纸面销号), naming the report', async () => {
    const w = await reported();
    const [earlier] = (await w.ledger.items.reports('item-1', { limit: 10 })).items;
    const { result } = await claimCompletion(w.deps, lead, 'item-1', { summary: earlier!.summary });
    expect(w.lastEvent()?.data).toMatchObject({ possibleCopyOf: { possibleCopyOf: earlier!.id } });
    expect(result.copyFlags).toEqual([expect.objectContaining({ possibleCopyOf: earlier!.id })]);
  });

  it('a retry with the same Idempotency-Key gets the first answer and claims once; another body with the key is 422', async () => {
    const w = await reported();
    const first = await claimCompletion(w.deps, lead, 'item-1', claim, 'key-00000001');
    const retry = await claimCompletion(w.deps, lead, 'item-1', claim, 'key-00000001');
    expect(retry).toEqual({ result: first.result, replayed: true });
    expect(w.events().filter((e) => e === 'completion.claimed')).toHaveLength(1);
    await expect(claimCompletion(w.deps, lead, 'item-1', { summary: '另一份' }, 'key-00000001')).rejects.toMatchObject({
      code: 'idempotency-key-reused',
    });
  });
});
