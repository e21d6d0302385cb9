/**
 * The ledger table's keys, spelled out: records already stored carry them, so
 * a change here would need a data migration. Every key is built in keys.ts.
 */
import { describe, expect, it } from 'vitest';
import * as keys from '../../functions/adapters/dynamodb/keys';
import { ledgerIndexes, ledgerTable } from '../../functions/adapters/dynamodb/ledger-table';
import { notExcellentMark } from '../../functions/domain/assessment';

describe('the keys of the ledger table', () => {
  it('of units, items and what sits in an item partition', () => {
    expect(keys.unitKey('hanbin')).toEqual({ PK: 'UNIT#hanbin', SK: 'UNIT' });
    expect(keys.unitListing('hanbin')).toEqual({ GSI2PK: 'UNITS', GSI2SK: 'hanbin' });
    expect(keys.itemKey('i1')).toEqual({ PK: 'ITEM#i1', SK: 'ITEM' });
    expect(keys.membershipKey('i1', 'hanbin')).toEqual({ PK: 'ITEM#i1', SK: 'UNIT#hanbin' });
    expect(keys.membershipListing('hanbin', { id: 'i1', dueDate: '2026-12-31' })).toEqual({
      GSI2PK: 'UNIT#hanbin',
      GSI2SK: '2026-12-31#i1',
    });
    expect(keys.eventKey('i1', 7)).toEqual({ PK: 'ITEM#i1', SK: 'EVENT#0000000007' });
    expect(keys.reportKey('i1', 'r1')).toEqual({ PK: 'ITEM#i1', SK: 'REPORT#r1' });
    expect(keys.extensionKey('i1', 'x1')).toEqual({ PK: 'ITEM#i1', SK: 'EXTENSION#x1' });
  });

  it('of an item in the indexes: open items in Due and ReportDue, every item in the ledger listing', () => {
    const open = { id: 'i1', dueDate: '2026-12-31', status: 'in-progress' as const, nextReportDue: '2026-12-05' };
    expect(keys.itemIndexes(open)).toEqual({
      GSI1PK: 'OPEN#ITEM',
      GSI1SK: '2026-12-31#i1',
      GSI2PK: 'LEDGER',
      GSI2SK: '2026-12-31#i1',
      GSI3PK: 'OPEN#REPORT',
      GSI3SK: '2026-12-05#i1',
    });
    expect(keys.itemIndexes({ ...open, status: 'closed' })).toEqual({ GSI2PK: 'LEDGER', GSI2SK: '2026-12-31#i1' });
    expect(keys.itemIndexes({ ...open, status: 'withdrawn' })).toEqual({ GSI2PK: 'LEDGER', GSI2SK: '2026-12-31#i1' });
    expect(keys.endOfDate('2026-12-31') > keys.dueSortKey('2026-12-31', 'zzzz-any-id')).toBe(true);
    expect(keys.endOfDate('2026-12-31') < keys.dueSortKey('2027-01-01', '0')).toBe(true);
  });

  it('of notices, obligations, rectifications and referrals', () => {
    expect(keys.noticeKey('n1')).toEqual({ PK: 'NOTICE#n1', SK: 'NOTICE' });
    expect(keys.noticeListing({ id: 'n1', issuedAt: '2026-12-01T01:30:00.000Z' })).toEqual({
      GSI2PK: 'NOTICES',
      GSI2SK: '2026-12-01T01:30:00.000Z#n1',
    });
    const owed = { noticeId: 'n1', unitId: 'hanbin', due: '2026-12-08', status: 'owed' };
    expect(keys.obligationKey('n1', 'hanbin')).toEqual({ PK: 'NOTICE#n1', SK: 'OWED#hanbin' });
    expect(keys.obligationIndex(owed)).toEqual({ GSI1PK: 'OPEN#RECTIFICATION', GSI1SK: '2026-12-08#n1#hanbin' });
    expect(keys.obligationIndex({ ...owed, status: 'rectified' })).toEqual({});
    expect(keys.obligationOfIndex('2026-12-08#n1#hanbin')).toEqual({ noticeId: 'n1', unitId: 'hanbin', due: '2026-12-08' });
    expect(keys.rectificationKey('n1', 'hanbin')).toEqual({ PK: 'NOTICE#n1', SK: 'RECT#hanbin' });
    expect(keys.referralKey('f1')).toEqual({ PK: 'REFERRAL#f1', SK: 'REFERRAL' });
    expect(keys.referralListing({ id: 'f1', referredAt: '2026-12-01' })).toEqual({ GSI2PK: 'REFERRALS', GSI2SK: '2026-12-01#f1' });
  });

  it('of idempotency records, assessment facts, marks and the outbox', () => {
    expect(keys.idempotencyKey('local-office|units|k1')).toEqual({ PK: 'IDEMPOTENCY#local-office|units|k1', SK: 'IDEMPOTENCY' });
    const fact = { year: 2026, kind: 'rectification-late', ref: 'n1#hanbin' };
    expect(keys.factKey(fact)).toEqual({ PK: 'ASSESSMENT#2026', SK: 'rectification-late#n1#hanbin' });
    expect(keys.factOfKey(keys.factKey(fact))).toEqual(fact);
    expect(keys.markKey({ on: { item: 'i1' }, what: ['warning', 'overdue', '2026-11-30'] })).toEqual({
      PK: 'ITEM#i1',
      SK: 'MARK#warning#overdue#2026-11-30',
    });
    expect(keys.markKey(notExcellentMark('hanbin', 2026))).toEqual({ PK: 'UNIT#hanbin', SK: 'MARK#not-excellent#2026' });
    expect(keys.outboxKey('m1')).toEqual({ PK: 'OUTBOX#m1', SK: 'MAIL' });
    expect(keys.pendingMailIndex('m1', new Date('2026-12-01T01:30:00Z'))).toEqual({
      GSI1PK: 'OUTBOX#PENDING',
      GSI1SK: '2026-12-01T01:30:00.000Z#m1',
    });
  });
});

describe('the indexes, by name, from the one table definition', () => {
  it('name each index and its key attributes', () => {
    expect(Object.keys(ledgerIndexes)).toEqual(ledgerTable.indexes.map((i) => i.indexName));
    expect(ledgerIndexes.Due).toMatchObject({ indexName: 'Due', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' });
    expect(ledgerIndexes.ByUnit).toMatchObject({ indexName: 'ByUnit', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' });
    expect(ledgerIndexes.ReportDue).toMatchObject({ indexName: 'ReportDue', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' });
  });
});
