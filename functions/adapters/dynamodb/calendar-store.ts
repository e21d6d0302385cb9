import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { OfficeArrangement } from '../../domain/working-days';
import type { CalendarStore } from '../../use-cases/ports';
import { ledger } from './client';
import { CALENDAR, calendarYearKey } from './keys';
import { fromRecord, toRecord } from './records';

/** The office's holiday arrangements, one record per year in one partition: a handful of rows, read whole. */
export class DynamoCalendarStore implements CalendarStore {
  async put(arrangement: OfficeArrangement): Promise<void> {
    const { client, tableName } = ledger();
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: toRecord({ ...calendarYearKey(arrangement.year), entity: 'calendar-year', ...arrangement }),
      }),
    );
  }

  async all(): Promise<OfficeArrangement[]> {
    const { client, tableName } = ledger();
    const years: OfficeArrangement[] = [];
    let startKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': { S: CALENDAR } },
          ExclusiveStartKey: startKey,
        }),
      );
      years.push(...(out.Items ?? []).map((r) => fromRecord<OfficeArrangement>(r)));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return years;
  }
}
