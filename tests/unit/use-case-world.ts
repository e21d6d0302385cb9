import { noticeFact } from '../../functions/domain/assessment';
import type { Caller } from '../../functions/domain/caller';
import type { ItemRegistration } from '../../functions/domain/items';
import { newNotice, type NoticeInput } from '../../functions/domain/notices';
import { newItem } from '../../functions/domain/registration';
import type { ReportSubmission } from '../../functions/domain/reports';
import { newUnit } from '../../functions/domain/units';
import type { TellDeps } from '../../functions/use-cases/announce';
import type { ChangeItemDeps } from '../../functions/use-cases/change-item';
import { releaseBatch } from '../../functions/use-cases/deliver-mail';
import { meetingDecision, unitRegistration, type ItemFields } from '../fixtures';
import { memoryLedger, memoryOutbox, recordingMailer } from './memory-ports';

/**
 * The use cases' tests against the ports in memory (memory-ports.ts): one ledger per test, its units, the
 * callers of every role, a clock the test moves, and the deps the item use cases take. The integration
 * tests (tests/integration/) run the same rules through the HTTP handlers against DynamoDB Local.
 */

export const office: Caller = { sub: 'office-1', role: 'office' };
export const inspector: Caller = { sub: 'inspector-1', role: 'inspector' };
export const leader: Caller = { sub: 'leader-1', role: 'leader' };
/** The lead unit of the world's items (甲县), a co-unit (乙局), and a unit named on none of them (丙县). */
export const lead: Caller = { sub: 'a-liaison', role: 'unit', unitId: 'a' };
export const co: Caller = { sub: 'b-liaison', role: 'unit', unitId: 'b' };
export const stranger: Caller = { sub: 'c-liaison', role: 'unit', unitId: 'c' };

/** 10:00 on 2026-11-26 in Shanghai: before the world's deadlines. */
export const START = new Date('2026-11-26T02:00:00Z');
export const DUE = '2026-12-31';

/** A complete report on a meeting decision's one requirement (工作进展情况). */
export const report = (percentComplete: number, over: Partial<ReportSubmission> = {}): ReportSubmission => ({
  summary: `本期完成全部工程量的${percentComplete}%，管网铺设按计划推进`,
  percentComplete,
  answers: [{ requirement: 0, answer: `完成${percentComplete}%` }],
  ...over,
});

export function world() {
  const ledger = memoryLedger();
  const { outbox } = memoryOutbox();
  const mail = recordingMailer();
  let current = START;
  const clock = { now: () => current };
  const unitsAt = new Date('2026-01-01T00:00:00Z');
  for (const registration of [
    unitRegistration('office', '市政府督查室', 'office', [{ name: '督查室', email: 'duban@office.example.gov.cn', role: 'head' }]),
    unitRegistration('a', '甲县'),
    unitRegistration('b', '乙局', 'department'),
    unitRegistration('c', '丙县'),
  ]) {
    ledger.state.units.set(registration.id, newUnit(registration, unitsAt));
  }
  const delivery = { outbox, mailer: mail.mailer, clock, units: ledger.units };
  const tell: TellDeps = { units: ledger.units };
  /** What the item use cases take; `sleep` does not wait (a lost race is tried again at once). */
  const deps: ChangeItemDeps = { items: ledger.items, idempotency: ledger.idempotency, clock, sleep: async () => {} };

  /** Registers a meeting decision led by 甲县 with 乙局 as co-unit, unless the fields say otherwise. */
  const item = async (id = 'item-1', fields: Partial<ItemFields> & Partial<ItemRegistration> = {}) => {
    const registration = meetingDecision({ title: '城区供水管网改造', leadUnit: 'a', coUnits: ['b'], dueDate: DUE, ...fields });
    const { item: registered, event } = newItem(registration, { id, actor: office, now: current });
    await ledger.items.register(registered, event);
    return registered;
  };
  /** Issues an office notice (通报) naming 甲县 and 乙局 over item-1, as issueNotice would have: notice and obligations. */
  const notice = async (id = 'n1', fields: Partial<NoticeInput> = {}) => {
    const input: NoticeInput = {
      level: 'office',
      unitIds: ['a', 'b'],
      itemIds: ['item-1'],
      reason: '逾期未办结',
      mediaExposure: false,
      ...fields,
    };
    const issued = newNotice(input, { id, issuer: office, now: current });
    await ledger.notices.issue(issued.notice, issued.obligations, [noticeFact(issued.notice)]);
    return issued.notice;
  };
  const obligation = (unitId: string, noticeId = 'n1') =>
    [...ledger.state.obligations.values()].find((o) => o.noticeId === noticeId && o.unitId === unitId);
  const stored = (id = 'item-1') => ledger.state.items.get(id)!;
  /** The types of the item's history events, oldest first. */
  const events = (id = 'item-1') => (ledger.state.histories.get(id) ?? []).map((e) => e.type);
  const lastEvent = (id = 'item-1') => ledger.state.histories.get(id)?.at(-1);
  const setNow = (now: Date) => {
    current = now;
  };
  /** What the table's stream does after each commit: the mail written with the changes so far is sent. */
  const follow = async () => {
    for (const batch of ledger.state.written.splice(0)) await releaseBatch(delivery, batch);
  };
  /** Moves the clock on by hours: each change gets a time of its own. */
  const later = (hours = 1) => setNow(new Date(current.getTime() + hours * 3_600_000));

  return { ledger, outbox, mail, clock, deps, tell, delivery, follow, item, notice, obligation, stored, events, lastEvent, setNow, later };
}
