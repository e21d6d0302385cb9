import { describe, expect, it } from 'vitest';
import { Forbidden, NotFound } from '../../functions/domain/errors';
import { getNotice, listNotices, readRectifications } from '../../functions/use-cases/read-notices';
import { rectify } from '../../functions/use-cases/rectify';
import { reviewUnitRectification } from '../../functions/use-cases/review-rectification';
import { head } from '../fixtures';
import { co, inspector, lead, leader, office, stranger, world } from './use-case-world';

/**
 * 审核 of a rectification (reviewUnitRectification) and how a notice reads back (read-notices.ts) on the ports in
 * memory; tests/integration/rectification-review.test.ts and notices.test.ts assert the same over HTTP.
 */

const handIn = { explanation: '工作统筹不够', measures: '倒排工期，专人督办', report: '整改报告全文' };

async function rectified() {
  const w = world();
  await w.notice();
  const deps = { notices: w.ledger.notices, idempotency: w.ledger.idempotency, clock: w.clock };
  await rectify(deps, lead, 'n1', handIn);
  w.later();
  return { w, deps: { ...deps, tell: w.tell } };
}

describe('reviewUnitRectification (审核, 退回重报)', () => {
  it('退回重报: returned with a reason, handed in again as attempt 2, then accepted; the unit told each time', async () => {
    const { w, deps } = await rectified();
    const returned = await reviewUnitRectification(deps, office, 'n1', 'a', { decision: 'returned', reason: '措施不具体' });
    expect(returned.rectification.review).toMatchObject({ decision: 'returned', reason: '措施不具体', by: { role: 'office' } });
    expect(w.obligation('a')).toMatchObject({ status: 'returned', submissions: 1 });
    await w.follow();
    expect(w.mail.sent.flatMap((m) => m.to)).toContain(head('a'));
    expect(w.mail.sent.flatMap((m) => m.to).some((to) => to.endsWith('@b.example.gov.cn'))).toBe(false);

    w.later();
    const again = await rectify(deps, lead, 'n1', { ...handIn, measures: '三项具体措施' });
    expect(again.rectification.attempt).toBe(2);
    const accepted = await reviewUnitRectification(deps, office, 'n1', 'a', { decision: 'accepted' });
    expect(accepted.rectification).toMatchObject({ attempt: 2, review: { decision: 'accepted' } });
    expect(w.obligation('a')).toMatchObject({ status: 'rectified', submissions: 2 });
    // Both hand-ins stay on record, oldest first; the notice says the latest's review and how many there were.
    expect((await readRectifications(w.ledger.notices, office, 'n1')).map((r) => [r.attempt ?? 1, r.review?.decision])).toEqual([
      [1, 'returned'],
      [2, 'accepted'],
    ]);
    expect((await getNotice(w.ledger.notices, office, 'n1')).rectifications.find((r) => r.unitId === 'a')).toMatchObject({
      status: 'rectified',
      review: 'accepted',
      submissions: 2,
    });
  });

  it('each hand-in is reviewed once (409), and one not handed in cannot be reviewed (409)', async () => {
    const { w, deps } = await rectified();
    await reviewUnitRectification(deps, office, 'n1', 'a', { decision: 'accepted' });
    await w.follow();
    const sent = w.mail.sent.length;
    await expect(reviewUnitRectification(deps, office, 'n1', 'a', { decision: 'returned', reason: '再改' })).rejects.toMatchObject({
      code: 'rectification-not-awaiting-review',
    });
    await expect(reviewUnitRectification(deps, office, 'n1', 'b', { decision: 'accepted' })).rejects.toMatchObject({
      code: 'rectification-not-awaiting-review',
    });
    // A refused review tells no one.
    await w.follow();
    expect(w.mail.sent).toHaveLength(sent);
  });

  it('is the office’s alone (403); a unit the notice does not name, or a missing notice, is 404', async () => {
    const { w, deps } = await rectified();
    for (const caller of [leader, inspector, lead]) {
      await expect(reviewUnitRectification(deps, caller, 'n1', 'a', { decision: 'accepted' })).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(reviewUnitRectification(deps, office, 'n1', 'c', { decision: 'accepted' })).rejects.toBeInstanceOf(NotFound);
    await expect(reviewUnitRectification(deps, office, 'n2', 'a', { decision: 'accepted' })).rejects.toBeInstanceOf(NotFound);
    expect(w.obligation('a')?.status).toBe('rectified');
    await w.follow();
    expect(w.mail.sent).toEqual([]);
  });

  it('a retry with the same Idempotency-Key gets the first answer, reviews once and sends nothing again', async () => {
    const { w, deps } = await rectified();
    const input = { decision: 'returned' as const, reason: '措施不具体' };
    const first = await reviewUnitRectification(deps, office, 'n1', 'a', input, 'key-00000001');
    await w.follow();
    const sent = w.mail.sent.length;
    expect(sent).toBeGreaterThan(0);
    const retry = await reviewUnitRectification(deps, office, 'n1', 'a', input, 'key-00000001');
    expect(retry).toEqual({ rectification: first.rectification, replayed: true });
    await w.follow();
    expect(w.mail.sent).toHaveLength(sent);
    expect(w.obligation('a')).toMatchObject({ status: 'returned' });
  });
});

describe('reading a notice and its rectifications (rule 6)', () => {
  it('the office and leaders read every hand-in; a unit only its own; a unit not named 404 like a missing notice', async () => {
    const { w, deps } = await rectified();
    await rectify(deps, co, 'n1', handIn);
    expect((await readRectifications(w.ledger.notices, leader, 'n1')).map((r) => r.unitId)).toEqual(['a', 'b']);
    expect((await readRectifications(w.ledger.notices, co, 'n1')).map((r) => r.unitId)).toEqual(['b']);
    await expect(readRectifications(w.ledger.notices, co, 'n1', 'a')).rejects.toBeInstanceOf(NotFound);
    await expect(readRectifications(w.ledger.notices, stranger, 'n1')).rejects.toBeInstanceOf(NotFound);
    await expect(getNotice(w.ledger.notices, stranger, 'n1')).rejects.toBeInstanceOf(NotFound);
    await expect(readRectifications(w.ledger.notices, office, 'n1', 'c')).rejects.toBeInstanceOf(NotFound);
    // The notice itself: every named unit's standing for the office, a named unit's own line alone for it.
    expect((await getNotice(w.ledger.notices, leader, 'n1')).rectifications.map((r) => r.unitId)).toEqual(['a', 'b']);
    expect((await getNotice(w.ledger.notices, co, 'n1')).rectifications.map((r) => r.unitId)).toEqual(['b']);
  });

  it('a unit’s list holds only the notices naming it; the office’s every notice, newest first', async () => {
    const { w } = await rectified();
    await w.notice('n2', { unitIds: ['c'] });
    const ids = async (caller: typeof office) => (await listNotices(w.ledger.notices, caller, { limit: 10 })).items.map((n) => n.id);
    expect(await ids(office)).toEqual(['n2', 'n1']);
    expect(await ids(lead)).toEqual(['n1']);
    expect(await ids(stranger)).toEqual(['n2']);
  });
});
