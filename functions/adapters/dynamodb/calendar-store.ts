import { type AttributeValue, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { officePath } from '../../domain/offices';
import { currentOffice, officePrefix } from '../office-scope';
import type { OfficeArrangement } from '../../domain/working-days';
import type { CalendarStore } from '../../use-cases/ports';
import { ledger } from './client';
import { CALENDAR, calendarYearKey } from './keys';
import { fromRecord, toRecord } from './records';

/** Each office's holiday arrangements, one record per year in one partition of its own: a handful of rows, read whole. */
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

  /**
   * The years entered by the office and by each office above it (a county keeps the city's holidays unless it
   * enters a year of its own): for each year, the nearest office's entry.
   */
  async all(): Promise<OfficeArrangement[]> {
    const byYear = new Map<number, OfficeArrangement>();
    for (const office of officePath(currentOffice())) {
      for (const year of await this.entered(officePrefix(office) + CALENDAR)) byYear.set(year.year, year);
    }
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }

  private async entered(partition: string): Promise<OfficeArrangement[]> {
    const { client, tableName } = ledger();
    const years: OfficeArrangement[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': { S: partition } },
          ExclusiveStartKey: startKey,
        }),
      );
      years.push(...(out.Items ?? []).map((r) => fromRecord<OfficeArrangement>(r)));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return years;
  }
}
