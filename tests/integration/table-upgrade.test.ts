import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config';
import { createTableInput, ledgerIndexes } from '../../functions/adapters/dynamodb/ledger-table';
import { migrations } from '../../functions/migrations';
import { schemaVersion } from '../../functions/migrations/run';
import { routes } from '../../functions/http/routes';
import { readBackup } from '../../scripts/local/backup';
import { type DynamoDbLocal, localDynamoDbClient, startDynamoDbLocal } from '../../scripts/local/dynamodb';
import { freePort } from '../../scripts/local/ports';
import { startLocalApi, type LocalApi } from '../../scripts/local/http-server';
import { prepareLedgerTable } from '../../scripts/local/system';
import { issueToken, randomJwtSecret } from '../../scripts/local/tokens';

/**
 * An upgrade does not strand the local data (issue 11, item 3). A table as an earlier version left it
 * in `.data/`: created with the definition of commit 71fc6b0 (no ReportDue index; Due projecting
 * without completionClaimedOn), no meta record, and the demo ledger as the code at 2f85b58 wrote it
 * (fixtures/ledger-2f85b58.jsonl, a backup of it), on the run's DynamoDB Local under a name of its own.
 * This version's start step (prepareLedgerTable, what `npm start` runs before serving) brings the table
 * to its definition and its records to the latest schema; then the real handlers behind the local
 * server answer every GET route of the route table with 200.
 *
 * The table lives on a DynamoDB Local of its own, as `npm start`'s does: rebuilding an index (delete,
 * then create) on the run's shared one, busy with every other file's requests, was once seen to leave the
 * deleted index listed for over two minutes.
 */
const tableName = `upgrade-${randomUUID().slice(0, 8)}`;
let dynamodb: DynamoDbLocal;
let endpoint: string;
// The handlers read the table's name and endpoint at first use: this file's are pointed at the old table.
process.env[ENV.tableName] = tableName;

const BEFORE_REPORT_DUE: CreateTableCommandInput = {
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map((AttributeName) => ({
    AttributeName,
    AttributeType: 'S',
  })),
  KeySchema: [
    { AttributeName: 'PK', KeyType: 'HASH' },
    { AttributeName: 'SK', KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'Due',
      KeySchema: [
        { AttributeName: 'GSI1PK', KeyType: 'HASH' },
        { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
      ],
      Projection: {
        ProjectionType: 'INCLUDE',
        NonKeyAttributes: ['id', 'title', 'source', 'leadUnit', 'coUnits', 'dueDate', 'status', 'nextReportDue'],
      },
    },
    {
      IndexName: 'ByUnit',
      KeySchema: [
        { AttributeName: 'GSI2PK', KeyType: 'HASH' },
        { AttributeName: 'GSI2SK', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
};

const fixture = fileURLToPath(new URL('./fixtures/ledger-2f85b58.jsonl', import.meta.url));
type Row = Record<string, AttributeValue>;
const records: Row[] = [];
const jwtSecret = randomJwtSecret();
let api: LocalApi;

/** The table of the earlier version, with its records. */
async function earlierTable() {
  for await (const row of readBackup(fixture)) records.push(row);
  const client = localDynamoDbClient(endpoint);
  try {
    await client.send(new CreateTableCommand(BEFORE_REPORT_DUE));
    for (let start = 0; start < records.length; start += 25) {
      const batch = records.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: batch } }));
      expect(out.UnprocessedItems?.[tableName] ?? []).toEqual([]);
    }
  } finally {
    client.destroy();
  }
}

const started: string[] = [];

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal({ port: await freePort() });
  endpoint = dynamodb.endpoint;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  await earlierTable();
  await prepareLedgerTable(endpoint, tableName, (line) => started.push(line));
  api = await startLocalApi({ port: 0, jwtSecret, log: () => undefined, logRequests: false });
}, 240_000);

afterAll(async () => {
  await api?.close();
  await dynamodb?.stop();
});

