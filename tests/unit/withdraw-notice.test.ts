import { describe, expect, it } from 'vitest';
import { notExcellentMark } from '../../functions/domain/assessment';
import { Forbidden, NotFound } from '../../functions/domain/errors';
import { rectify } from '../../functions/use-cases/rectify';
import { withdrawIssuedNotice, type WithdrawNoticeDeps } from '../../functions/use-cases/withdraw-notice';
import { head } from '../fixtures';
import { inspector, lead, leader, office, world } from './use-case-world';

/** 撤销通报 (withdrawIssuedNotice) on the ports in memory; tests/integration/rectification-review.test.ts asserts the same over HTTP. */

async function issued() {
  const w = world();
  await w.item();
  await w.notice();
  w.later();
  const deps: WithdrawNoticeDeps = { ...w.deps, tell: w.tell, notices: w.ledger.notices, units: w.ledger.units };
  return { w, deps };
}

const withdrawnMails = (w: ReturnType<typeof world>, address: string) => w.mail.subjectsTo(address).filter((s) => s.includes('撤销通报'));

describe('withdrawIssuedNotice (撤销通报)', () => {
  it('marks the notice withdrawn with who and why, ends every obligation, notes it in the items’ histories, tells the named units', async () => {
    const { w, deps } = await issued();
    expect([...w.ledger.state.facts.values()].map((f) => f.ref)).toEqual(['n1']);
    const { notice, replayed } = await withdrawIssuedNotice(deps, office, 'n1', '点名单位有误');
    expect(replayed).toBe(false);
    // The letters were written with the withdrawal; none is sent by the request itself.
    expect(w.mail.sent).toEqual([]);
    await w.follow();
    // The notice no longer counts against anyone (rule 4, the deduction).
    expect(w.ledger.state.facts.size).toBe(0);
    expect(notice.withdrawn).toMatchObject({ reason: '点名单位有误', by: { role: 'office' }, at: w.clock.now().toISOString() });
    expect([w.obligation('a')?.status, w.obligation('b')?.status]).toEqual(['withdrawn', 'withdrawn']);
    expect(w.lastEvent()).toMatchObject({ type: 'notice.withdrawn', data: { noticeId: 'n1', reason: '点名单位有误' } });
    expect(withdrawnMails(w, head('a'))).toHaveLength(1);
    expect(withdrawnMails(w, head('b'))).toHaveLength(1);
    expect(withdrawnMails(w, head('c'))).toEqual([]);
  });

  it('ends what a rectification settled too, and a withdrawn notice takes no rectification (409)', async () => {
    const { w, deps } = await issued();
    await rectify(deps, lead, 'n1', { explanation: '说明', measures: '措施', report: '报告' });
    await withdrawIssuedNotice(deps, office, 'n1', '点名单位有误');
    expect(w.obligation('a')?.status).toBe('withdrawn');
    await expect(rectify(deps, lead, 'n1', { explanation: '说明', measures: '措施', report: '报告' })).rejects.toMatchObject({
      code: 'notice-withdrawn',
    });
  });

  it('removes the not-excellent mark the notice caused, and only that notice’s', async () => {
    const { w, deps } = await issued();
    await w.ledger.markers.mark(notExcellentMark('a', 2026), { noticeId: 'n1' });
    await w.ledger.markers.mark(notExcellentMark('b', 2026), { noticeId: 'another-notice' });
    await withdrawIssuedNotice(deps, office, 'n1', '点名单位有误');
    expect(await w.ledger.markers.unmarked([notExcellentMark('a', 2026), notExcellentMark('b', 2026)])).toEqual([
      notExcellentMark('a', 2026),
    ]);
  });

  it('is the office’s alone (403); a missing notice is 404; a second withdrawal is 409 and tells no one again', async () => {
    const { w, deps } = await issued();
    for (const caller of [leader, inspector, lead]) {
      await expect(withdrawIssuedNotice(deps, caller, 'n1', '点名单位有误')).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(withdrawIssuedNotice(deps, office, 'no-such-notice', '点名单位有误')).rejects.toBeInstanceOf(NotFound);
    expect(w.ledger.state.notices.get('n1')?.withdrawn).toBeUndefined();
    expect(w.mail.sent).toEqual([]);

    await withdrawIssuedNotice(deps, office, 'n1', '点名单位有误');
    await w.follow();
    const sent = w.mail.sent.length;
    expect(sent).toBeGreaterThan(0);
    await expect(withdrawIssuedNotice(deps, office, 'n1', '再次撤销')).rejects.toMatchObject({ code: 'notice-withdrawn' });
    await w.follow();
    expect(w.mail.sent).toHaveLength(sent);
    expect(w.events().filter((e) => e === 'notice.withdrawn')).toHaveLength(1);
  });

  it('a notice withdrawn before its obligations were all marked (a crash between chunks): another request is refused and writes nothing', async () => {
    const { w, deps } = await issued();
    const notice = w.ledger.state.notices.get('n1')!;
    // The commit point alone: the notice withdrawn, its obligations not yet.
    w.ledger.state.notices.set('n1', {
      ...notice,
      withdrawn: { at: w.clock.now().toISOString(), by: { sub: 'office-1', role: 'office' }, reason: '误发' },
    });
    await expect(withdrawIssuedNotice(deps, office, 'n1', '误发')).rejects.toMatchObject({ code: 'notice-withdrawn' });
    // A refusal changes nothing; readers and jobs already take a withdrawn notice's obligations as withdrawn, and the
    // retry of the first request (its Idempotency-Key) marks them (tests/integration/big-notice.test.ts).
    expect([w.obligation('a')?.status, w.obligation('b')?.status]).toEqual(['owed', 'owed']);
  });

  it('a retry with the same Idempotency-Key gets the first answer; the items note it once and no mail goes twice', async () => {
    const { w, deps } = await issued();
    const first = await withdrawIssuedNotice(deps, office, 'n1', '点名单位有误', 'key-00000001');
    await w.follow();
    const sent = w.mail.sent.length;
    expect(sent).toBeGreaterThan(0);
    w.later();
    const retry = await withdrawIssuedNotice(deps, office, 'n1', '点名单位有误', 'key-00000001');
    await w.follow();
    expect(retry).toEqual({ notice: first.notice, replayed: true });
    expect(w.mail.sent).toHaveLength(sent);
    expect(w.events().filter((e) => e === 'notice.withdrawn')).toHaveLength(1);
  });
});
