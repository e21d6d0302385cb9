import { describe, expect, it } from 'vitest';
import { acknowledge } from '../../functions/domain/acknowledgement';
import type { Caller } from '../../functions/domain/caller';
import { acceptCompletionClaim } from '../../functions/domain/completion';
import { Conflict, Forbidden, RuleViolation } from '../../functions/domain/errors';
import { applyExtensionDecision, acceptExtensionRequest } from '../../functions/domain/extensions';
import { itemStatuses, type Item, type ItemRegistration, type ItemStatus } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';
import { actions, canDo, type Action } from '../../functions/domain/lifecycle';
import { reportDueAfter } from '../../functions/domain/report-dates';
import { missingFromReport, acceptReport, type ReportSubmission } from '../../functions/domain/reports';
import { verify } from '../../functions/domain/verification';

const office: Caller = { sub: 'o', role: 'office' };
const inspector: Caller = { sub: 'i', role: 'inspector' };
const leader: Caller = { sub: 'l', role: 'leader' };
const lead: Caller = { sub: 'a', role: 'unit', unitId: 'lead-unit' };
const co: Caller = { sub: 'b', role: 'unit', unitId: 'co-unit' };
const stranger: Caller = { sub: 'c', role: 'unit', unitId: 'other-unit' };
const now = new Date('2026-11-26T02:00:00Z'); // 2026-11-26 in Shanghai
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

const registration: ItemRegistration = {
  title: '城区供水管网改造',
  description: '',
  source: 'meeting-decision',
  sourceRef: '常务会议纪要〔2026〕12号',
  leadUnit: 'lead-unit',
  coUnits: ['co-unit'],
  dueDate: '2026-12-31',
  requirements: ['工程进度', '资金到位情况'],
  projectType: false,
  reportEveryDays: 14,
  milestones: [{ title: '完成招标', dueDate: '2026-12-05' }],
};
const fresh = (over: Partial<ItemRegistration> = {}) => newItem({ ...registration, ...over }, { id: 'item-1', actor: office, now }).item;
const report = (over: Partial<ReportSubmission> = {}): ReportSubmission => ({
  summary: '本期完成管网改造2公里',
  percentComplete: 40,
  answers: [
    { requirement: 0, answer: '完成2公里' },
    { requirement: 1, answer: '到位500万元' },
  ],
  ...over,
});
const inStatus = (status: ItemStatus): Item => ({ ...fresh(), status });

describe('the lifecycle state machine', () => {
  const expected: Record<Action, ItemStatus[]> = {
    acknowledge: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'],
    report: ['acknowledged', 'in-progress'],
    requestExtension: ['assigned', 'acknowledged', 'in-progress'],
    decideExtension: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'],
    claimCompletion: ['in-progress'],
    verify: ['completion-claimed'],
    edit: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'],
    moveDeadline: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'],
    reassign: ['assigned', 'acknowledged', 'in-progress'],
    withdraw: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'],
  };

  it.each(Object.keys(actions) as Action[])('%s is allowed from exactly its statuses', (action) => {
    for (const status of itemStatuses) expect(canDo(action, status), `${action} from ${status}`).toBe(expected[action].includes(status));
  });

  it('refuses every transition not in the table with a 409 naming the current status', () => {
    const attempts: [ItemStatus, () => unknown][] = [];
    for (const status of itemStatuses) {
      if (!expected.report.includes(status))
        attempts.push([status, () => acceptReport(inStatus(status), report(), { caller: lead, now, reportId: 'r' })]);
      if (!expected.claimCompletion.includes(status))
        attempts.push([status, () => acceptCompletionClaim(inStatus(status), { summary: 'x' }, { caller: lead, now })]);
      if (!expected.verify.includes(status))
        attempts.push([status, () => verify(inStatus(status), { method: 'desk', passed: true, findings: 'x' }, office, now)]);
      if (!expected.requestExtension.includes(status)) {
        attempts.push([
          status,
          () => acceptExtensionRequest(inStatus(status), { newDueDate: '2027-01-31', reason: 'x' }, { caller: lead, now, requestId: 'e' }),
        ]);
      }
    }
    expect(attempts.length).toBeGreaterThan(10);
    for (const [status, attempt] of attempts) {
      try {
        attempt();
        expect.unreachable(`allowed from ${status}`);
      } catch (error) {
        expect(error).toBeInstanceOf(Conflict);
        expect((error as Conflict).code).toBe('illegal-transition');
        expect((error as Error).message).toContain(`status is ${status}`);
      }
    }
  });

  it('walks an item from assigned to closed, through a failed verification, one version and one event at a time', () => {
    let item = fresh();
    const types: string[] = ['item.registered'];
    const step = (result: { item: Item; event: { seq: number; type: string } }) => {
      expect(result.item.version).toBe(item.version + 1);
      expect(result.event.seq).toBe(item.lastSeq + 1);
      types.push(result.event.type);
      item = result.item;
    };
    step(acknowledge(item, co, now));
    expect(item.status).toBe('assigned'); // a co-unit's signature does not move the item
    step(acknowledge(item, lead, now));
    expect(item.status).toBe('acknowledged');
    step(acceptReport(item, report(), { caller: lead, now, reportId: 'r1' }));
    expect(item.status).toBe('in-progress');
    step(acceptReport(item, report({ percentComplete: 100 }), { caller: lead, now, reportId: 'r1b' }));
    step(acceptCompletionClaim(item, { summary: '全部完成' }, { caller: lead, now }));
    expect(item.status).toBe('completion-claimed');
    step(verify(item, { method: 'unannounced', passed: false, findings: '现场仍有两处漏损' }, inspector, now));
    expect(item).toMatchObject({ status: 'in-progress', lastVerification: { passed: false, findings: '现场仍有两处漏损' } });
    const afterFailure = later(1);
    step(acceptReport(item, report({ percentComplete: 100 }), { caller: lead, now: afterFailure, reportId: 'r2' }));
    step(acceptCompletionClaim(item, { summary: '漏损已整改' }, { caller: lead, now: afterFailure }));
    step(verify(item, { method: 'site', passed: true, findings: '整改到位' }, office, afterFailure));
    expect(item.status).toBe('closed');
    expect(types).toEqual([
      'item.registered',
      'item.acknowledged',
      'item.acknowledged',
      'report.submitted',
      'report.submitted',
      'completion.claimed',
      'verification.failed',
      'report.submitted',
      'completion.claimed',
      'verification.passed',
    ]);
  });
});