const ofEntity = (entity: string) => records.filter((r) => r.entity?.S === entity);
const firstId = (entity: string) => ofEntity(entity)[0]?.id?.S ?? '';

describe('npm start on a table of an earlier version', () => {
  it('brings the table to its one definition: the missing index added, the changed projection rebuilt, all ACTIVE', async () => {
    const client = localDynamoDbClient(endpoint);
    expect(started).toContain(`Table ${tableName} brought to its definition: added ReportDue, rebuilt Due`);
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const actual = (Table?.GlobalSecondaryIndexes ?? []).map((i) => ({
        IndexName: i.IndexName,
        KeySchema: i.KeySchema,
        Projection: { ...i.Projection, NonKeyAttributes: i.Projection?.NonKeyAttributes?.slice().sort() },
        IndexStatus: i.IndexStatus,
      }));
      const wanted = (createTableInput(tableName).GlobalSecondaryIndexes ?? []).map((i) => ({
        IndexName: i.IndexName,
        KeySchema: i.KeySchema,
        Projection: { ...i.Projection, NonKeyAttributes: i.Projection?.NonKeyAttributes?.slice().sort() },
        IndexStatus: 'ACTIVE',
      }));
      expect(actual.sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)))).toEqual(
        wanted.sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName))),
      );

      // The added index holds the records written before it existed: every open item with a report date.
      const { ReportDue } = ledgerIndexes;
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: ReportDue.indexName,
          KeyConditionExpression: `${ReportDue.partitionKey} = :pk`,
          ExpressionAttributeValues: { ':pk': { S: 'OPEN#REPORT' } },
        }),
      );
      const expected = records.filter((r) => r[ReportDue.partitionKey]?.S === 'OPEN#REPORT').length;
      expect(expected).toBeGreaterThan(0);
      expect(out.Count).toBe(expected);
      expect(await schemaVersion({ client, tableName: tableName })).toBe(migrations.length);
    } finally {
      client.destroy();
    }
  });

  it('answers every GET route of the route table with 200 on the old records', async () => {
    const token = await issueToken({ role: 'office', secret: jwtSecret });
    const ids: Record<string, string> = {
      '/units/{unitId}': firstId('unit'),
      '/items/{id}': firstId('item'),
      '/notices/{id}': firstId('notice'),
      // A year the package covers: the old table has no entry of the office's, so this reads the package's.
      '/calendar/{year}': '2026',
      // Attachments came after that version: the office asks for an upload slot, then reads its own record back.
      '/attachments/{attachmentId}': (
        (await (
          await fetch(`${api.url}/attachments`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ fileName: '旧台账说明.pdf', contentType: 'application/pdf', size: 1024 }),
          })
        ).json()) as { attachment: { id: string } }
      ).attachment.id,
    };
    // A notice's rectifications by unit: the first unit the old notice named.
    const notice = ofEntity('notice')[0];
    const namedUnit = notice?.unitIds?.L?.[0]?.S ?? '';
    const concrete = (whole: string) => {
      const path = whole.replace('/notices/{id}/rectifications/{unitId}', `/notices/{id}/rectifications/${namedUnit}`);
      const prefix = Object.keys(ids).find((p) => path.startsWith(p));
      if (path.includes('{') && !prefix) throw new Error(`No record of the fixture for the parameters of ${path}: add one here`);
      return prefix ? path.replace(prefix, prefix.replace(/\{[^}]+\}/, ids[prefix]!)) : path;
    };
    // Required query parameters, by route.
    const query: Record<string, string> = { '/reports/assessment': '?year=2026', '/reports/assessment.xlsx': '?year=2026' };
    const answers: Record<string, number> = {};
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const res = await fetch(`${api.url}${concrete(route.path)}${query[route.path] ?? ''}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      answers[route.path] = res.status;
    }
    expect(Object.keys(answers).length).toBeGreaterThanOrEqual(15);
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((path) => [path, 200])));
  });
});
