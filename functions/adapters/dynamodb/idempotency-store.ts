import { GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { IdempotencyRecord, IdempotencyStore, IdempotencyWrite } from '../../use-cases/ports';
import { ledger } from './client';
import { idempotencyKey } from './keys';
import { fromRecord, toRecord } from './records';

/**
 * Idempotency records live in the ledger table beside what they created and
 * are written in the same transaction. TTL removes them eventually; until it
 * does, an expired record is ignored on read (TTL deletes can lag hours).
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  async find(scope: string, now: Date): Promise<IdempotencyRecord | null> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key: toRecord(idempotencyKey(scope)), ConsistentRead: true }),
    );
    if (!out.Item) return null;
    const stored = fromRecord<{ fingerprint: string; result: unknown; expiresAtIso: string }>(out.Item);
    const expiresAt = new Date(stored.expiresAtIso);
    if (expiresAt <= now) return null;
    return { fingerprint: stored.fingerprint, result: stored.result, expiresAt };
  }
}

/** The transaction part that stores a creation's answer; it fails if the key was already used. */
export function idempotencyPut(tableName: string, write: IdempotencyWrite): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: toRecord({
        ...idempotencyKey(write.scope),
        entity: 'idempotency',
        fingerprint: write.fingerprint,
        result: write.result,
        expiresAtIso: write.expiresAt.toISOString(),
        expiresAt: Math.floor(write.expiresAt.getTime() / 1000),
      }),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}
