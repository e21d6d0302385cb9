import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { officePath } from '../../domain/offices';
import { currentOffice, inOfficeAbove } from '../office-scope';
import type { OfficeArrangement } from '../../domain/working-days';
import type { CalendarStore } from '../../use-cases/ports';
import { ledger } from './client';
import { CALENDAR, calendarYearKey, scoped } from './keys';
import { fromRecord, queryAll, toRecord } from './records';

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
    // Every level at once; the root's first, so that a nearer office's year replaces it.
    const here = currentOffice();
    const read = async () => {
      const { rows } = await queryAll({
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: scoped(CALENDAR) } },
      });
      return rows.map((r) => fromRecord<OfficeArrangement>(r));
    };
    const levels = await Promise.all(officePath(here).map((office) => (office === here ? read() : inOfficeAbove(office, read))));
    const byYear = new Map(levels.flat().map((year) => [year.year, year]));
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }
}
