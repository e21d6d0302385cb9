import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Page, PageRequest } from '../../use-cases/ports';
import { ledger } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { fromRecord, meterRead } from './records';

/** One page of a ByUnit listing partition (UNITS, NOTICES, REFERRALS), newest or oldest first. */
export async function listPartition<T>(partition: string, page: PageRequest, newestFirst = false): Promise<Page<T>> {
  const { client, tableName } = ledger();
  const query = `ByUnit|${partition}`;
  const out = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'ByUnit',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: partition } },
      Limit: page.limit,
      ScanIndexForward: !newestFirst,
      ExclusiveStartKey: decodeCursor(query, page.cursor, ['PK', 'SK', 'GSI2PK', 'GSI2SK']),
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  meterRead(out.ConsumedCapacity);
  return { items: (out.Items ?? []).map((r) => fromRecord<T>(r)), cursor: encodeCursor(query, out.LastEvaluatedKey) };
}
