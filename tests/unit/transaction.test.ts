/**
 * DynamoDB reports why it cancelled a transaction as one reason per write, by
 * position. These tests put a failed condition at the position of a given
 * write (found by the record it writes, not by its label) and check that the
 * repositories name the right failure, whatever the order of the writes.
 */
import { say } from '../../functions/messages/message';
import { TransactionCanceledException, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { creationRefusal } from '../../functions/adapters/dynamodb/idempotency-store';
import { changeParts, changeRefusal, registrationParts } from '../../functions/adapters/dynamodb/item-repository';
import { cancellationOf, type Part } from '../../functions/adapters/dynamodb/transaction';
import { Conflict } from '../../functions/domain/errors';
import type { ExtensionRequest } from '../../functions/domain/extensions';
import type { HistoryEvent } from '../../functions/domain/history';
import type { Item } from '../../functions/domain/items';
import type { Report } from '../../functions/domain/reports';
import { IdempotencyRace, StaleItem, type ItemChange } from '../../functions/use-cases/ports';

const before = {
  id: 'i1',
  version: 4,
  lastSeq: 4,
  status: 'in-progress',
  leadUnit: 'hanbin',
  coUnits: ['ankang-water'],
  dueDate: '2026-12-31',
  source: 'work-report',
} as Item;
const event: HistoryEvent = {
  seq: 5,
  type: 'extension.approved',
  actor: { sub: 'o', role: 'office' },
  at: '2026-11-26T02:00:00Z',
  data: {},
};
const report = { id: 'r1', itemId: 'i1', unitId: 'hanbin', submittedAt: '2026-11-26T01:00:00Z', onTime: true } as Report;
const decision = { id: 'x1', itemId: 'i1', status: 'approved', newDueDate: '2027-01-31' } as ExtensionRequest;
const idempotency = { scope: 'o|items.extension|k1', fingerprint: 'f', result: {}, expiresAt: new Date('2026-11-27T02:00:00Z') };

/** An approved extension: the decision must still be pending, the deadline moves (re-keying the unit rows). */
const approval: ItemChange = {
  before,
  after: { ...before, version: 5, lastSeq: 5, dueDate: '2027-01-31' },
  event,
  attachments: [
    { kind: 'report', report },
    { kind: 'extension', request: decision, decided: true },
  ],
  facts: [{ year: 2026, unitIds: ['hanbin'], kind: 'report-on-time', ref: 'r1' }],
  idempotency,
};

const keyOf = (write: TransactWriteItem) => `${write.Put?.Item?.PK?.S}|${write.Put?.Item?.SK?.S}`;
/** The position of the write that puts this record. */
const positionOf = (parts: readonly Part[], pattern: RegExp) => {
  const at = parts.findIndex((p) => pattern.test(keyOf(p.write)));
  expect(at, `a write of ${pattern}`).toBeGreaterThanOrEqual(0);
  return at;
};
/** What DynamoDB throws: one reason per write, `code` at `position`, None elsewhere. */
const cancelled = (parts: readonly Part[], position: number, code = 'ConditionalCheckFailed') =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: parts.map((_, i) => ({ Code: i === position ? code : 'None' })),
  });

describe('a cancelled item change, read by the part that failed', () => {
  const parts = changeParts('ledger', approval);
  const refusalAt = (pattern: RegExp, code?: string) => {
    const why = cancellationOf(cancelled(parts, positionOf(parts, pattern), code), parts);
    return why && changeRefusal(approval, why);
  };

  it('writes every part a change makes, each once', () => {
    expect(parts.map((p) => keyOf(p.write))).toEqual([
      'ITEM#i1|ITEM',
      'ITEM#i1|EVENT#0000000005',
      'ITEM#i1|REPORT#r1',
      'ITEM#i1|EXTENSION#x1',
      'ITEM#i1|UNIT#hanbin',
      'ITEM#i1|UNIT#ankang-water',
      'ASSESSMENT#2026|report-on-time#r1',
      'IDEMPOTENCY#o|items.extension|k1|IDEMPOTENCY',
    ]);
  });

  it('the version moved or the event seq is taken: another writer won', () => {
    expect(refusalAt(/\|ITEM$/)).toBeInstanceOf(StaleItem);
    expect(refusalAt(/\|EVENT#/)).toBeInstanceOf(StaleItem);
    expect(refusalAt(/\|UNIT#hanbin$/, 'TransactionConflict')).toBeInstanceOf(StaleItem);
  });

  it('the extension request is no longer pending: decided meanwhile (409)', () => {
    const refusal = refusalAt(/\|EXTENSION#x1$/);
    expect(refusal).toBeInstanceOf(Conflict);
    expect((refusal as Conflict).code).toBe('extension-decided');
  });

  it('the idempotency key was stored meanwhile: a concurrent retry won', () => {
    expect(refusalAt(/^IDEMPOTENCY#/)).toBeInstanceOf(IdempotencyRace);
  });

  it('a failure it cannot name leaves DynamoDB’s own error', () => {
    expect(refusalAt(/\|REPORT#r1$/)).toBeUndefined();
  });

  it('reads the same whatever the order of the writes', () => {
    const reordered = [...parts].reverse();
    const at = positionOf(reordered, /\|EXTENSION#x1$/);
    const why = cancellationOf(cancelled(reordered, at), reordered)!;
    expect(changeRefusal(approval, why)).toBeInstanceOf(Conflict);
    expect(why.failed('item')).toBe(false);
  });

  it('an extension request filed (not decided) is not mistaken for a decision', () => {
    const filing: ItemChange = { ...approval, attachments: [{ kind: 'extension', request: { ...decision, status: 'pending' } }] };
    const filed = changeParts('ledger', filing);
    const why = cancellationOf(cancelled(filed, positionOf(filed, /\|EXTENSION#x1$/)), filed)!;
    expect(changeRefusal(filing, why)).toBeUndefined();
  });

  it('is no cancellation when DynamoDB failed otherwise', () => {
    expect(cancellationOf(new Error('socket hang up'), parts)).toBeUndefined();
  });
});

describe('a cancelled creation', () => {
  const parts = registrationParts('ledger', { ...before, version: 1 }, { ...event, seq: 1 }, idempotency);
  const taken = () => new Conflict(say('conflict.exists', { what: 'item', id: 'i1' }), 'item-exists');
  const refusalAt = (pattern: RegExp) =>
    creationRefusal({ item: taken })(cancellationOf(cancelled(parts, positionOf(parts, pattern)), parts)!);

  it('the record exists already: its own error', () => {
    expect((refusalAt(/\|ITEM$/) as Conflict).code).toBe('item-exists');
  });

  it('the idempotency key was stored meanwhile: a concurrent retry won', () => {
    expect(refusalAt(/^IDEMPOTENCY#/)).toBeInstanceOf(IdempotencyRace);
  });

  it('any other part: DynamoDB’s own error', () => {
    expect(refusalAt(/\|EVENT#/)).toBeUndefined();
    expect(refusalAt(/\|UNIT#ankang-water$/)).toBeUndefined();
  });
});