describe('who may act (rule 6)', () => {
  it('lets only responsible units acknowledge and report, once each for acknowledging', () => {
    expect(() => acknowledge(fresh(), stranger, now)).toThrow(Forbidden);
    expect(() => acknowledge(fresh(), office, now)).toThrow(Forbidden);
    const signed = acknowledge(fresh(), lead, now).item;
    expect(() => acknowledge(signed, lead, now)).toThrow(/already acknowledged/);
    expect(() => acceptReport(inStatus('in-progress'), report(), { caller: stranger, now, reportId: 'r' })).toThrow(Forbidden);
    expect(() => acceptReport(inStatus('in-progress'), report(), { caller: co, now, reportId: 'r' })).not.toThrow();
  });

  it('keeps completion and extension requests to the lead unit', () => {
    expect(() => acceptCompletionClaim(inStatus('in-progress'), { summary: 'x' }, { caller: co, now })).toThrow(/lead unit/);
    expect(() =>
      acceptExtensionRequest(inStatus('in-progress'), { newDueDate: '2027-01-31', reason: 'x' }, { caller: co, now, requestId: 'e' }),
    ).toThrow(/lead unit/);
  });

  it('lets the office and inspectors verify, and only the office decide extensions', () => {
    expect(() => verify(inStatus('completion-claimed'), { method: 'desk', passed: true, findings: 'x' }, leader, now)).toThrow(Forbidden);
    expect(() => verify(inStatus('completion-claimed'), { method: 'desk', passed: true, findings: 'x' }, lead, now)).toThrow(Forbidden);
    const { item, request } = acceptExtensionRequest(
      inStatus('in-progress'),
      { newDueDate: '2027-01-31', reason: '汛期停工' },
      { caller: lead, now, requestId: 'e' },
    );
    expect(() => applyExtensionDecision(item, request, { approve: true, note: 'x' }, { caller: inspector, now })).toThrow(Forbidden);
  });
});

describe('complete reports (不得漏项掉项, rule 1)', () => {
  it('names each unanswered requirement and each index out of range', () => {
    const item = fresh();
    expect(missingFromReport(item, report())).toEqual([]);
    const missing = missingFromReport(
      item,
      report({
        answers: [
          { requirement: 1, answer: 'x' },
          { requirement: 5, answer: 'y' },
        ],
      }),
    );
    expect(missing).toEqual([
      expect.objectContaining({ path: 'answers.1.requirement' }),
      expect.objectContaining({ path: 'answers', requirement: 0 }),
    ]);
  });

  it('asks a project-type item for the amount invested and the work volume', () => {
    const item = fresh({ projectType: true });
    expect(missingFromReport(item, report()).map((m) => m.path)).toEqual(['investmentYuan', 'workVolume']);
    expect(missingFromReport(item, report({ investmentYuan: 0, workVolume: '2公里' }))).toEqual([]);
  });

  it('refuses an incomplete report with 422 and changes nothing', () => {
    const item = inStatus('in-progress');
    expect(() => acceptReport(item, report({ answers: [] }), { caller: lead, now, reportId: 'r' })).toThrow(RuleViolation);
    expect(item.version).toBe(1);
  });

  it('asks for difficulties when a unit reports less progress than last time', () => {
    const first = acceptReport(inStatus('in-progress'), report({ percentComplete: 60 }), { caller: lead, now, reportId: 'r1' }).item;
    expect(() => acceptReport(first, report({ percentComplete: 50 }), { caller: lead, now, reportId: 'r2' })).toThrow(/difficulties/);
    expect(() => acceptReport(first, report({ percentComplete: 50, difficulties: '  ' }), { caller: lead, now, reportId: 'r2' })).toThrow(
      RuleViolation,
    );
    expect(() =>
      acceptReport(first, report({ percentComplete: 50, difficulties: '设计变更，部分返工' }), { caller: lead, now, reportId: 'r2' }),
    ).not.toThrow();
    // Another unit's own progress is its own: the co-unit starts lower without explaining.
    expect(() => acceptReport(first, report({ percentComplete: 10 }), { caller: co, now, reportId: 'r3' })).not.toThrow();
  });
});

