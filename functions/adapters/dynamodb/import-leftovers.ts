import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { ImportLeftover } from '../../domain/import-leftovers';
import { type ImportLeftoverStore, StaleLeftover } from '../../use-cases/ports';
import { ledger } from './client';
import { IMPORTS_LEFT, importLeftoverKey, scoped } from './keys';
import { fromRecord, queryAll, toRecord } from './records';

/** 导入待修正 in the ledger table: a record per import, versioned, since a later import settles its rows. */
export class DynamoImportLeftoverStore implements ImportLeftoverStore {
  async list(): Promise<ImportLeftover[]> {
    const { rows } = await queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: scoped(IMPORTS_LEFT) } },
      ConsistentRead: true,
    });
    return rows.map((r) => fromRecord<ImportLeftover & { entity?: string }>(r)).map(({ entity: _, ...leftover }) => leftover);
  }

  async save(leftover: ImportLeftover): Promise<void> {
    const { client, tableName } = ledger();
    const first = leftover.version === 1;
    await stale(
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toRecord({ ...importLeftoverKey(leftover), entity: 'import-leftover', ...leftover }),
          ConditionExpression: first ? 'attribute_not_exists(PK)' : 'version = :read',
          ...(first ? {} : { ExpressionAttributeValues: { ':read': { N: String(leftover.version - 1) } } }),
        }),
      ),
    );
  }

  async remove(leftover: ImportLeftover): Promise<void> {
    const { client, tableName } = ledger();
    await stale(
      client.send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: toRecord(importLeftoverKey(leftover)),
          ConditionExpression: 'version = :read',
          ExpressionAttributeValues: { ':read': { N: String(leftover.version) } },
        }),
      ),
    );
  }
}

async function stale(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new StaleLeftover('the import’s leftovers changed meanwhile');
    throw error;
  }
}
