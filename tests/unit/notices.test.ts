import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden } from '../../functions/domain/errors';
import { newNotice, rectificationDue, submitRectification } from '../../functions/domain/notices';
import { newReferral } from '../../functions/domain/referrals';

const office = { sub: 'o', role: 'office' as const };
const unitA = { sub: 'a', role: 'unit' as const, unitId: 'unit-a' };
const unitC = { sub: 'c', role: 'unit' as const, unitId: 'unit-c' };
const input = { level: 'office' as const, unitIds: ['unit-a', 'unit-b'], itemIds: ['i1'], reason: '逾期未办结', mediaExposure: false };

describe('通报 and the one-week rectification (rule 3)', () => {
  it('is due seven Shanghai days after the notice', () => {
    expect(rectificationDue(new Date('2026-11-26T15:59:00Z'))).toBe('2026-12-03'); // 23:59 on the 26th in Shanghai
    expect(rectificationDue(new Date('2026-11-26T16:00:00Z'))).toBe('2026-12-04'); // 00:00 on the 27th
  });

  it('makes each named unit owe a rectification, and only the office issues it', () => {
    const { notice, obligations } = newNotice(input, { id: 'n1', issuer: office, now: new Date('2026-11-26T02:00:00Z') });
    expect(notice).toMatchObject({ id: 'n1', rectificationDue: '2026-12-03', issuedBy: { sub: 'o', role: 'office' } });
    expect(obligations).toEqual([
      { noticeId: 'n1', unitId: 'unit-a', due: '2026-12-03', status: 'owed' },
      { noticeId: 'n1', unitId: 'unit-b', due: '2026-12-03', status: 'owed' },
    ]);
    expect(() => newNotice(input, { id: 'n', issuer: { sub: 'l', role: 'leader' }, now: new Date() })).toThrow(Forbidden);
  });

  it('takes a rectification from a named unit once, stamped on time or late', () => {
    const { notice, obligations } = newNotice(input, { id: 'n1', issuer: office, now: new Date('2026-11-26T02:00:00Z') });
    const owed = obligations[0];
    const onTime = submitRectification(
      notice,
      owed,
      { explanation: 'x', measures: 'y', report: 'z' },
      { caller: unitA, now: new Date('2026-12-03T15:00:00Z') },
    );
    expect(onTime.rectification.onTime).toBe(true);
    expect(onTime.obligation.status).toBe('rectified');
    const late = submitRectification(
      notice,
      owed,
      { explanation: 'x', measures: 'y', report: 'z' },
      { caller: unitA, now: new Date('2026-12-03T16:00:00Z') },
    );
    expect(late.rectification.onTime).toBe(false);
    expect(() =>
      submitRectification(notice, onTime.obligation, { explanation: 'x', measures: 'y', report: 'z' }, { caller: unitA, now: new Date() }),
    ).toThrow(Conflict);
    expect(() =>
      submitRectification(notice, undefined, { explanation: 'x', measures: 'y', report: 'z' }, { caller: unitC, now: new Date() }),
    ).toThrow(Forbidden);
    expect(() =>
      submitRectification(notice, owed, { explanation: 'x', measures: 'y', report: 'z' }, { caller: office, now: new Date() }),
    ).toThrow(Forbidden);
  });
});

describe('移送 (rule 5)', () => {
  it('is recorded by the office only', () => {
    expect(
      newReferral({ unitId: 'unit-a', clue: '虚报进度' }, { id: 'r1', caller: office, now: new Date('2026-11-26T02:00:00Z') }),
    ).toMatchObject({
      id: 'r1',
      referredBy: { sub: 'o', role: 'office' },
    });
    expect(() =>
      newReferral({ unitId: 'unit-a', clue: 'x' }, { id: 'r', caller: { sub: 'i', role: 'inspector' }, now: new Date() }),
    ).toThrow(Forbidden);
  });
});
