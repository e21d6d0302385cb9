import { describe, expect, it } from 'vitest';
import { notExcellentMark, noticeFact } from '../../functions/domain/assessment';
import { addDays, startOfShanghaiDay } from '../../functions/domain/calendar';
import type { Item } from '../../functions/domain/items';
import { newNotice } from '../../functions/domain/notices';
import { newItem } from '../../functions/domain/registration';
import { newUnit } from '../../functions/domain/units';
import type { EscalationDeps } from '../../functions/use-cases/jobs/job-context';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import { checkRectifications } from '../../functions/use-cases/jobs/rectification-check';
import { head, liaison, meetingDecision, unitRegistration, type ItemFields } from '../fixtures';
import { memoryLedger, memoryOutbox, recordingMailer } from './memory-ports';

/**
 * The two escalating jobs (rule 2: 预警 → 通报批评; rule 3: 整改督办) against
 * the ports in memory: what they issue, mark, record and send, run after run.
 * tests/integration/jobs.test.ts runs the same jobs against DynamoDB Local and
 * the SES emulator.
 */

const office = { sub: 'office-1', role: 'office' as const };
const OFFICE = 'duban@office.example.gov.cn';
const LEADER = 'shizhang@leaders.example.gov.cn';

/** 09:30 (by default) Asia/Shanghai on a calendar date. */
const at = (date: string, hours = 9, minutes = 30) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);

/** A ledger in memory with the office and the leaders as units, the jobs' deps over it, and a clock the runs set. */
function world() {
  const ledger = memoryLedger();
  const { outbox } = memoryOutbox();
  const mail = recordingMailer();
  let current = new Date(0);
  const deps: EscalationDeps = { ...ledger, outbox, mailer: mail.mailer, clock: { now: () => current } };

  const unit = (...registration: Parameters<typeof unitRegistration>) => {
    const registered = newUnit(unitRegistration(...registration), new Date('2026-01-01T00:00:00Z'));
    ledger.state.units.set(registered.id, registered);
  };
  unit('office', '市政府督查室', 'office', [{ name: '督查室', email: OFFICE, role: 'head' }]);
  unit('leaders', '市政府领导', 'leadership', [{ name: '市长', email: LEADER, role: 'head' }]);

  /** Registers an item as the office would have on `on`. */
  const item = async (id: string, on: string, fields: ItemFields) => {
    const { item: registered, event } = newItem(meetingDecision(fields), { id, actor: office, now: at(on, 10, 0) });
    await ledger.items.register(registered, event);
  };
  /** Changes a stored item as another use case would have (a claim, an approved extension). */
  const change = (id: string, fields: Partial<Item>) => ledger.state.items.set(id, { ...ledger.state.items.get(id)!, ...fields });

  const run = <R>(job: (deps: EscalationDeps, now: Date) => Promise<R>, now: Date, over: Partial<EscalationDeps> = {}) => {
    current = now;
    return job({ ...deps, ...over }, now);
  };
  const noticeEvents = (itemId: string) =>
    (ledger.state.histories.get(itemId) ?? []).filter((e) => e.type === 'notice.issued').map((e) => e.data.noticeId);

  return { ledger, mail, unit, item, change, run, noticeEvents };
}

