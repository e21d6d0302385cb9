import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CASCADED_SEQUENCE, type OfficeSummary } from '../../domain/office-summary';
import type { OfficeSummaries } from '../../use-cases/ports';
import { inOfficeBelow } from '../office-scope';
import { ledger } from './client';
import { counterKey, summaryKey } from './keys';
import { batchGet, fromRecord, toRecord } from './records';

/** Each office's latest summary in its own partition (`SUMMARY` / `LATEST`); the roll-up reads them by key. */
export class DynamoOfficeSummaries implements OfficeSummaries {
  async put(summary: OfficeSummary): Promise<void> {
    const { client, tableName } = ledger();
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: toRecord({ ...summaryKey(), entity: 'office-summary', ...summary }) }),
    );
  }

  async of(offices: readonly string[]): Promise<Map<string, OfficeSummary>> {
    // Each key is built inside its office, which must be in the reach of the one asking.
    const keys = offices.map((office) => ({ office, key: inOfficeBelow(office, summaryKey) }));
    const rows = await batchGet(keys.map((k) => toRecord(k.key)));
    const officeOf = new Map(keys.map((k) => [k.key.PK, k.office]));
    return new Map(rows.map((row) => [officeOf.get(row.PK?.S ?? '') ?? '', fromRecord<OfficeSummary>(row)]));
  }

  async cascaded(year: number): Promise<number> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(counterKey(CASCADED_SEQUENCE, year)) }));
    return Number(out.Item?.value?.N ?? 0);
  }
}
