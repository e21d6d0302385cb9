import { describe, expect, it } from 'vitest';
import { acknowledge } from '../../functions/domain/acknowledgement';
import type { Caller } from '../../functions/domain/caller';
import { acceptCompletionClaim, lateOn } from '../../functions/domain/completion';
import { Conflict, Forbidden, RuleViolation } from '../../functions/domain/errors';
import { assertVersion, editItem, moveDeadline, reassign, withdrawItem } from '../../functions/domain/item-edits';
import type { Item, ItemRegistration } from '../../functions/domain/items';
import { lightOf } from '../../functions/domain/light';
import { newItem } from '../../functions/domain/registration';
import { acceptReport, type ReportSubmission } from '../../functions/domain/reports';
import { verify } from '../../functions/domain/verification';
import { refusal } from './refusal';

const office: Caller = { sub: 'o', role: 'office' };
const leader: Caller = { sub: 'l', role: 'leader', leaderId: 'vice-mayor-wang' };
const lead: Caller = { sub: 'a', role: 'unit', unitId: 'lead-unit' };
const co: Caller = { sub: 'b', role: 'unit', unitId: 'co-unit' };
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
  milestones: [],
};
const fresh = (): Item => newItem(registration, { id: 'item-1', actor: office, now }).item;
const report = (percentComplete: number): ReportSubmission => ({
  summary: '本期完成管网改造',
  percentComplete,
  answers: [
    { requirement: 0, answer: '完成2公里' },
    { requirement: 1, answer: '到位500万元' },
  ],
});
const none = new Set<number>();
const inProgress = (percent = 40) => {
  const signed = acknowledge(fresh(), lead, now).item;
  return acceptReport(signed, report(percent), { caller: lead, now, reportId: 'r1' }).item;
};

