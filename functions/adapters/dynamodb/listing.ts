import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Page, PageRequest } from '../../use-cases/ports';
import { ledger } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import type { NOTICES, REFERRALS, UNITS } from './keys';
import { ledgerIndexes } from './ledger-table';
import { fromRecord, meterRead } from './records';

const { ByUnit } = ledgerIndexes;

/** One page of a ByUnit listing partition (UNITS, NOTICES, REFERRALS), newest or oldest first. */
export async function listPartition<T>(
  partition: typeof UNITS | typeof NOTICES | typeof REFERRALS,
  page: PageRequest,
  newestFirst = false,
): Promise<Page<T>> {
  const { client, tableName } = ledger();
  const query = `${ByUnit.indexName}|${partition}`;
  const out = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: ByUnit.indexName,
      KeyConditionExpression: `${ByUnit.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': { S: partition } },
      Limit: page.limit,
      ScanIndexForward: !newestFirst,
      ExclusiveStartKey: decodeCursor(query, page.cursor, ['PK', 'SK', ByUnit.partitionKey, ByUnit.sortKey], {
        [ByUnit.partitionKey]: (value) => value === partition,
      }),
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  meterRead(out.ConsumedCapacity);
  return { items: (out.Items ?? []).map((r) => fromRecord<T>(r)), cursor: encodeCursor(query, out.LastEvaluatedKey) };
}
