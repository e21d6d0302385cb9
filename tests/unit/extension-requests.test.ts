import { describe, expect, it } from 'vitest';
import { Forbidden, NotFound, RuleViolation } from '../../functions/domain/errors';
import type { OfficeArrangement } from '../../functions/domain/working-days';
import { decideExtension, listExtensionRequests, requestExtension } from '../../functions/use-cases/extension-requests';
import { head } from '../fixtures';
import { memoryCalendar } from './memory-ports';
import { co, DUE, inspector, lead, leader, office, stranger, world } from './use-case-world';

/**
 * 延期申请 (requestExtension, decideExtension, listExtensionRequests) on the ports in memory;
 * tests/integration/lifecycle.test.ts ("extension requests") and working-days.test.ts assert the same over HTTP.
 */

const asked = { newDueDate: '2027-01-31', reason: '雨季施工受阻' };

describe('requestExtension (延期申请)', () => {
  it('records a pending request with the current and asked dates, and marks it pending on the item', async () => {
    const w = world();
    await w.item();
    const { result } = await requestExtension(w.deps, lead, 'item-1', asked);
    expect(result).toMatchObject({ itemId: 'item-1', unitId: 'a', currentDueDate: DUE, newDueDate: '2027-01-31', status: 'pending' });
    expect(w.stored()).toMatchObject({ pendingExtension: result.id, dueDate: DUE });
    expect(w.lastEvent()).toMatchObject({ type: 'extension.requested', data: { requestId: result.id, newDueDate: '2027-01-31' } });
    expect(await w.ledger.items.extension('item-1', result.id)).toEqual(result);
  });

  it('is asked by the lead only: a co-unit 403, a unit not named 404, the office 403', async () => {
    const w = world();
    await w.item();
    await expect(requestExtension(w.deps, co, 'item-1', asked)).rejects.toBeInstanceOf(Forbidden);
    await expect(requestExtension(w.deps, stranger, 'item-1', asked)).rejects.toBeInstanceOf(NotFound);
    await expect(requestExtension(w.deps, office, 'item-1', asked)).rejects.toBeInstanceOf(Forbidden);
    expect(await w.ledger.items.extensions('item-1')).toEqual([]);
  });

  it('one at a time (409), for a date later than the deadline (422), writing nothing', async () => {
    const w = world();
    await w.item();
    const notLater = requestExtension(w.deps, lead, 'item-1', { ...asked, newDueDate: DUE });
    await expect(notLater).rejects.toBeInstanceOf(RuleViolation);
    await expect(notLater).rejects.toMatchObject({ code: 'extension-not-later', details: [{ path: 'newDueDate' }] });
    await requestExtension(w.deps, lead, 'item-1', asked);
    await expect(requestExtension(w.deps, lead, 'item-1', { ...asked, newDueDate: '2027-02-28' })).rejects.toMatchObject({
      code: 'extension-pending',
    });
    expect(await w.ledger.items.extensions('item-1')).toHaveLength(1);
  });

  it('working days asked count on from the current deadline, by the office’s entry of a year the package lacks', async () => {
    const w = world();
    w.setNow(new Date('2026-09-20T02:00:00Z'));
    await w.item('item-1', { dueDate: '2026-09-30' });
    const { result } = await requestExtension(w.deps, lead, 'item-1', { newDueDate: { workingDays: 5 }, reason: '国庆' });
    // 国庆 2026 skipped, the makeup Saturday 10-10 counted.
    expect(result).toMatchObject({
      currentDueDate: '2026-09-30',
      newDueDate: '2026-10-13',
      newDueRule: { workingDays: 5, from: '2026-09-30', source: 'chinese-days' },
    });

    const later = world();
    await later.item('item-1', { dueDate: '2026-12-24' });
    const into2027 = { newDueDate: { workingDays: 10 }, reason: '跨年' };
    await expect(requestExtension(later.deps, lead, 'item-1', into2027)).rejects.toMatchObject({ code: 'calendar-not-covered' });
    const { calendar } = memoryCalendar();
    const entry: OfficeArrangement = {
      year: 2027,
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      makeupDays: [],
      enteredBy: 'o',
      enteredAt: '',
    };
    await calendar.put(entry);
    const { result: counted } = await requestExtension({ ...later.deps, calendar }, lead, 'item-1', into2027);
    // 12-25…12-31 are five working days; 01-01 is the entered holiday; 01-04…01-08 the other five.
    expect(counted).toMatchObject({ newDueDate: '2027-01-08', newDueRule: { source: 'office' } });
  });

  it('a retry with the same Idempotency-Key gets the first request back and stores one', async () => {
    const w = world();
    await w.item();
    const first = await requestExtension(w.deps, lead, 'item-1', asked, 'key-00000001');
    w.later();
    const retry = await requestExtension(w.deps, lead, 'item-1', asked, 'key-00000001');
    expect(retry).toEqual({ result: first.result, replayed: true });
    expect(await w.ledger.items.extensions('item-1')).toHaveLength(1);
  });
});

