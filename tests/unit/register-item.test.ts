import { describe, expect, it } from 'vitest';
import { canRead } from '../../functions/domain/access';
import type { Caller } from '../../functions/domain/caller';
import { Forbidden, RuleViolation } from '../../functions/domain/errors';
import type { ItemRegistration } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';
import type { UnitRepository } from '../../functions/use-cases/ports';
import { registerItem } from '../../functions/use-cases/register-item';
import { meetingDecision } from '../fixtures';
import { memoryCalendar } from './memory-ports';
import { DUE, world } from './use-case-world';

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

describe('registerItem through its ports', () => {
  it('reads its units once: checked, named in the letters and addressed from one read, and still refuses one missing', async () => {
    const w = world();
    const reads: string[] = [];
    const units: UnitRepository = new Proxy(w.ledger.units, {
      get: (target, name: keyof UnitRepository) =>
        typeof target[name] === 'function'
          ? (...args: unknown[]) => {
              reads.push(String(name));
              return (target[name] as (...a: unknown[]) => unknown)(...args);
            }
          : target[name],
    });
    const deps = { ...w.deps, units, calendar: memoryCalendar().calendar, tell: { ...w.tell, units } };
    const registration = meetingDecision({ title: '城区供水管网改造', leadUnit: 'a', coUnits: ['b'], dueDate: DUE });
    const { item } = await registerItem(deps, office, registration);
    expect(reads).toEqual(['getMany']);
    const letters = w.ledger.state.written.flatMap((b) => b.letters);
    expect(letters.map((l) => l.unit).sort()).toEqual(['a', 'b']);
    expect(letters.find((l) => l.unit === 'b')?.mail.text).toContain('甲县');
    expect(w.ledger.state.items.get(item.id)?.leadUnit).toBe('a');

    await expect(registerItem(deps, office, { ...registration, coUnits: ['b', 'nowhere'] })).rejects.toMatchObject({
      code: 'unknown-unit',
      details: [{ path: 'coUnits.1' }],
    });
  });
});
