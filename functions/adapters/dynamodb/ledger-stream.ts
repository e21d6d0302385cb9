import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributeValue as StreamAttributeValue, DynamoDBRecord } from 'aws-lambda';
import { alterationOf, isWrittenOnce } from '../../domain/ledger-alterations';
import type { AlterationLog, LedgerChange } from '../../use-cases/follow-ledger';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ledger } from './client';
import { alterationKey, ITEM_PARTITION } from './keys';
import { officeOfKey } from '../office-scope';
import { batchFrom } from './outbox';
import { conditionHeld, fromRecord, toRecord } from './records';

type Row = Record<string, AttributeValue>;

/**
 * A stream image as the SDK's records hold it. Lambda's event carries binary values as base64 text (JSON has no
 * bytes), where the SDK (and DynamoDB Streams' GetRecords, which the local poller reads) gives bytes.
 */
const bytes = (b: unknown) => (typeof b === 'string' ? Buffer.from(b, 'base64') : (b as Uint8Array));

function sdkValue(value: StreamAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: bytes(value.B) };
  if (value.BS !== undefined) return { BS: (value.BS as unknown[]).map(bytes) };
  if (value.M !== undefined) return { M: sdkImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(sdkValue) };
  return value as AttributeValue;
}

export const sdkImage = (image: Record<string, StreamAttributeValue>): Row =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, sdkValue(value)]));

/** The same image as plain values, key attributes and all (the alteration rule compares every field). */
const plain = (image: Row | undefined) => (image ? (fromRecord<Record<string, unknown>>(image) as Record<string, unknown>) : undefined);

/** What the ledger makes of one stream record: a change to follow, or nothing. */
export function ledgerChangeOf(record: DynamoDBRecord): LedgerChange | undefined {
  const data = record.dynamodb;
  if (!data?.Keys || !record.eventName) return undefined;
  const after = data.NewImage ? sdkImage(data.NewImage) : undefined;
  const before = data.OldImage ? sdkImage(data.OldImage) : undefined;
  const entity = (after ?? before)?.entity?.S;
  const PK = data.Keys.PK?.S ?? '';
  const SK = data.Keys.SK?.S ?? '';
  if (record.eventName === 'INSERT' && after) {
    // The stream carries every office's records; the key says whose.
    const { office, rest } = officeOfKey(PK);
    if (entity === 'event' && rest.startsWith(ITEM_PARTITION))
      return { kind: 'event-written', office, itemId: rest.slice(ITEM_PARTITION.length) };
    if (entity === 'mail-batch') return { kind: 'mail-written', office, batch: batchFrom(after) };
    return undefined;
  }
  // Only a written-once record's change can be an alteration: nothing else is unpacked.
  if (!isWrittenOnce(entity)) return undefined;
  const alteration = alterationOf({
    change: record.eventName,
    key: `${PK}|${SK}`,
    // `entity` is stripped by fromRecord with the keys: the rule needs it.
    before: before && { ...plain(before), entity },
    after: after && { ...plain(after), entity },
    // DynamoDB's time to live removes as the service itself.
    expired: record.userIdentity?.type === 'Service' && record.userIdentity?.principalId === 'dynamodb.amazonaws.com',
  });
  if (!alteration) return undefined;
  const at = data.ApproximateCreationDateTime ? new Date(data.ApproximateCreationDateTime * 1000) : new Date();
  return { kind: 'altered', alteration, at, streamSequence: data.SequenceNumber ?? '' };
}

/** Alterations in the ledger table, one record per stream record that showed one (a repeated delivery writes nothing). */
export class DynamoAlterationLog implements AlterationLog {
  async record(alteration: Parameters<AlterationLog['record']>[0], at: Date, streamSequence: string): Promise<void> {
    const { client, tableName } = ledger();
    // A repeated delivery finds its record there already.
    await conditionHeld(
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toRecord({
            ...alterationKey(at, streamSequence),
            entity: 'alteration',
            record: alteration.key,
            kind: alteration.entity,
            change: alteration.change,
            fields: alteration.fields,
            at: at.toISOString(),
            streamSequence,
          }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }
}
