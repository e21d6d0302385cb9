import {
  ConditionalCheckFailedException,
  BatchGetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type ConsumedCapacity,
} from '@aws-sdk/client-dynamodb';
import { ledger } from './client';
import { ledgerTable, type LedgerIndexName } from './ledger-table';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** Attributes that only the table needs; stripped before a record becomes a domain value. */
const KEY_ATTRIBUTES = [
  ledgerTable.partitionKey,
  ledgerTable.sortKey,
  ...ledgerTable.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  'entity',
  ledgerTable.timeToLiveAttribute,
];

export function toRecord(value: object): Record<string, AttributeValue> {
  return marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });
}

export function fromRecord<T>(record: Record<string, AttributeValue>): T {
  const plain = unmarshall(record);
  for (const name of KEY_ATTRIBUTES) delete plain[name];
  return plain as T;
}

/**
 * Read capacity consumed by the reads that ask for it (batchGet, the due
 * queries, the outbox's reads), summed per container. Why: the sweep bench
 * (scripts/bench/sweep.ts) measures what a job reads, unit look-ups
 * included. Writes are not counted.
 */
export const readMeter = { units: 0 };

/** Adds a read's ConsumedCapacity (one entry, or one per table) to readMeter; returns the units added. */
export function meterRead(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number {
  const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  readMeter.units += units;
  return units;
}

/**
 * Every page of a Query of the ledger table (the table name is filled in),
 * with the read capacity it consumed, also added to readMeter. For reads whose
 * whole answer is needed: a range of the Due index, a year's facts.
 */
export async function queryAll(
  input: Omit<QueryCommandInput, 'TableName' | 'IndexName' | 'ExclusiveStartKey' | 'ReturnConsumedCapacity'> & {
    IndexName?: LedgerIndexName;
  },
) {
  const { client, tableName } = ledger();
  const rows: Record<string, AttributeValue>[] = [];
  let readUnits = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out: QueryCommandOutput = await client.send(
      new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: startKey, ReturnConsumedCapacity: 'INDEXES' }),
    );
    readUnits += meterRead(out.ConsumedCapacity);
    rows.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return { rows, readUnits };
}

/**
 * Reads many records by key, 100 at a time, asking again (with backoff) for
 * any keys DynamoDB leaves unprocessed under load. Missing records are simply
 * absent from the answer.
 */
export async function batchGet(
  keys: Record<string, AttributeValue>[],
  projection?: string,
  consistent = false,
): Promise<Record<string, AttributeValue>[]> {
  const { client, tableName } = ledger();
  const found: Record<string, AttributeValue>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Record<string, AttributeValue>[] = keys.slice(start, start + 100);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const out: BatchGetItemCommandOutput = await client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ...(projection ? { ProjectionExpression: projection } : {}),
              ...(consistent ? { ConsistentRead: true } : {}),
            },
          },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      meterRead(out.ConsumedCapacity);
      found.push(...(out.Responses?.[tableName] ?? []));
      pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
}

/** Which of these ids have no record (records carry their own `id`). */
export async function missingIds(ids: readonly string[], keyOf: (id: string) => { PK: string; SK: string }): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Set(
    (
      await batchGet(
        unique.map((id) => toRecord(keyOf(id))),
        'id',
      )
    ).map((r) => r.id?.S),
  );
  return unique.filter((id) => !found.has(id));
}

/** A write refused by its condition, by class or by name (an error from another copy of the SDK, as a bundle has). */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error instanceof Error && error.name === 'ConditionalCheckFailedException');

/**
 * A conditional write sent: true when it was written, false when its condition refused it (a marker already there, a
 * rate already reached, a state already left); any other error stands.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
