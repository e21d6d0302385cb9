import { describe, expect, it } from 'vitest';
import { lightOf, lightReasonOf } from '../../functions/domain/light';

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

  it('never turns a standing task (长期坚持) yellow or red for its year end; only a missed report does', () => {
    const standing = { status: 'in-progress', dueDate: '2026-11-20', standing: true, dueWords: '常态化' } as const;
    expect(lightOf(standing, today)).toBe('green');
    expect(lightReasonOf(standing, today)).toBe('常态化，按期报送进展');
    expect(lightOf({ ...standing, dueDate: '2026-11-27' }, today)).toBe('green');
    expect(lightOf({ ...standing, nextReportDue: '2026-11-25' }, today)).toBe('yellow');
    expect(lightReasonOf({ ...standing, nextReportDue: '2026-11-25' }, today)).toContain('未报送');
  });

  it('is green for a closed item, however late it was', () => {
    expect(lightOf({ status: 'closed', dueDate: '2020-01-01' }, today)).toBe('green');
  });
});
