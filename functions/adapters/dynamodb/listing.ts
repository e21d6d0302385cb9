import { type AttributeValue, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { Page, PageRequest } from '../../use-cases/ports';
import { ledger } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { type NOTICES, type REFERRALS, scoped, type UNITS } from './keys';
import { ledgerIndexes } from './ledger-table';
import { fromRecord, meterRead } from './records';

const { ByUnit } = ledgerIndexes;

/** A condition on the rows of a listing partition, applied by DynamoDB after it reads them. */
export interface RowFilter {
  expression: string;
  names?: Record<string, string>;
  values: Record<string, AttributeValue>;
}

/**
 * One page of a ByUnit listing partition (UNITS, NOTICES, REFERRALS), newest or oldest first.
 * With a filter, DynamoDB reads up to the limit and then drops rows, so reading goes on until
 * the page is full or the partition ends; the cursor is the key of the last row read, never
 * one past a row the page leaves out.
 */
export async function listPartition<T>(
  partition: typeof UNITS | typeof NOTICES | typeof REFERRALS,
  page: PageRequest,
  newestFirst = false,
  filter?: RowFilter,
): Promise<Page<T>> {
  const { client, tableName } = ledger();
  const query = `${ByUnit.indexName}|${partition}`;
  const pk = scoped(partition);
  let startKey = decodeCursor(query, page.cursor, ['PK', 'SK', ByUnit.partitionKey, ByUnit.sortKey], {
    [ByUnit.partitionKey]: (value) => value === pk,
  });
  const items: T[] = [];
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: ByUnit.indexName,
        KeyConditionExpression: `${ByUnit.partitionKey} = :pk`,
        ExpressionAttributeValues: { ':pk': { S: pk }, ...filter?.values },
        ...(filter ? { FilterExpression: filter.expression } : {}),
        ...(filter?.names ? { ExpressionAttributeNames: filter.names } : {}),
        // What is still missing from the page: a filtered read never returns more rows than it evaluates.
        Limit: page.limit - items.length,
        ScanIndexForward: !newestFirst,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    meterRead(out.ConsumedCapacity);
    items.push(...(out.Items ?? []).map((r) => fromRecord<T>(r)));
    startKey = out.LastEvaluatedKey;
  } while (filter && startKey && items.length < page.limit);
  return { items, cursor: encodeCursor(query, startKey) };
}
