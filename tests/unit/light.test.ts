import { describe, expect, it } from 'vitest';
import { lightOf } from '../../functions/domain/light';

const today = '2026-11-26';

describe('红黄绿灯 light', () => {
  it('is red once the due date has passed and the item is not closed', () => {
    expect(lightOf({ status: 'in-progress', dueDate: '2026-11-25' }, today)).toBe('red');
    expect(lightOf({ status: 'assigned', dueDate: '2025-01-01' }, today)).toBe('red');
  });

  it('is yellow from three days before the due date through the due date itself', () => {
    expect(lightOf({ status: 'assigned', dueDate: '2026-11-26' }, today)).toBe('yellow');
    expect(lightOf({ status: 'assigned', dueDate: '2026-11-29' }, today)).toBe('yellow');
    expect(lightOf({ status: 'assigned', dueDate: '2026-11-30' }, today)).toBe('green');
  });

  it('is yellow when a periodic report is overdue, even far from the deadline', () => {
    expect(lightOf({ status: 'in-progress', dueDate: '2027-06-30', nextReportDue: '2026-11-25' }, today)).toBe('yellow');
    expect(lightOf({ status: 'in-progress', dueDate: '2027-06-30', nextReportDue: '2026-11-26' }, today)).toBe('green');
  });

  it('is green for a closed item, however late it was', () => {
    expect(lightOf({ status: 'closed', dueDate: '2020-01-01' }, today)).toBe('green');
  });
});
