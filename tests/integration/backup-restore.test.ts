import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type AttributeValue, PutItemCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ENV } from '../../functions/config';
import { migrations } from '../../functions/migrations';
import { migrateLedger, schemaVersion } from '../../functions/migrations/run';
import { backupTable, RestoreRefused, restoreTable } from '../../scripts/local/backup';
import { LOCAL_TABLE_NAME, projectRoot } from '../../scripts/local/defaults';
import { seedDemoLedger } from '../../scripts/local/demo-ledger';
import { ensureLedgerTable, localDynamoDbClient } from '../../scripts/local/dynamodb';

/**
 * npm run backup / restore (scripts/local/backup.ts): a ledger made by the use cases (the demo ledger),
 * plus one record of every DynamoDB type, backed up and restored into an empty table of its own on the
 * run's DynamoDB Local, compared record by record; and every way a restore must refuse.
 */
const tag = randomUUID().slice(0, 8);
const endpoint = inject('dynamodbEndpoint');
const source = `backup-source-${tag}`;
const client = localDynamoDbClient(endpoint);
const folder = mkdtempSync(join(tmpdir(), 'ducha-backup-'));
const file = join(folder, 'ledger.jsonl');
type Row = Record<string, AttributeValue>;

/** A table as npm start leaves it: made from the definition, at the latest schema. */
async function startedTable(name: string) {
  await ensureLedgerTable(endpoint, name);
  await migrateLedger({ client, tableName: name, log: () => undefined });
}

async function everyRecord(tableName: string): Promise<Row[]> {
  const rows: Row[] = [];
  let startKey: Row | undefined;
  do {
    const out: ScanCommandOutput = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    rows.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  const key = (r: Row) => `${r.PK?.S}\u0000${r.SK?.S}`;
  return rows.sort((a, b) => key(a).localeCompare(key(b)));
}

let backup: Awaited<ReturnType<typeof backupTable>>;

beforeAll(async () => {
  await startedTable(source);
  // The demo ledger through the use cases, into this file's own table (the adapters read the name at first use).
  process.env[ENV.tableName] = source;
  await seedDemoLedger();
  await client.send(
    new PutItemCommand({
      TableName: source,
      Item: {
        PK: { S: `TEST#${tag}` },
        SK: { S: 'TYPES' },
        text: { S: '供水管网改造 — “引号” \\ 反斜杠 \n 换行' },
        number: { N: '-12.5e3' },
        big: { N: '123456789012345678901234567890' },
        yes: { BOOL: true },
        nothing: { NULL: true },
        bytes: { B: new Uint8Array([0, 1, 2, 254, 255]) },
        byteSet: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
        numbers: { NS: ['1', '2.5'] },
        strings: { SS: ['甲', 'b'] },
        list: { L: [{ S: 'x' }, { N: '1' }, { M: { inner: { BOOL: false } } }] },
      },
    }),
  );
  backup = await backupTable(client, source, file);
}, 120_000);

afterAll(() => client.destroy());

describe('npm run backup / restore', () => {
  it('restores into an empty table every record exactly as it was backed up', async () => {
    const original = await everyRecord(source);
    expect(backup.records).toBe(original.length);
    expect(original.length).toBeGreaterThan(50);
    expect(backup.bytes).toBe(readFileSync(file).length);

    const target = `backup-target-${tag}`;
    await startedTable(target);
    const restored = await restoreTable(client, target, file);
    expect(restored.records).toBe(original.length);
    expect(await everyRecord(target)).toEqual(original);
    expect(restored.migrations).toMatchObject({ from: migrations.length, to: migrations.length, applied: [] });
  });

  it('refuses a table that holds records, and writes nothing into it', async () => {
    const target = `backup-busy-${tag}`;
    await startedTable(target);
    await client.send(new PutItemCommand({ TableName: target, Item: { PK: { S: 'UNIT#already-here' }, SK: { S: 'UNIT' } } }));
    const before = await everyRecord(target);
    await expect(restoreTable(client, target, file)).rejects.toThrow(/already holds records: a restore goes into an empty table only/);
    expect(await everyRecord(target)).toEqual(before);
  });

  it('refuses a file cut short, or that is not a backup, before writing anything', async () => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const cut = join(folder, 'cut.jsonl');
    writeFileSync(cut, `${lines.slice(0, -1).join('\n')}\n`);
    const miscounted = join(folder, 'miscounted.jsonl');
    writeFileSync(miscounted, `${[...lines.slice(0, 2), lines.at(-1)].join('\n')}\n`);
    const other = join(folder, 'other.jsonl');
    writeFileSync(other, '{"PK":{"S":"X"},"SK":{"S":"Y"}}\n');
    const target = `backup-refused-${tag}`;
    await startedTable(target);
    const before = await everyRecord(target);
    await expect(restoreTable(client, target, cut)).rejects.toThrow(/no end line: the backup was cut short/);
    await expect(restoreTable(client, target, miscounted)).rejects.toThrow(/says it holds \d+ records but holds 1/);
    await expect(restoreTable(client, target, other)).rejects.toBeInstanceOf(RestoreRefused);
    expect(await everyRecord(target)).toEqual(before);
  });

  it('a backup older than the meta record restores at schema 0 and is migrated to the latest', async () => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const records = lines.slice(1, -1).filter((line) => !line.includes('"TABLE#META"'));
    const older = join(folder, 'older.jsonl');
    writeFileSync(older, `${[lines[0], ...records, JSON.stringify({ end: true, records: records.length })].join('\n')}\n`);
    const target = `backup-older-${tag}`;
    await startedTable(target);
    const restored = await restoreTable(client, target, older);
    expect(restored.migrations).toMatchObject({ from: 0, to: migrations.length });
    expect(restored.migrations.applied).toHaveLength(migrations.length);
    expect(await schemaVersion({ client, tableName: target })).toBe(migrations.length);
  });

  it('npm run restore refuses the running system’s table, which holds records, saying why', async () => {
    const port = new URL(endpoint).port;
    // The table npm run restore writes to (npm start's), holding a record; no other file of the run names it.
    await startedTable(LOCAL_TABLE_NAME);
    await client.send(new PutItemCommand({ TableName: LOCAL_TABLE_NAME, Item: { PK: { S: `TEST#${tag}` }, SK: { S: 'HERE' } } }));
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/restore.ts', file], {
      cwd: projectRoot,
      env: { ...process.env, DYNAMODB_PORT: port },
    });
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`Restore refused: The table ${LOCAL_TABLE_NAME} already holds records`);
  }, 60_000);
});
