import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The ledger (督查台账) is one DynamoDB table. This is its one definition:
 * the CDK stack builds the table from it and the local system creates the
 * DynamoDB Local table from it, so the two cannot drift (tests/infra checks).
 *
 * - `Due` (GSI1) is sparse: only open things that fall due carry GSI1PK, keyed
 *   by due date, so the jobs and the red/yellow lights Query what is due
 *   instead of scanning the ledger. It projects only what a reminder needs.
 * - `ReportDue` (GSI3) is sparse too: open items by their next report date
 *   (cadence or milestone), for reminders and missing-report warnings.
 * - `ByUnit` (GSI2) lists a unit's items (one membership row per lead or
 *   co-unit) and, under the `LEDGER` key, the whole ledger by due date.
 * - Its stream carries each change with the record before and after: what follows a commit (mail, the
 *   hash chain, the watch on written-once records) reads it (functions/stream/ledger-stream.ts).
 */
export const ledgerTable = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  streamViewType: 'NEW_AND_OLD_IMAGES' as const,
  indexes: [
    {
      indexName: 'Due',
      partitionKey: 'GSI1PK',
      sortKey: 'GSI1SK',
      projection: {
        type: 'INCLUDE' as const,
        nonKeyAttributes: ['id', 'title', 'source', 'leadUnit', 'coUnits', 'dueDate', 'status', 'nextReportDue', 'completionClaimedOn'],
      },
    },
    {
      indexName: 'ReportDue',
      partitionKey: 'GSI3PK',
      sortKey: 'GSI3SK',
      projection: {
        type: 'INCLUDE' as const,
        nonKeyAttributes: ['id', 'title', 'source', 'leadUnit', 'coUnits', 'dueDate', 'status', 'nextReportDue', 'milestones'],
      },
    },
    {
      indexName: 'ByUnit',
      partitionKey: 'GSI2PK',
      sortKey: 'GSI2SK',
      projection: { type: 'ALL' as const, nonKeyAttributes: [] as string[] },
    },
  ],
} as const;

type LedgerIndex = (typeof ledgerTable.indexes)[number];
export type LedgerIndexName = LedgerIndex['indexName'];

/** Each index by its name, for the Queries that read it: `ledgerIndexes.Due.indexName`, `.partitionKey`, `.sortKey`. */
export const ledgerIndexes = Object.fromEntries(ledgerTable.indexes.map((index) => [index.indexName, index])) as {
  readonly [I in LedgerIndex as I['indexName']]: I;
};

/** CreateTable input for DynamoDB Local, from the same definition the stack uses. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = [ledgerTable.partitionKey, ledgerTable.sortKey, ...ledgerTable.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: ledgerTable.streamViewType },
    AttributeDefinitions: keyAttributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: ledgerTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: ledgerTable.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: ledgerTable.indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection:
        index.projection.type === 'INCLUDE'
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection.nonKeyAttributes] }
          : { ProjectionType: index.projection.type },
    })),
  };
}