describe('editing an item (修改)', () => {
  it('records only the fields that changed, before → after, one version on', () => {
    const item = fresh();
    const edited = editItem(
      item,
      { title: '城区供水管网改造（一期）', description: '', projectType: false, leaderInCharge: 'vice-mayor-wang' },
      { caller: office, now, answeredRequirements: none },
    );
    expect(edited?.item).toMatchObject({ title: '城区供水管网改造（一期）', leaderInCharge: 'vice-mayor-wang', version: item.version + 1 });
    expect(edited?.event).toMatchObject({
      type: 'item.edited',
      seq: item.lastSeq + 1,
      data: {
        changes: {
          title: { before: '城区供水管网改造', after: '城区供水管网改造（一期）' },
          leaderInCharge: { before: null, after: 'vice-mayor-wang' },
        },
      },
    });
    expect(Object.keys(edited?.event.data.changes as object)).toEqual(['title', 'leaderInCharge']);
  });

  it('changes nothing (no event) when every field repeats what the item says', () => {
    expect(editItem(fresh(), { title: registration.title }, { caller: office, now, answeredRequirements: none })).toBeNull();
  });

  it('clears an optional field with null and recomputes the report date for a new cadence', () => {
    const withLeader = { ...fresh(), leaderInCharge: 'vice-mayor-wang', reportEveryDays: 14 };
    const edited = editItem(withLeader, { leaderInCharge: null, reportEveryDays: 7 }, { caller: office, now, answeredRequirements: none });
    expect(edited?.item.leaderInCharge).toBeUndefined();
    expect(edited?.item.nextReportDue).toBe('2026-12-03');
    expect(edited?.event.data.changes).toEqual({
      leaderInCharge: { before: 'vice-mayor-wang', after: null },
      reportEveryDays: { before: 14, after: 7 },
    });
  });

  it('refuses a co-unit equal to the lead (422 naming coUnits)', () => {
    const answer = refusal(() => editItem(fresh(), { coUnits: ['lead-unit'] }, { caller: office, now, answeredRequirements: none }));
    expect(answer.status).toBe(422);
    expect(answer.zh).toMatchObject({ code: 'lead-unit-also-co-unit', details: [{ path: 'coUnits' }] });
  });

  it('refuses removing, moving or rewording a requirement that reports answered, and lets new ones be added', () => {
    const answered = new Set([0, 1]);
    const removed = refusal(() =>
      editItem(fresh(), { requirements: ['工程进度'] }, { caller: office, now, answeredRequirements: answered }),
    );
    expect(removed.status).toBe(422);
    expect(removed.en).toMatchObject({ code: 'requirement-answered', details: [{ path: 'requirements.1', requirement: 1 }] });
    const moved = refusal(() =>
      editItem(fresh(), { requirements: ['资金到位情况', '工程进度'] }, { caller: office, now, answeredRequirements: answered }),
    );
    expect(moved.zh.details.map((d: { path: string }) => d.path)).toEqual(['requirements.0', 'requirements.1']);
    const added = editItem(
      fresh(),
      { requirements: ['工程进度', '资金到位情况', '群众满意度'] },
      { caller: office, now, answeredRequirements: answered },
    );
    expect(added?.item.requirements).toHaveLength(3);
    // Unanswered, a requirement may be reworded or removed.
    expect(editItem(fresh(), { requirements: ['工程形象进度'] }, { caller: office, now, answeredRequirements: none })).not.toBeNull();
  });

  it('drops the 签收 of a co-unit removed, so that added again it signs again', () => {
    const signed = acknowledge(acknowledge(fresh(), co, now).item, lead, now).item;
    const edited = editItem(signed, { coUnits: ['third-unit'] }, { caller: office, now, answeredRequirements: none });
    expect(edited?.item.acknowledgements.map((a) => a.unitId)).toEqual(['lead-unit']);
    expect(edited?.item.coUnits).toEqual(['third-unit']);
  });

  it('refuses a new milestone outside today..deadline', () => {
    const answer = refusal(() =>
      editItem(fresh(), { milestones: [{ title: '完工', dueDate: '2027-02-01' }] }, { caller: office, now, answeredRequirements: none }),
    );
    expect(answer).toMatchObject({ status: 422, zh: { code: 'milestone-outside-deadline', details: [{ path: 'milestones.0.dueDate' }] } });
  });

  it('is the office’s alone, and closed or withdrawn items are not edited (409)', () => {
    expect(() => editItem(fresh(), { title: 'x' }, { caller: leader, now, answeredRequirements: none })).toThrow(Forbidden);
    expect(() => editItem({ ...fresh(), status: 'closed' }, { title: 'x' }, { caller: office, now, answeredRequirements: none })).toThrow(
      Conflict,
    );
  });

  it('answers 412 when the edit names a version that is no longer the current one', () => {
    expect(() => assertVersion(fresh(), 1)).not.toThrow();
    const answer = refusal(() => assertVersion(fresh(), 0));
    expect(answer).toMatchObject({ status: 412, zh: { code: 'version-stale' } });
  });
});

describe('moving a deadline by a decision (调整完成时限)', () => {
  it('moves it, keeping the old date, the reason and the decision in the event', () => {
    const moved = moveDeadline(
      fresh(),
      { dueDate: '2027-03-31', reason: '列入省级项目', decision: '市政府常务会议纪要〔2026〕30号' },
      { caller: office, now },
    );
    expect(moved.item.dueDate).toBe('2027-03-31');
    expect(moved.event).toMatchObject({
      type: 'deadline.moved',
      data: { previousDueDate: '2026-12-31', newDueDate: '2027-03-31', reason: '列入省级项目', decision: '市政府常务会议纪要〔2026〕30号' },
    });
  });

  it('refuses the same date, a past date, and a date before a milestone (422)', () => {
    const move =
      (dueDate: string, item = fresh()) =>
      () =>
        moveDeadline(item, { dueDate, reason: 'x', decision: 'y' }, { caller: office, now });
    expect(refusal(move('2026-12-31')).zh.code).toBe('deadline-unchanged');
    expect(refusal(move('2026-11-01')).zh.code).toBe('due-date-passed');
    const withMilestone = { ...fresh(), milestones: [{ title: '完成招标', dueDate: '2026-12-20' }] };
    expect(refusal(move('2026-12-10', withMilestone)).zh).toMatchObject({ code: 'milestone-outside-deadline' });
  });
});

