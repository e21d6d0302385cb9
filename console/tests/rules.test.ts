import { describe, expect, it } from 'vitest';
import { daysLeftText, formatDate, formatDateTime, formatPercent } from '../src/format';
import { readTypedDate } from '../src/typed-date';
import { gradeFactors, notExcellentReason } from '../src/assessment';
import type { AssessedUnit } from '../src/api/types';
import { ledgerFilters } from '../src/ledger-filters';
import { byUrgency } from '../src/light';
import { refusalsOf, submissionOf } from '../src/report-rules';

describe('dates, one way everywhere (Asia/Shanghai)', () => {
  it('writes calendar dates and instants in Shanghai time whatever the browser zone', () => {
    expect(formatDate('2026-12-31')).toBe('2026-12-31');
    // 16:30 UTC is already the next day in Shanghai.
    expect(formatDate('2026-12-31T16:30:00.000Z')).toBe('2027-01-01');
    expect(formatDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
    expect(formatDate(undefined)).toBe('—');
    expect(daysLeftText('2026-12-03', '2026-12-01')).toBe('剩 2 天');
    expect(daysLeftText('2026-12-01', '2026-12-01')).toBe('今天到期');
    expect(daysLeftText('2026-11-28', '2026-12-01')).toBe('已逾期 3 天');
    expect(formatPercent(0.875)).toBe('87.5%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('the order of a to-do list', () => {
  it('puts the most urgent first: red, yellow, green by deadline, closed last', () => {
    const items = [
      { id: 'closed', status: 'closed' as const, light: 'green' as const, dueDate: '2026-01-01' },
      { id: 'green', status: 'in-progress' as const, light: 'green' as const, dueDate: '2026-12-20' },
      { id: 'yellow', status: 'assigned' as const, light: 'yellow' as const, dueDate: '2026-12-01' },
      { id: 'red-late', status: 'assigned' as const, light: 'red' as const, dueDate: '2026-11-25' },
      { id: 'red-earlier', status: 'assigned' as const, light: 'red' as const, dueDate: '2026-11-01' },
    ];
    expect([...items].sort(byUrgency).map((i) => i.id)).toEqual(['red-earlier', 'red-late', 'yellow', 'green', 'closed']);
  });
});

describe('the board’s filters as the API takes them', () => {
  it('turns an inclusive due range into the API’s exclusive bounds and drops values the API would refuse', () => {
    expect(
      ledgerFilters(new URLSearchParams('source=work-report&light=red&dueFrom=2026-12-01&dueTo=2026-12-31&unit=hanbin-district')),
    ).toEqual({
      source: 'work-report',
      light: 'red',
      unit: 'hanbin-district',
      dueAfter: '2026-11-30',
      dueBefore: '2027-01-01',
    });
    expect(ledgerFilters(new URLSearchParams('source=rumour&status=toString&dueFrom=tomorrow&unit=Bad Unit'))).toEqual({});
  });
});

describe('a report is refused on the page for what the API would refuse', () => {
  const item = { requirements: ['工程进度', '资金到位情况', '存在问题'], projectType: true };
  const values = { answers: ['完成 60%', '  ', '无'], summary: ' 进展顺利 ', percentComplete: 60, investmentYuan: null, workVolume: '' };

  it('names every unanswered requirement and, for a project item, investment and work volume', () => {
    const submission = submissionOf(values, item);
    expect(submission.answers.map((a) => a.requirement)).toEqual([0, 2]);
    expect(submission.summary).toBe('进展顺利');
    expect(refusalsOf(submission, item).map((r) => r.name)).toEqual([['answers', 1], ['investmentYuan'], ['workVolume']]);
  });

  it('wants difficulties explained when progress falls below the unit’s previous report', () => {
    const complete = submissionOf(
      { ...values, answers: ['a', 'b', 'c'], investmentYuan: 100, workVolume: '12 公里', percentComplete: 40 },
      item,
    );
    expect(refusalsOf(complete, item)).toEqual([]);
    expect(refusalsOf(complete, item, 60)).toEqual([{ name: ['difficulties'], errors: [expect.stringContaining('60%')] }]);
    expect(refusalsOf({ ...complete, difficulties: '雨季停工' }, item, 60)).toEqual([]);
  });
});

describe('dates as people type them', () => {
  it('takes 2027-03-31, 2027/3/31, 2027年3月31日, 20270331 and 2027.03.31 as one day', () => {
    for (const typed of [
      '2027-03-31',
      '2027/3/31',
      '2027/03/31',
      '2027年3月31日',
      '2027年03月31日',
      '20270331',
      '2027.3.31',
      ' 2027 / 3 / 31 ',
    ]) {
      const read = readTypedDate(typed);
      expect(typeof read === 'object' && read?.format('YYYY-MM-DD'), typed).toBe('2027-03-31');
    }
  });

  it('says why it takes none: not a date, no such day, or a day the field refuses', () => {
    expect(readTypedDate('')).toBeNull();
    expect(readTypedDate('三月底')).toMatch(/^无法识别“三月底”：请写成 2027-03-31/);
    expect(readTypedDate('2027年2月30日')).toMatch(/^无法识别“2027年2月30日”/);
    expect(readTypedDate('2026/12/1', (d) => d.format('YYYY-MM-DD') < '2026-12-07', '完成时限不能早于今天')).toBe(
      '2026-12-01：完成时限不能早于今天',
    );
  });
});

describe('年度考核 says what made a grade', () => {
  const unit = (over: Partial<AssessedUnit>) =>
    ({
      closedLate: 0,
      openLate: 0,
      reportsLate: 0,
      noticesOffice: 0,
      noticesGovernment: 0,
      rectificationsLate: 0,
      ...over,
    }) as AssessedUnit;
  it('a 0 % on-time rate with one item late is 92, 优秀 by its score: the one deduction says why', () => {
    expect(gradeFactors(unit({ openLate: 1, score: 92, grade: '优秀', onTimeRate: 0 }))).toBe(
      '100 − 逾期未办结 1 × 8 = 92；90 分以上为优秀',
    );
  });
  it('names every deduction, and rule 4’s cap', () => {
    expect(gradeFactors(unit({ reportsLate: 2, noticesOffice: 1, score: 91, grade: '良好' }))).toBe(
      '100 − 报送逾期 2 × 2 − 督查室通报 1 × 5 = 91；90 分以上为优秀；本年度被通报，不评优秀，定为良好',
    );
    expect(gradeFactors(unit({ score: 100, grade: '优秀' }))).toBe('100，无扣分；90 分以上为优秀');
    expect(gradeFactors(unit({ score: null, grade: '未参评' }))).toBe('本年度没有可考核的事项、报送或通报');
  });
  it('says why a unit is not eligible for 优秀: the one-week check, a notice, or nothing counted (未参评)', () => {
    expect(notExcellentReason(unit({ markedNotExcellent: true, noticesOffice: 1, score: 67 }))).toBe('逾期未整改，经一周督办仍未整改');
    expect(notExcellentReason(unit({ markedNotExcellent: false, noticesOffice: 1, score: 93 }))).toBe('本年度被通报批评');
    expect(notExcellentReason(unit({ markedNotExcellent: false, score: null }))).toBe('本年度未参评');
  });
});
