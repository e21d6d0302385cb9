import { GetItemCommand, TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { IdempotencyRace, type IdempotencyRecord, type IdempotencyStore, type IdempotencyWrite } from '../../use-cases/ports';
import { ledger } from './client';
import { idempotencyKey } from './keys';
import { cancellationReasons, failedCondition, fromRecord, toRecord } from './records';

/**
 * Idempotency records live in the ledger table beside what they created and
 * are written in the same transaction. TTL removes them eventually; until it
 * does, an expired record is ignored on read (TTL deletes can lag hours).
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  async find(scope: string, now: Date): Promise<IdempotencyRecord | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(idempotencyKey(scope)), ConsistentRead: true }));
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

/**
 * Writes a creation in one transaction with its idempotency record (if any).
 * The first part is the record created, conditioned on not existing: when
 * that condition fails, `taken` says what to answer; when the idempotency
 * record's does, a concurrent retry won (IdempotencyRace).
 */
export async function writeCreation(
  parts: TransactWriteItem[],
  idempotency: IdempotencyWrite | undefined,
  taken: () => Error,
): Promise<void> {
  const { client, tableName } = ledger();
  const all = idempotency ? [...parts, idempotencyPut(tableName, idempotency)] : parts;
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: all }));
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    if (idempotency && failedCondition(reasons[all.length - 1])) throw new IdempotencyRace();
    if (failedCondition(reasons[0])) throw taken();
    throw error;
  }
}
