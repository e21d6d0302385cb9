import { describe, expect, it } from 'vitest';
import { dueChoiceProblem, dueInputOf, dueRuleText } from '../src/due';

describe('a deadline entered as a date or in working days', () => {
  it('sends the date as typed, or {workingDays: N} for the API to count', () => {
    expect(dueInputOf({ mode: 'date', date: '2026-12-31' })).toBe('2026-12-31');
    expect(dueInputOf({ mode: 'workingDays', days: 5 })).toEqual({ workingDays: 5 });
    // A date left over from switching modes is not sent as the deadline.
    expect(dueInputOf({ mode: 'workingDays', date: '2026-12-31', days: null })).toBeUndefined();
    expect(dueInputOf({ mode: 'date' })).toBeUndefined();
    expect(dueInputOf(undefined)).toBeUndefined();
  });

  it('says on the field what is missing, in the mode chosen', () => {
    expect(dueChoiceProblem({ mode: 'date' })).toBe('请选择日期');
    expect(dueChoiceProblem({ mode: 'workingDays', days: null })).toBe('请填写工作日天数');
    expect(dueChoiceProblem({ mode: 'workingDays', days: 5 })).toBeUndefined();
    expect(dueChoiceProblem({ mode: 'date', date: '2026-10-13' })).toBeUndefined();
  });

  it('shows the API’s explanation and whose holiday arrangement it followed', () => {
    const rule = {
      workingDays: 5,
      from: '2026-09-30',
      skipped: [{ name: '国庆节', first: '2026-10-01', last: '2026-10-07' }],
      makeupDays: ['2026-10-10'],
      explanation: '自 2026-09-30 起 5 个工作日：跳过国庆节 10-01…10-07，计入调休上班日 10-10',
    };
    expect(dueRuleText({ ...rule, source: 'chinese-days' })).toBe(`${rule.explanation}（依内置的国务院节假日安排）`);
    expect(dueRuleText({ ...rule, source: 'office' })).toContain('督查室录入');
  });
});
