import { ConditionalCheckFailedException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { officeKey } from '../adapters/dynamodb/keys';
import { toRecord } from '../adapters/dynamodb/records';
import { DEFAULT_ROOT_OFFICE_NAME, type Office, ROOT_OFFICE } from '../domain/offices';
import type { Migration } from './migration';

/**
 * Schema 2: offices in a tree (纵向到底). The ledger a single office kept becomes the root office's: its records
 * keep the keys they had (the root's keys carry no prefix, dynamodb/keys.ts), so nothing is rewritten, no written-
 * once record is touched and no seal changes; the upgrade only adds the root's record to the tree. Safe to repeat:
 * a root already recorded is left as it is.
 */
export const offices: Migration = {
  version: 2,
  name: 'offices',
  async up({ client, tableName, log }) {
    const root: Office = {
      id: ROOT_OFFICE,
      name: process.env.ROOT_OFFICE_NAME || DEFAULT_ROOT_OFFICE_NAME,
      registeredAt: new Date().toISOString(),
    };
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toRecord({ ...officeKey(root.id), entity: 'office', ...root }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      log(`  the ledger is now the root office's (${root.name})`);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },
};
