import { fileSystem } from './file-system';
import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableMetaKey } from '../../functions/adapters/dynamodb/keys';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { migrations } from '../../functions/migrations';
import type { Migration, MigrationContext } from '../../functions/migrations/migration';
import { migrateLedger, schemaVersion } from '../../functions/migrations/run';
import { ensureLedgerTable, localDynamoDbClient } from '../../scripts/local/dynamodb';

/**
 * The migration mechanism (functions/migrations/run.ts) with test migrations, on a table of its own on
 * the run's DynamoDB Local: in order, once, recorded in the meta record, resumed after a failure, and a
 * table of a newer schema refused.
 */
const tag = randomUUID().slice(0, 8);
const endpoint = fileSystem().dynamodbEndpoint;
const client = localDynamoDbClient(endpoint);
const tableName = `migrations-${tag}`;
const lines: string[] = [];
const context: MigrationContext = { client, tableName, log: (line) => lines.push(line) };
const PK = `TEST#${tag}`;

/** A record shape change, as a real migration makes one: `legacyName` becomes `name`; what is already renamed is left alone. */
const renameLegacyName: Migration = {
  version: 2,
  name: 'rename-legacy-name',
  async up({ client, tableName }) {
    const out = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': { S: PK } } }),
    );
    for (const row of out.Items ?? []) {
      if (!row.legacyName) continue;
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { PK: row.PK!, SK: row.SK! },
          UpdateExpression: 'SET #n = :name REMOVE legacyName',
          ConditionExpression: 'attribute_exists(legacyName)',
          ExpressionAttributeNames: { '#n': 'name' },
          ExpressionAttributeValues: { ':name': row.legacyName },
        }),
      );
    }
  },
};

const record = async (sk: string) =>
  (await client.send(new GetItemCommand({ TableName: tableName, Key: { PK: { S: PK }, SK: { S: sk } }, ConsistentRead: true }))).Item;

beforeAll(async () => {
  await ensureLedgerTable(endpoint, tableName);
  for (const [sk, name] of [
    ['A', '汉滨区'],
    ['B', '石泉县'],
  ]) {
    await client.send(new PutItemCommand({ TableName: tableName, Item: { PK: { S: PK }, SK: { S: sk! }, legacyName: { S: name! } } }));
  }
});

afterAll(() => client.destroy());

describe('migrations', () => {
  it('are numbered 1, 2, 3… in the shipped list', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('run in order on a table without a meta record, rewrite the old records, and record the schema', async () => {
    expect(await schemaVersion(context)).toBe(0);
    const run = await migrateLedger(
      context,
      [...migrations, renameLegacyName].map((m, i) => ({ ...m, version: i + 1 })),
    );
    const latest = migrations.length + 1;
    expect(run).toEqual({
      from: 0,
      to: latest,
      applied: [...migrations, renameLegacyName].map((m, i) => `${String(i + 1).padStart(4, '0')}-${m.name}`),
    });
    expect(await schemaVersion(context)).toBe(latest);
    expect(await record('A')).toMatchObject({ name: { S: '汉滨区' } });
    expect((await record('B'))?.legacyName).toBeUndefined();
  });

  it('apply nothing on a table already at the latest schema', async () => {
    const list = [...migrations, renameLegacyName].map((m, i) => ({ ...m, version: i + 1 }));
    expect(await migrateLedger(context, list)).toMatchObject({ applied: [] });
  });

  it('resume at the migration that failed, leaving the schema at the last one done', async () => {
    const list = [...migrations, renameLegacyName].map((m, i) => ({ ...m, version: i + 1 }));
    let attempts = 0;
    const flaky: Migration = {
      version: list.length + 1,
      name: 'fails-once',
      up: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('interrupted');
      },
    };
    await expect(migrateLedger(context, [...list, flaky])).rejects.toThrow('interrupted');
    expect(await schemaVersion(context)).toBe(list.length);
    expect(await migrateLedger(context, [...list, flaky])).toMatchObject({ from: list.length, to: list.length + 1 });
    expect(attempts).toBe(2);
  });

  it('refuse a table written by a newer version, and a list that is not numbered in order', async () => {
    const newer = `migrations-newer-${tag}`;
    await ensureLedgerTable(endpoint, newer);
    await client.send(new PutItemCommand({ TableName: newer, Item: toRecord({ ...tableMetaKey, schemaVersion: migrations.length + 5 }) }));
    await expect(migrateLedger({ ...context, tableName: newer })).rejects.toThrow(
      /is at schema \d+; this version of ducha knows schemas up to/,
    );
    await expect(migrateLedger(context, [{ ...renameLegacyName, version: 2 }])).rejects.toThrow(/numbered 2; expected 1/);
  });
});