describe('reassigning an item (调整牵头单位)', () => {
  it('hands the item to the new lead, which waits to sign; the old lead leaves; a co-unit made lead stops being a co-unit', () => {
    const signed = acknowledge(fresh(), lead, now).item;
    const moved = reassign(signed, { leadUnit: 'co-unit', reason: '职能调整' }, { caller: office, now });
    expect(moved.item).toMatchObject({ leadUnit: 'co-unit', coUnits: [], status: 'assigned', acknowledgements: [] });
    expect(moved.event).toMatchObject({
      type: 'item.reassigned',
      data: { previousLeadUnit: 'lead-unit', leadUnit: 'co-unit', reason: '职能调整', coUnits: { before: ['co-unit'], after: [] } },
    });
  });

  it('keeps an item in progress in progress, withdraws the old lead’s pending extension, and refuses the same lead', () => {
    const item = { ...inProgress(), pendingExtension: 'ext-1' };
    const moved = reassign(item, { leadUnit: 'third-unit', reason: '机构改革' }, { caller: office, now });
    expect(moved.item).toMatchObject({ status: 'in-progress', leadUnit: 'third-unit', pendingExtension: undefined });
    expect(moved.event.data.withdrawnExtension).toBe('ext-1');
    expect(refusal(() => reassign(fresh(), { leadUnit: 'lead-unit', reason: 'x' }, { caller: office, now })).zh.code).toBe(
      'same-lead-unit',
    );
  });
});

describe('withdrawing an item (撤销)', () => {
  it('makes it withdrawn: terminal, never late, never red, nothing more allowed', () => {
    const overdue = { ...fresh(), dueDate: '2026-11-01' };
    expect(lightOf(overdue, '2026-11-26')).toBe('red');
    const withdrawn = withdrawItem(
      overdue,
      { reason: '政府决定不再实施', decision: '市政府常务会议纪要〔2026〕31号' },
      { caller: office, now },
    );
    expect(withdrawn.item.status).toBe('withdrawn');
    expect(withdrawn.event).toMatchObject({ type: 'item.withdrawn', data: { previousStatus: 'assigned', reason: '政府决定不再实施' } });
    expect(lightOf(withdrawn.item, '2026-11-26')).toBe('green');
    expect(lateOn(withdrawn.item, '2026-11-26')).toBe(false);
    expect(() => acknowledge(withdrawn.item, lead, now)).toThrow(Conflict);
    expect(() => withdrawItem(withdrawn.item, { reason: 'x', decision: 'y' }, { caller: office, now })).toThrow(Conflict);
    expect(() => editItem(withdrawn.item, { title: 'x' }, { caller: office, now, answeredRequirements: none })).toThrow(Conflict);
  });
});

describe('claiming completion (办结申请)', () => {
  it('needs the lead’s report saying 100 % first (422 naming the latest percentage)', () => {
    const answer = refusal(() => acceptCompletionClaim(inProgress(35), { summary: '已完成' }, { caller: lead, now }));
    expect(answer).toMatchObject({ status: 422, zh: { code: 'completion-needs-full-report' } });
    expect(answer.zh.message).toContain('35%');
    const done = acceptReport(inProgress(35), report(100), { caller: lead, now, reportId: 'r2' }).item;
    expect(acceptCompletionClaim(done, { summary: '已完成' }, { caller: lead, now }).item.status).toBe('completion-claimed');
  });

  it('does not count a co-unit’s 100 % for the lead', () => {
    const item = acceptReport(inProgress(35), report(100), { caller: co, now, reportId: 'r2' }).item;
    expect(() => acceptCompletionClaim(item, { summary: '已完成' }, { caller: lead, now })).toThrow(RuleViolation);
  });

  it('after a failed 核查 needs a report made after the failure', () => {
    const done = acceptReport(inProgress(), report(100), { caller: lead, now, reportId: 'r2' }).item;
    const claimed = acceptCompletionClaim(done, { summary: '已完成' }, { caller: lead, now }).item;
    const failed = verify(claimed, { method: 'site', passed: false, findings: '仍有漏损' }, office, later(1)).item;
    const answer = refusal(() => acceptCompletionClaim(failed, { summary: '再次申请' }, { caller: lead, now: later(2) }));
    expect(answer).toMatchObject({ status: 422, zh: { code: 'completion-needs-new-report' } });
    const reported = acceptReport(failed, report(100), { caller: lead, now: later(2), reportId: 'r3' }).item;
    expect(acceptCompletionClaim(reported, { summary: '整改到位' }, { caller: lead, now: later(2) }).item.status).toBe(
      'completion-claimed',
    );
  });
});