describe('decideExtension and listExtensionRequests', () => {
  async function pending() {
    const w = world();
    await w.item();
    const { result } = await requestExtension(w.deps, lead, 'item-1', asked);
    w.later();
    return { w, id: result.id };
  }

  it('approval moves the deadline, the history keeps the old one, and the lead is told', async () => {
    const { w, id } = await pending();
    const { result } = await decideExtension({ ...w.deps, tell: w.tell }, office, 'item-1', id, { approve: true, note: '同意' });
    expect(result).toMatchObject({ status: 'approved', decidedBy: 'office-1', note: '同意' });
    expect(w.stored()).toMatchObject({ dueDate: '2027-01-31', pendingExtension: undefined });
    expect(w.lastEvent()).toMatchObject({ type: 'extension.approved', data: { previousDueDate: DUE, newDueDate: '2027-01-31' } });
    await w.follow();
    expect(w.mail.sent.flatMap((m) => m.to)).toContain(head('a'));
  });

  it('a rejection leaves the deadline as it was; every request stays listed with its decision, oldest first', async () => {
    const { w, id } = await pending();
    await decideExtension(w.deps, office, 'item-1', id, { approve: false, note: '理由不充分' });
    expect(w.stored().dueDate).toBe(DUE);
    w.later();
    const { result: second } = await requestExtension(w.deps, lead, 'item-1', { ...asked, reason: '补充说明' });
    const listed = await listExtensionRequests(w.deps, co, 'item-1');
    expect(listed.map((r) => [r.id, r.status])).toEqual([
      [id, 'rejected'],
      [second.id, 'pending'],
    ]);
  });

  it('is the office’s alone (403 for leaders, inspectors and units), and a request is decided once (409)', async () => {
    const { w, id } = await pending();
    for (const caller of [leader, inspector, lead]) {
      await expect(decideExtension(w.deps, caller, 'item-1', id, { approve: true, note: '' })).rejects.toBeInstanceOf(Forbidden);
    }
    await decideExtension(w.deps, office, 'item-1', id, { approve: true, note: '同意' });
    await expect(decideExtension(w.deps, office, 'item-1', id, { approve: false, note: '' })).rejects.toMatchObject({
      code: 'extension-decided',
    });
    expect(w.events().filter((e) => e.startsWith('extension.'))).toEqual(['extension.requested', 'extension.approved']);
  });

  it('a request that does not exist is 404; a unit not named may not list the item’s requests (404)', async () => {
    const { w } = await pending();
    await expect(decideExtension(w.deps, office, 'item-1', 'no-such-request', { approve: true, note: '' })).rejects.toBeInstanceOf(
      NotFound,
    );
    await expect(listExtensionRequests(w.deps, stranger, 'item-1')).rejects.toBeInstanceOf(NotFound);
  });

  it('a retry of a decision with the same Idempotency-Key gets the first answer and writes one decision', async () => {
    const { w, id } = await pending();
    const body = { approve: true, note: '同意' };
    const first = await decideExtension(w.deps, office, 'item-1', id, body, 'key-00000001');
    const retry = await decideExtension(w.deps, office, 'item-1', id, body, 'key-00000001');
    expect(retry).toEqual({ result: first.result, replayed: true });
    expect(w.events().filter((e) => e === 'extension.approved')).toHaveLength(1);
  });
});
