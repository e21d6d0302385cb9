import { TransactionCanceledException, type AttributeValue, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** Attributes that only the table needs; stripped before a record becomes a domain value. */
const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity', 'expiresAt'];

export function toRecord(value: object): Record<string, AttributeValue> {
  return marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });
}

export function fromRecord<T>(record: Record<string, AttributeValue>): T {
  const plain = unmarshall(record);
  for (const name of KEY_ATTRIBUTES) delete plain[name];
  return plain as T;
}

/** The reason each transaction part failed, when DynamoDB cancelled the transaction. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if (error instanceof TransactionCanceledException) return error.CancellationReasons ?? [];
  if (error instanceof Error && error.name === 'TransactionCanceledException') {
    return (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  }
  return undefined;
}

export const failedCondition = (reason: CancellationReason | undefined) => reason?.Code === 'ConditionalCheckFailed';
