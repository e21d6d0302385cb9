import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../functions/adapters/dynamodb/cursor';
import { itemsQueryPlan, matches } from '../../functions/adapters/dynamodb/item-query';
import { InvalidInput } from '../../functions/domain/errors';
import type { Item } from '../../functions/domain/items';

const today = '2026-11-26';

describe('choosing the index for a listing (no Scan)', () => {
  it('reads red items from the open-items index, everything due before today', () => {
    const plan = itemsQueryPlan({ light: 'red' }, today);
    expect(plan.indexName).toBe('Due');
    expect(plan.keyCondition).toBe('GSI1PK = :pk AND GSI1SK <= :to');
    expect(plan.values[':to']?.S).toBe('2026-11-25#~');
  });

  it('reads yellow items from today on, in the open-items index', () => {
    const plan = itemsQueryPlan({ light: 'yellow', dueBefore: '2027-01-01' }, today);
    expect(plan.indexName).toBe('Due');
    expect(plan.values[':from']?.S).toBe('2026-11-26');
    expect(plan.values[':to']?.S).toBe('2026-12-31#~');
  });

  it("reads a unit's items from its membership rows", () => {
    const plan = itemsQueryPlan({ unit: 'hanbin-district', light: 'red' }, today);
    expect(plan).toMatchObject({ indexName: 'ByUnit', rows: 'ids' });
    expect(plan.values[':pk']?.S).toBe('UNIT#hanbin-district');
  });

  it('reads the whole ledger by due date otherwise, with due bounds exclusive', () => {
    const plan = itemsQueryPlan({ dueAfter: '2026-12-01', dueBefore: '2026-12-03' }, today);
    expect(plan).toMatchObject({ indexName: 'ByUnit', rows: 'items' });
    expect(plan.keyCondition).toContain('BETWEEN');
    expect(plan.values[':from']?.S).toBe('2026-12-02');
    expect(plan.values[':to']?.S).toBe('2026-12-02#~');
  });

  it('knows an impossible range is empty without reading', () => {
    expect(itemsQueryPlan({ dueAfter: '2026-12-05', dueBefore: '2026-12-03' }, today).empty).toBe(true);
    expect(itemsQueryPlan({ light: 'red', dueAfter: '2026-12-01' }, today).empty).toBe(true);
  });

  it('applies the rest of the filter to each item', () => {
    const item = { status: 'assigned', source: 'work-report', dueDate: '2026-11-20' } as Item;
    expect(matches(item, { light: 'red', source: 'work-report' }, today)).toBe(true);
    expect(matches(item, { status: 'closed' }, today)).toBe(false);
    expect(matches(item, { dueBefore: '2026-11-20' }, today)).toBe(false);
  });
});

describe('page cursors', () => {
  const key = { PK: { S: 'ITEM#1' }, SK: { S: 'ITEM' }, GSI2PK: { S: 'LEDGER' }, GSI2SK: { S: '2026-12-01#1' } };
  const names = ['PK', 'SK', 'GSI2PK', 'GSI2SK'];

  it('round-trips the key it was made from', () => {
    const cursor = encodeCursor('ByUnit|LEDGER', key);
    expect(decodeCursor('ByUnit|LEDGER', cursor, names)).toEqual(key);
  });

  it('refuses forged cursors and cursors of another listing with a 400', () => {
    expect(() => decodeCursor('ByUnit|LEDGER', 'not-a-cursor', names)).toThrow(InvalidInput);
    const other = encodeCursor('ByUnit|UNIT#x', key);
    expect(() => decodeCursor('ByUnit|LEDGER', other, names)).toThrow(InvalidInput);
  });
});
