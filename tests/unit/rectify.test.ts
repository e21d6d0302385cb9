import { describe, expect, it } from 'vitest';
import { addDays } from '../../functions/domain/calendar';
import { Forbidden, NotFound } from '../../functions/domain/errors';
import { rectify } from '../../functions/use-cases/rectify';
import { co, lead, leader, office, START, stranger, world } from './use-case-world';

/** 整改报告 (rectify) on the ports in memory; tests/integration/notices.test.ts ("rectification reports") asserts the same over HTTP. */

const handIn = { explanation: '工作统筹不够', measures: '倒排工期，专人督办', report: '整改报告全文' };
const deps = (w: ReturnType<typeof world>) => ({ notices: w.ledger.notices, idempotency: w.ledger.idempotency, clock: w.clock });

describe('rectify (整改报告, rule 3)', () => {
  it('a named unit hands in on time: its obligation is settled, the other unit still owes', async () => {
    const w = world();
    await w.notice();
    w.later();
    const { rectification, replayed } = await rectify(deps(w), lead, 'n1', handIn);
    expect(replayed).toBe(false);
    expect(rectification).toMatchObject({ ...handIn, noticeId: 'n1', unitId: 'a', submittedBy: 'a-liaison', onTime: true });
    expect(rectification).not.toHaveProperty('attempt');
    expect(w.obligation('a')).toMatchObject({ status: 'rectified', submissions: 1 });
    expect(w.obligation('b')).toMatchObject({ status: 'owed' });
  });

  it('a hand-in after the week is accepted and marked late', async () => {
    const w = world();
    await w.notice();
    w.setNow(new Date(START.getTime() + 8 * 86_400_000));
    const { rectification } = await rectify(deps(w), co, 'n1', handIn);
    expect(rectification.onTime).toBe(false);
    expect(w.obligation('b')?.due).toBe(addDays('2026-11-26', 7));
    // Counted against 乙局 in the assessment, with the hand-in; the notice's own fact beside it.
    expect([...w.ledger.state.facts.values()].map((f) => `${f.kind} ${f.unitIds.join(',')}`).sort()).toEqual([
      'notice-office a,b',
      'rectification-late b',
    ]);
  });

  it('a second hand-in is refused (409 already-rectified), with or without another key', async () => {
    const w = world();
    await w.notice();
    await rectify(deps(w), lead, 'n1', handIn);
    await expect(rectify(deps(w), lead, 'n1', { ...handIn, measures: '再补充一些措施' })).rejects.toMatchObject({
      code: 'already-rectified',
    });
    await expect(rectify(deps(w), lead, 'n1', handIn, 'key-00000002')).rejects.toMatchObject({ code: 'already-rectified' });
    expect(w.ledger.state.rectifications.size).toBe(1);
  });

  it('is refused to the office and leaders (403); a notice not naming the unit is 404, like a missing one', async () => {
    const w = world();
    await w.notice();
    for (const caller of [office, leader]) await expect(rectify(deps(w), caller, 'n1', handIn)).rejects.toBeInstanceOf(Forbidden);
    const notNamed = await rectify(deps(w), stranger, 'n1', handIn).catch((e: unknown) => e);
    const missing = await rectify(deps(w), lead, 'no-such-notice', handIn).catch((e: unknown) => e);
    expect(notNamed).toBeInstanceOf(NotFound);
    expect(missing).toBeInstanceOf(NotFound);
    expect(w.ledger.state.rectifications.size).toBe(0);
    expect([w.obligation('a')?.status, w.obligation('b')?.status]).toEqual(['owed', 'owed']);
  });

  it('a withdrawn notice takes no rectification (409 notice-withdrawn)', async () => {
    const w = world();
    const notice = await w.notice();
    w.ledger.state.notices.set('n1', {
      ...notice,
      withdrawn: { at: START.toISOString(), by: { sub: 'office-1', role: 'office' }, reason: '误发' },
    });
    await expect(rectify(deps(w), lead, 'n1', handIn)).rejects.toMatchObject({ code: 'notice-withdrawn' });
    expect(w.ledger.state.rectifications.size).toBe(0);
  });

  it('a retry with the same Idempotency-Key gets the first answer back and writes one rectification', async () => {
    const w = world();
    await w.notice();
    const first = await rectify(deps(w), lead, 'n1', handIn, 'key-00000001');
    w.later();
    const retry = await rectify(deps(w), lead, 'n1', handIn, 'key-00000001');
    expect(retry).toEqual({ rectification: first.rectification, replayed: true });
    expect(w.ledger.state.rectifications.size).toBe(1);
    await expect(rectify(deps(w), lead, 'n1', { ...handIn, report: '另一份' }, 'key-00000001')).rejects.toMatchObject({
      code: 'idempotency-key-reused',
    });
  });
});
