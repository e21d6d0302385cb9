import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { Sequences } from '../../use-cases/ports';
import { ledger } from './client';
import { counterKey } from './keys';
import { toRecord } from './records';

/**
 * Yearly counters in the ledger table: UpdateItem ADD is atomic, so two notices issued at once never share a
 * number. A number is taken before the notice's transaction: a notice that then fails leaves a gap in the year's
 * sequence, never a number used twice.
 */
export class DynamoSequences implements Sequences {
  async next(sequence: string, year: number): Promise<number> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: toRecord(counterKey(sequence, year)),
        UpdateExpression: 'ADD #v :one SET entity = :entity',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':entity': { S: 'counter' } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.value?.N);
  }

  async peek(sequence: string, year: number): Promise<number> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key: toRecord(counterKey(sequence, year)), ConsistentRead: true }),
    );
    return Number(out.Item?.value?.N ?? 0) + 1;
  }
}
