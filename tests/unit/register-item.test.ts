import { describe, expect, it } from 'vitest';
import { canRead } from '../../functions/domain/access';
import type { Caller } from '../../functions/domain/caller';
import { Forbidden, RuleViolation } from '../../functions/domain/errors';
import type { ItemRegistration } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';

const office: Caller = { sub: 'office-1', role: 'office' };
const now = new Date('2026-11-26T02:00:00Z'); // 10:00 in Shanghai
const input: ItemRegistration = {
  title: '推进城区污水管网改造',
  description: '',
  source: 'work-report',
  sourceRef: '2026年《政府工作报告》',
  leadUnit: 'housing-bureau',
  coUnits: ['finance-bureau'],
  dueDate: '2026-12-31',
  requirements: ['进展情况', '存在问题'],
  projectType: true,
  reportEveryDays: 14,
  milestones: [{ title: '完成招标', dueDate: '2026-12-10' }],
};

describe('registerItem (立项派发)', () => {
  it('creates an assigned item at version 1 with its first history event', () => {
    const { item, event } = newItem(input, { id: 'i-1', actor: office, now });
    expect(item).toMatchObject({ id: 'i-1', status: 'assigned', version: 1, lastSeq: 1, nextReportDue: '2026-12-10' });
    expect(event).toMatchObject({ seq: 1, type: 'item.registered', actor: { sub: 'office-1', role: 'office' }, at: now.toISOString() });
    expect(event.data).toMatchObject({ title: input.title, leadUnit: 'housing-bureau' });
  });

  it('accepts a deadline of today but refuses one already passed (Shanghai date)', () => {
    expect(() => newItem({ ...input, dueDate: '2026-11-26', milestones: [] }, { id: 'i', actor: office, now })).not.toThrow();
    expect(() => newItem({ ...input, dueDate: '2026-11-25' }, { id: 'i', actor: office, now })).toThrow(RuleViolation);
  });

  it('refuses a lead unit that is also a co-unit, and milestones after the deadline', () => {
    expect(() => newItem({ ...input, coUnits: ['housing-bureau'] }, { id: 'i', actor: office, now })).toThrow(/lead unit/);
    const late = { ...input, milestones: [{ title: 'x', dueDate: '2027-01-05' }] };
    expect(() => newItem(late, { id: 'i', actor: office, now })).toThrow(RuleViolation);
  });

  it('is for the office only', () => {
    expect(() => newItem(input, { id: 'i', actor: { sub: 'u', role: 'unit', unitId: 'housing-bureau' }, now })).toThrow(Forbidden);
    expect(() => newItem(input, { id: 'i', actor: { sub: 'l', role: 'leader' }, now })).toThrow(Forbidden);
  });
});

describe('rule 6: who reads an item', () => {
  const item = { leadUnit: 'housing-bureau', coUnits: ['finance-bureau'] };
  it('lets a unit read only items it leads or co-handles', () => {
    expect(canRead({ sub: 'a', role: 'unit', unitId: 'housing-bureau' }, item)).toBe(true);
    expect(canRead({ sub: 'b', role: 'unit', unitId: 'finance-bureau' }, item)).toBe(true);
    expect(canRead({ sub: 'c', role: 'unit', unitId: 'education-bureau' }, item)).toBe(false);
  });
  it('lets the office, leaders and inspectors read every item', () => {
    for (const role of ['office', 'leader', 'inspector'] as const) expect(canRead({ sub: 's', role }, item)).toBe(true);
  });
});
