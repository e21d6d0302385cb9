import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { MarkRef, Markers } from '../../use-cases/ports';
import { ledger } from './client';
import { markKey } from './keys';
import { batchGet, conditionHeld, toRecord } from './records';

/**
 * Once-only marks kept beside what they mark (e.g. ITEM#<id> / MARK#warning#<reason>#<due>):
 * a conditional put succeeds the first time only, whoever runs it.
 */
export class DynamoMarkers implements Markers {
  async mark(ref: MarkRef, data: Record<string, unknown>): Promise<boolean> {
    const { client, tableName } = ledger();
    return conditionHeld(
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toRecord({ ...markKey(ref), entity: 'mark', ...data }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }

  async unmarked(refs: readonly MarkRef[]): Promise<MarkRef[]> {
    const id = (key: { PK: string; SK: string }) => `${key.PK}|${key.SK}`;
    const found = new Set(
      (
        await batchGet(
          refs.map((r) => toRecord(markKey(r))),
          'PK, SK',
        )
      ).map((r) => id({ PK: r.PK?.S ?? '', SK: r.SK?.S ?? '' })),
    );
    return refs.filter((r) => !found.has(id(markKey(r))));
  }
}
