import { type AttributeValue, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { IdempotencyRace, type IdempotencyRecord, type IdempotencyStore, type IdempotencyWrite } from '../../use-cases/ports';
import { ledger } from './client';
import { idempotencyKey } from './keys';
import { fromRecord, toRecord } from './records';
import { type Cancellation, type Part, part, transact } from './transaction';

/**
 * Idempotency records live in the ledger table beside what they created and
 * are written in the same transaction. TTL removes them eventually; until it
 * does, an expired record is ignored on read (TTL deletes can lag hours).
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  async find(scope: string, now: Date): Promise<IdempotencyRecord | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(idempotencyKey(scope)), ConsistentRead: true }));
    return out.Item ? idempotencyRecordFrom(out.Item, now) : null;
  }
}

/** A stored idempotency record as `find` answers it: null once expired. */
export function idempotencyRecordFrom(record: Record<string, AttributeValue>, now: Date): IdempotencyRecord | null {
  const stored = fromRecord<{ fingerprint: string; result: unknown; expiresAtIso: string }>(record);
  const expiresAt = new Date(stored.expiresAtIso);
  if (expiresAt <= now) return null;
  return { fingerprint: stored.fingerprint, result: stored.result, expiresAt };
}

/** The transaction part that stores a creation's answer; it fails if the key was already used. */
export function idempotencyPart(tableName: string, write: IdempotencyWrite): Part<'idempotency'> {
  return part('idempotency', {
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
  });
}

/**
 * What a cancelled creation means: the idempotency record's condition failed,
 * so a concurrent retry won (IdempotencyRace); or the condition of a part
 * named in `taken` did, so what it creates exists already (its error, e.g. a
 * Conflict). Otherwise DynamoDB's own error stands.
 */
export const creationRefusal =
  <L extends string>(taken: Partial<Record<L, () => Error>>) =>
  (why: Cancellation<L | 'idempotency'>): Error | undefined => {
    if (why.failed('idempotency')) return new IdempotencyRace();
    const label = (Object.keys(taken) as L[]).find((l) => why.failed(l));
    return label === undefined ? undefined : taken[label]?.();
  };

/** Writes a creation in one transaction with its idempotency record (if any); see creationRefusal for its failures. */
export async function writeCreation<L extends string>(
  parts: readonly Part<L>[],
  idempotency: IdempotencyWrite | undefined,
  taken: Partial<Record<L, () => Error>>,
): Promise<void> {
  const { tableName } = ledger();
  await transact<L | 'idempotency'>(idempotency ? [...parts, idempotencyPart(tableName, idempotency)] : parts, creationRefusal(taken));
}
