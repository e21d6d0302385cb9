import { describe, expect, it } from 'vitest';
import { obligationIndex, rectificationKey } from '../../functions/adapters/dynamodb/keys';
import { Conflict, Forbidden } from '../../functions/domain/errors';
import { noticeWithdrawalMail } from '../../functions/domain/notice-withdrawal-mail';
import { latestOf, newNotice, reviewRectification, submitRectification, withdrawNotice } from '../../functions/domain/notices';
import { RectificationReviewBody } from '../../functions/http/schemas';
import { parseRequestPart } from '../../functions/http/validation';
import { refusal } from './refusal';

const office = { sub: 'o', role: 'office' as const };
const leader = { sub: 'l', role: 'leader' as const };
const unitA = { sub: 'a', role: 'unit' as const, unitId: 'unit-a' };
const input = { level: 'office' as const, unitIds: ['unit-a', 'unit-b'], itemIds: [], reason: '逾期未办结', mediaExposure: false };
const report = { explanation: '原因', measures: '措施', report: '书面整改报告' };
const issued = () => newNotice(input, { id: 'n1', issuer: office, now: new Date('2026-11-26T02:00:00Z') });

describe('审核 of a rectification: accepted, or returned (退回重报)', () => {
  it('returns the latest hand-in with a reason; the unit owes it again by the notice’s own date, and hands in a second one', () => {
    const { notice, obligations } = issued();
    const first = submitRectification(notice, obligations[0], report, { caller: unitA, now: new Date('2026-11-30T02:00:00Z') });
    expect(first.obligation).toMatchObject({ status: 'rectified', submissions: 1 });
    const returned = reviewRectification(
      notice,
      first.obligation,
      first.rectification,
      { decision: 'returned', reason: '措施不具体' },
      { caller: office, now: new Date('2026-12-05T02:00:00Z') },
    );
    expect(returned.rectification.review).toMatchObject({ decision: 'returned', reason: '措施不具体', by: { role: 'office' } });
    // The clock is the notice's: still due 2026-12-03, so already past — the one-week check will see it.
    expect(returned.obligation).toMatchObject({ status: 'returned', due: '2026-12-03', submissions: 1 });
    expect(obligationIndex(returned.obligation)).toEqual({ GSI1PK: 'OPEN#RECTIFICATION', GSI1SK: '2026-12-03#n1#unit-a' });
    const second = submitRectification(notice, returned.obligation, report, { caller: unitA, now: new Date('2026-12-06T02:00:00Z') });
    expect(second.rectification).toMatchObject({ attempt: 2, onTime: false });
    expect(second.obligation).toMatchObject({ status: 'rectified', submissions: 2 });
    expect(latestOf([first.rectification, returned.rectification, second.rectification], 'unit-a')).toBe(second.rectification);
    expect(rectificationKey('n1', 'unit-a', 1).SK).toBe('RECT#unit-a');
    expect(rectificationKey('n1', 'unit-a', 2).SK).toBe('RECT#unit-a#002');
  });

  it('does not put back in the Due index a returned rectification the one-week check escalated before', () => {
    const { obligations } = issued();
    expect(obligationIndex({ ...obligations[0]!, status: 'returned', wasEscalated: true })).toEqual({});
  });

  it('reviews once, only what was handed in, and only by the office', () => {
    const { notice, obligations } = issued();
    const now = new Date('2026-11-30T02:00:00Z');
    const first = submitRectification(notice, obligations[0], report, { caller: unitA, now });
    const accepted = reviewRectification(notice, first.obligation, first.rectification, { decision: 'accepted' }, { caller: office, now });
    expect(accepted.obligation.status).toBe('rectified');
    expect(() =>
      reviewRectification(notice, accepted.obligation, accepted.rectification, { decision: 'accepted' }, { caller: office, now }),
    ).toThrow(Conflict);
    expect(() => reviewRectification(notice, obligations[1], undefined, { decision: 'accepted' }, { caller: office, now })).toThrow(
      Conflict,
    );
    expect(() =>
      reviewRectification(notice, first.obligation, first.rectification, { decision: 'accepted' }, { caller: leader, now }),
    ).toThrow(Forbidden);
  });

  it('refuses a return without a reason (400 naming reason)', () => {
    const answer = refusal(() => parseRequestPart(RectificationReviewBody, { decision: 'returned', reason: '  ' }));
    expect(answer.status).toBe(400);
    expect(answer.zh.details).toContainEqual(expect.objectContaining({ path: 'reason', message: '退回重报须说明理由' }));
    expect(RectificationReviewBody.safeParse({ decision: 'returned' }).error?.issues[0]?.path).toEqual(['reason']);
    expect(RectificationReviewBody.safeParse({ decision: 'accepted' }).success).toBe(true);
  });
});

describe('撤销通报: a notice withdrawn', () => {
  it('ends every obligation, once, by the office only; nothing more can be handed in or reviewed', () => {
    const { notice, obligations } = issued();
    const now = new Date('2026-11-28T02:00:00Z');
    expect(() => withdrawNotice(notice, obligations, '点名单位有误', { caller: leader, now })).toThrow(Forbidden);
    const withdrawn = withdrawNotice(notice, obligations, '点名单位有误', { caller: office, now });
    expect(withdrawn.notice.withdrawn).toMatchObject({ reason: '点名单位有误', by: { role: 'office' } });
    expect(withdrawn.obligations.map((o) => o.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(withdrawn.obligations.map(obligationIndex)).toEqual([{}, {}]);
    expect(() => withdrawNotice(withdrawn.notice, withdrawn.obligations, '再次', { caller: office, now })).toThrow(Conflict);
    expect(() => submitRectification(withdrawn.notice, withdrawn.obligations[0], report, { caller: unitA, now })).toThrow(Conflict);
  });

  it('tells the units in a mail naming the notice and the reason', () => {
    const mail = noticeWithdrawalMail({
      noticeId: 'n1',
      level: 'government',
      issuedOn: '2026-11-26',
      withdrawnOn: '2026-11-28',
      reason: '点名单位有误 <b>',
      unitNames: ['汉滨区人民政府'],
    });
    expect(mail.subject).toContain('撤销通报');
    expect(mail.text).toContain('汉滨区人民政府');
    expect(mail.text).toContain('点名单位有误');
    expect(mail.html).toContain('&lt;b&gt;');
    expect(mail.html).not.toContain('<b>');
  });
});