describe('escalateOverdue: 预警 once per missed date, then ONE 通报批评 a day (rule 2)', () => {
  const due = '2026-03-10';

  it('warns a late item’s lead unit head and the office once per missed date; a claimed completion is not late', async () => {
    const w = world();
    w.unit('a', '甲县');
    w.unit('b', '乙局', 'department');
    await w.item('ia', '2026-03-01', { title: '汉江堤防加固工程', leadUnit: 'a', dueDate: due });
    await w.item('ib', '2026-03-01', { title: '老旧小区改造', leadUnit: 'b', dueDate: due });
    w.change('ib', { status: 'completion-claimed', completionClaimedOn: due });
    // 长期坚持: the date is its assessment's, not a deadline; no warning for it, ever.
    await w.item('ic', '2026-03-01', { title: '河道常态化保洁', leadUnit: 'b', dueDate: due });
    w.change('ic', { standing: true, dueWords: '常态化' });

    const first = await w.run(escalateOverdue, at(addDays(due, 1)));
    expect(first).toMatchObject({ job: 'overdue-escalation', date: addDays(due, 1), looked: 1, noticesIssued: [] });
    expect(w.mail.subjectsTo(head('b'))).toEqual([]);
    expect(w.mail.subjectsTo(head('a'))).toEqual([expect.stringMatching(/^【预警】甲县督查事项逾期预警/)]);
    expect(w.mail.sent.find((m) => m.to.includes(head('a')))!.text).toContain('已超过完成时限1天');
    expect(w.mail.subjectsTo(OFFICE)).toEqual([expect.stringMatching(/^【预警】甲县/)]);
    // The liaison as well as the head (issue 14): the liaison answers for the unit day to day.
    expect(w.mail.subjectsTo(liaison('a'))).toEqual([expect.stringMatching(/^【预警】甲县督查事项逾期预警/)]);
    expect([w.mail.subjectsTo(LEADER), w.mail.subjectsTo(head('b'))]).toEqual([[], []]);

    // The same day again, and the rest of the grace period: nothing new.
    for (const now of [at(addDays(due, 1), 15, 0), at(addDays(due, 2)), at(addDays(due, 3))]) {
      expect((await w.run(escalateOverdue, now)).noticesIssued).toEqual([]);
    }
    expect(w.mail.sent).toHaveLength(3);

    // An approved extension moves the deadline; missing the new one is a new missed date, warned again.
    w.change('ia', { dueDate: addDays(due, 5) });
    await w.run(escalateOverdue, at(addDays(due, 6)));
    expect(w.mail.subjectsTo(head('a'))).toHaveLength(2);
    expect(w.mail.sent).toHaveLength(6);
  });

  it('warns of a missed report date as of a missed deadline', async () => {
    const w = world();
    w.unit('a', '甲县');
    await w.item('ia', '2026-03-01', { title: '农村公路养护', leadUnit: 'a', dueDate: '2026-12-31', reportEveryDays: 7 });
    const result = await w.run(escalateOverdue, at('2026-03-09'));
    expect(result.looked).toBe(1);
    expect(w.mail.subjectsTo(head('a'))).toHaveLength(1);
    expect(w.mail.sent[0]!.text).toContain('农村公路养护');
  });

  it('past the grace period: ONE notice of the day names every unit that crossed it, to units, office and leaders, in each item’s history', async () => {
    const w = world();
    w.unit('a', '甲县');
    w.unit('b', '乙局', 'department');
    w.unit('c', '丙区');
    w.unit('n', '丁所', 'agency', []);
    await w.item('ia', '2026-03-01', { title: '汉江堤防加固工程', leadUnit: 'a', dueDate: due });
    await w.item('ib', '2026-03-01', { title: '老旧小区改造', leadUnit: 'b', dueDate: due, coUnits: ['c'] });
    await w.item('in', '2026-03-01', { title: '政务服务一窗通办', leadUnit: 'n', dueDate: due });
    await w.item('ic', '2026-03-01', { title: '垃圾焚烧发电项目', leadUnit: 'c', dueDate: addDays(due, 2) });

    await w.run(escalateOverdue, at(addDays(due, 1)));
    const day4 = addDays(due, 4);
    const result = await w.run(escalateOverdue, at(day4));
    const id = `overdue-${day4}`;
    expect(result.noticesIssued).toEqual([id]);
    expect(result.unitsWithoutContacts).toEqual(['n']);

    const notice = w.ledger.state.notices.get(id)!;
    expect(notice).toMatchObject({ level: 'office', rectificationDue: addDays(day4, 7), mediaExposure: false });
    expect([...notice.unitIds].sort()).toEqual(['a', 'b', 'n']);
    expect([...notice.itemIds].sort()).toEqual(['ia', 'ib', 'in']);
    expect(await w.ledger.notices.obligations(id)).toHaveLength(3);

    for (const address of [head('a'), liaison('a'), head('b'), liaison('b'), OFFICE, LEADER]) {
      const notices = w.mail.sent.filter((m) => m.to.includes(address) && m.subject.startsWith('【通报】'));
      expect(notices, address).toHaveLength(1);
      for (const text of ['甲县', '乙局', '汉江堤防加固工程', '老旧小区改造', id]) expect(notices[0]!.text, address).toContain(text);
    }
    // C is only a co-unit of a criticised item, and its own item is two days late: warned, not named.
    expect(w.mail.subjectsTo(head('c'))).toEqual([expect.stringMatching(/^【预警】丙区/)]);
    for (const itemId of ['ia', 'ib', 'in']) expect(w.noticeEvents(itemId)).toEqual([id]);
    expect(w.noticeEvents('ic')).toEqual([]);
  });

  it('reports a unit with no contacts once, though the same run both warns it and names it', async () => {
    const w = world();
    w.unit('n', '丁所', 'agency', []);
    await w.item('in', '2026-03-01', { title: '政务服务一窗通办', leadUnit: 'n', dueDate: due });
    const result = await w.run(escalateOverdue, at(addDays(due, 4)));
    expect(result.noticesIssued).toEqual([`overdue-${addDays(due, 4)}`]);
    expect(result.unitsWithoutContacts).toEqual(['n']);
    // Warned and criticised with no one at the unit to tell: the office hears of both, the leaders of the notice.
    expect(w.mail.subjectsTo(OFFICE)).toEqual([expect.stringMatching(/^【预警】丁所/), expect.stringMatching(/^【通报】/)]);
    expect(w.mail.subjectsTo(LEADER)).toEqual([expect.stringMatching(/^【通报】/)]);
  });

  it('a re-run issues nothing twice; a later missed date makes a notice of its own', async () => {
    const w = world();
    w.unit('a', '甲县');
    w.unit('c', '丙区');
    await w.item('ia', '2026-03-01', { title: '汉江堤防加固工程', leadUnit: 'a', dueDate: due });
    await w.item('ic', '2026-03-01', { title: '垃圾焚烧发电项目', leadUnit: 'c', dueDate: addDays(due, 2) });
    const day4 = addDays(due, 4);
    await w.run(escalateOverdue, at(day4));
    const sent = w.mail.sent.length;

    const again = await w.run(escalateOverdue, at(day4, 15, 0));
    expect(again.noticesIssued).toEqual([]);
    expect(w.mail.sent).toHaveLength(sent);
    expect(w.noticeEvents('ia')).toEqual([`overdue-${day4}`]);
    expect((await w.run(escalateOverdue, at(addDays(due, 5)))).noticesIssued).toEqual([]);

    const day6 = addDays(due, 6);
    expect((await w.run(escalateOverdue, at(day6))).noticesIssued).toEqual([`overdue-${day6}`]);
    expect(w.ledger.state.notices.get(`overdue-${day6}`)).toMatchObject({ unitIds: ['c'], itemIds: ['ic'] });
    expect(w.noticeEvents('ia')).toEqual([`overdue-${day4}`]);
    expect([...w.ledger.state.notices.keys()]).toEqual([`overdue-${day4}`, `overdue-${day6}`]);
  });

  it('a run that fails while recording the notice is completed by the next, with the same notice and no email twice', async () => {
    const w = world();
    w.unit('a', '甲县');
    await w.item('ia', '2026-03-01', { title: '汉江堤防加固工程', leadUnit: 'a', dueDate: due });
    const day4 = addDays(due, 4);
    const failing = {
      ...w.ledger.items,
      commit: async () => {
        throw new Error('Throughput exceeds the current capacity of your table');
      },
    };
    await expect(w.run(escalateOverdue, at(day4), { items: failing })).rejects.toThrow(/capacity/);
    expect(w.noticeEvents('ia')).toEqual([]);

    const rerun = await w.run(escalateOverdue, at(day4, 9, 35));
    expect(rerun.noticesIssued).toEqual([`overdue-${day4}`]);
    expect(rerun.emails.skipped).toBeGreaterThan(0);
    expect(w.ledger.state.notices.size).toBe(1);
    expect(w.noticeEvents('ia')).toEqual([`overdue-${day4}`]);
    expect(w.mail.subjectsTo(head('a')).filter((s) => s.startsWith('【通报】'))).toHaveLength(1);
    expect((await w.run(escalateOverdue, at(day4, 16, 0))).noticesIssued).toEqual([]);
  });
});