describe('report dates: cadence and milestones', () => {
  it('falls due at the next cadence date or milestone, whichever is first', () => {
    expect(reportDueAfter(registration, '2026-11-26')).toBe('2026-12-05'); // the milestone comes before 12-10
    expect(reportDueAfter(registration, '2026-12-05')).toBe('2026-12-19'); // the milestone is now behind
    expect(reportDueAfter({ milestones: [] }, '2026-11-26')).toBeUndefined();
    expect(fresh().nextReportDue).toBe('2026-12-05');
  });

  it('stamps a report on time up to its due date and late after it, and moves the next date on', () => {
    const item = inStatus('in-progress'); // due 2026-12-05
    const onTime = acceptReport(item, report(), { caller: lead, now: new Date('2026-12-05T15:00:00Z'), reportId: 'r1' }); // 23:00 on the 5th in Shanghai
    expect(onTime.report).toMatchObject({ onTime: true, dueBy: '2026-12-05' });
    expect(onTime.item.nextReportDue).toBe('2026-12-19');
    const late = acceptReport(item, report(), { caller: lead, now: new Date('2026-12-05T16:00:00Z'), reportId: 'r2' }); // 00:00 on the 6th
    expect(late.report).toMatchObject({ onTime: false, dueBy: '2026-12-05' });
  });

  it("moves the item's report date only on the lead's report", () => {
    const item = inStatus('in-progress');
    expect(acceptReport(item, report(), { caller: co, now: later(1), reportId: 'r' }).item.nextReportDue).toBe(item.nextReportDue);
  });
});

describe('extensions (延期申请)', () => {
  const asked = () =>
    acceptExtensionRequest(
      inStatus('in-progress'),
      { newDueDate: '2027-01-31', reason: '汛期停工' },
      { caller: lead, now, requestId: 'e1' },
    );

  it('allows one pending request at a time, for a later date', () => {
    expect(() =>
      acceptExtensionRequest(asked().item, { newDueDate: '2027-02-28', reason: 'x' }, { caller: lead, now, requestId: 'e2' }),
    ).toThrow(/awaiting decision/);
    expect(() =>
      acceptExtensionRequest(inStatus('in-progress'), { newDueDate: '2026-12-31', reason: 'x' }, { caller: lead, now, requestId: 'e' }),
    ).toThrow(RuleViolation);
  });

  it('moves the deadline on approval and keeps the old one in the event', () => {
    const { item, request } = asked();
    const approved = applyExtensionDecision(item, request, { approve: true, note: '同意' }, { caller: office, now });
    expect(approved.item).toMatchObject({ dueDate: '2027-01-31', pendingExtension: undefined });
    expect(approved.event).toMatchObject({ type: 'extension.approved', data: { previousDueDate: '2026-12-31', newDueDate: '2027-01-31' } });
    expect(approved.request).toMatchObject({ status: 'approved', decidedBy: 'o', note: '同意' });
    expect(() => applyExtensionDecision(approved.item, approved.request, { approve: false, note: 'x' }, { caller: office, now })).toThrow(
      /already approved/,
    );
  });

  it('leaves the deadline on rejection and frees the unit to ask again', () => {
    const { item, request } = asked();
    const rejected = applyExtensionDecision(item, request, { approve: false, note: '理由不充分' }, { caller: office, now });
    expect(rejected.item.dueDate).toBe('2026-12-31');
    expect(() =>
      acceptExtensionRequest(rejected.item, { newDueDate: '2027-01-15', reason: '补充理由' }, { caller: lead, now, requestId: 'e2' }),
    ).not.toThrow();
  });
});

describe('纸面销号 flags', () => {
  it('records a flagged report on the item and in its event', () => {
    const flagged = acceptReport(inStatus('in-progress'), report(), {
      caller: lead,
      now,
      reportId: 'r9',
      possibleCopyOf: { possibleCopyOf: 'r1', similarity: 0.93 },
    });
    expect(flagged.report.possibleCopyOf).toEqual({ reportId: 'r9', possibleCopyOf: 'r1', similarity: 0.93 });
    expect(flagged.item.copyFlags).toEqual([{ reportId: 'r9', possibleCopyOf: 'r1', similarity: 0.93 }]);
    expect(flagged.event.data.possibleCopyOf).toEqual({ reportId: 'r9', possibleCopyOf: 'r1', similarity: 0.93 });
  });
});