describe('checkRectifications: 整改督办 of the units that let their week pass (rules 3–4)', () => {
  const issuedOn = '2026-06-01';
  const weekEnds = addDays(issuedOn, 7);
  const checkDay = addDays(weekEnds, 1);
  const govId = `rectification-${checkDay}`;

  /** A and B criticised in notice n1 on `on`, for their items; B rectified within the week. */
  async function criticised(on = issuedOn) {
    const w = world();
    w.unit('a', '甲县');
    w.unit('b', '乙局', 'department');
    await w.item('ia', addDays(on, -20), { title: '汉江堤防加固工程', leadUnit: 'a', dueDate: addDays(on, -5) });
    await w.item('ib', addDays(on, -20), { title: '老旧小区改造', leadUnit: 'b', dueDate: addDays(on, -5) });
    const input = { level: 'office' as const, unitIds: ['a', 'b'], itemIds: ['ia', 'ib'], reason: '逾期未办结', mediaExposure: false };
    const { notice, obligations } = newNotice(input, { id: 'n1', issuer: office, now: at(on, 10, 0) });
    await w.ledger.notices.issue(notice, obligations, [noticeFact(notice)]);
    const b = obligations.find((o) => o.unitId === 'b')!;
    const report = { explanation: '说明原因', measures: '倒排工期', report: '整改报告' };
    await w.ledger.notices.rectify(
      { noticeId: 'n1', unitId: 'b', ...report, submittedAt: at(on, 12).toISOString(), submittedBy: 'b', onTime: true },
      b,
      [],
    );
    return w;
  }

  const marked = async (w: ReturnType<typeof world>, unitId: string, year: number) =>
    (await w.ledger.markers.unmarked([notExcellentMark(unitId, year)])).length === 0;

  it('a rectification past its week: ONE government notice names the unit, marks it not excellent, tells leaders, office and unit', async () => {
    const w = await criticised();
    expect((await w.run(checkRectifications, at(weekEnds, 10, 0))).noticesIssued).toEqual([]);
    expect(w.mail.sent).toEqual([]);

    const result = await w.run(checkRectifications, at(checkDay, 10, 0));
    expect(result).toMatchObject({
      job: 'rectification-check',
      date: checkDay,
      looked: 1,
      noticesIssued: [govId],
      unitsWithoutContacts: [],
    });
    const gov = w.ledger.state.notices.get(govId)!;
    expect(gov).toMatchObject({
      level: 'government',
      unitIds: ['a'],
      itemIds: ['ia'],
      escalates: ['n1'],
      rectificationDue: addDays(checkDay, 7),
    });
    expect(gov.referralSuggested).toBeUndefined();
    expect(await marked(w, 'a', 2026)).toBe(true);
    expect(await marked(w, 'b', 2026)).toBe(false);
    expect((await w.ledger.notices.obligations('n1')).map((o) => [o.unitId, o.status])).toEqual([
      ['a', 'escalated'],
      ['b', 'rectified'],
    ]);

    for (const address of [LEADER, OFFICE]) {
      expect(w.mail.subjectsTo(address), address).toEqual([expect.stringMatching(/^【整改督办】甲县逾期未报送整改报告/)]);
    }
    const toLeader = w.mail.sent.find((m) => m.to.includes(LEADER))!.text;
    expect(toLeader).toContain(govId);
    expect(toLeader).toContain('2026年度目标责任考核不得评为优秀');
    expect(toLeader).not.toContain('乙局');
    for (const address of [head('a'), liaison('a')]) {
      expect(w.mail.subjectsTo(address), address).toEqual([expect.stringContaining('【通报】以政府名义通报')]);
    }
    expect([...w.mail.subjectsTo(head('b')), ...w.mail.subjectsTo(liaison('b'))]).toEqual([]);
    expect(w.noticeEvents('ia')).toEqual([govId]);
    expect(w.noticeEvents('ib')).toEqual([]);
  });

  it('a re-run that day escalates nothing twice', async () => {
    const w = await criticised();
    await w.run(checkRectifications, at(checkDay, 10, 0));
    const sent = w.mail.sent.length;
    const again = await w.run(checkRectifications, at(checkDay, 16, 0));
    expect(again).toMatchObject({ looked: 0, noticesIssued: [] });
    expect(w.mail.sent).toHaveLength(sent);
    expect(w.noticeEvents('ia')).toEqual([govId]);
    expect(w.ledger.state.notices.size).toBe(2);
  });

  it('a unit that ignores the government notice too is escalated again, with a referral (移送) suggested', async () => {
    const w = await criticised();
    await w.run(checkRectifications, at(checkDay, 10, 0));
    const checkDay2 = addDays(checkDay, 8);
    const result = await w.run(checkRectifications, at(checkDay2, 10, 0));
    const id2 = `rectification-${checkDay2}`;
    expect(result.noticesIssued).toEqual([id2]);
    expect(w.ledger.state.notices.get(id2)).toMatchObject({
      level: 'government',
      unitIds: ['a'],
      escalates: [govId],
      referralSuggested: ['a'],
    });
    const duban = w.mail.sent.filter((m) => m.to.includes(LEADER) && m.subject.startsWith('【整改督办】'));
    expect(duban).toHaveLength(2);
    expect(duban[0]!.text).not.toContain('建议移送监察机关');
    expect(duban[1]!.text).toContain('建议移送监察机关');
  });

  it('marks the year of the notice the unit ignored, not the year of the check', async () => {
    const w = await criticised('2026-12-28');
    const result = await w.run(checkRectifications, at('2027-01-05', 10, 0));
    expect(result.noticesIssued).toEqual(['rectification-2027-01-05']);
    expect(await marked(w, 'a', 2026)).toBe(true);
    expect(await marked(w, 'a', 2027)).toBe(false);
  });
});
