import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type AttributeValue, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config';
import { migrations } from '../../functions/migrations';
import { migrateLedger, schemaVersion } from '../../functions/migrations/run';
import type { FileAttachment } from '../../functions/domain/attachments';
import { backupTable, RestoreRefused, restoreTable, TABLE_ONLY_FORMAT } from '../../scripts/local/backup';
import { describeGap, fileRecordOf, localFileStore } from '../../scripts/local/backup-files';
import { LOCAL_REGION, LOCAL_TABLE_NAME, projectRoot } from '../../scripts/local/defaults';
import { seedDemoLedger } from '../../scripts/local/demo-ledger';
import { ensureLedgerTable, localDynamoDbClient } from '../../scripts/local/dynamodb';
import { fileSystem } from './file-system';
import { apiUrl, everyRecord as recordsOf, tokenFor } from './support';

/**
 * npm run backup / restore (scripts/local/backup.ts): a ledger made by the use cases (the demo ledger, with its
 * attached PDFs in the worker's s3rver), plus one record of every DynamoDB type, backed up and restored into an
 * empty table of its own on the run's DynamoDB Local, compared record by record; the files restored into a bucket
 * that lost them, an item's dossier answering with the same files; a file missing named; every way a restore refuses.
 */
const tag = randomUUID().slice(0, 8);
const endpoint = fileSystem().dynamodbEndpoint;
const source = `backup-source-${tag}`;
const client = localDynamoDbClient(endpoint);
const folder = mkdtempSync(join(tmpdir(), 'ducha-backup-'));
const file = join(folder, 'ledger.jsonl');
type Row = Record<string, AttributeValue>;
const bucket = process.env[ENV.attachmentsBucket] as string;
const store = localFileStore(fileSystem().s3Url, bucket);
const s3 = new S3Client({
  endpoint: fileSystem().s3Url,
  forcePathStyle: true,
  region: LOCAL_REGION,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
/** What the store loses: the bucket of a system whose data folder is gone. */
const forget = (key: string) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
const isRecordLine = (line: string) => 'PK' in JSON.parse(line);

/** A table as npm start leaves it: made from the definition, at the latest schema. */
async function startedTable(name: string) {
  await ensureLedgerTable(endpoint, name);
  await migrateLedger({ client, tableName: name, log: () => undefined });
}

const everyRecord = (tableName: string): Promise<Row[]> => recordsOf(client, tableName);

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
  // The seeded ledger as its stream leaves it (chain heads and hashes come from the stream after each write).
  await fileSystem().settle();
  backup = await backupTable(client, source, file, store);
}, 120_000);

afterAll(() => {
  client.destroy();
  store.close();
  s3.destroy();
});

/** The demo ledger's attached files, each with the item it shows under. */
async function attachedFiles(): Promise<(FileAttachment & { itemId: string })[]> {
  return (await everyRecord(source)).flatMap((row) => {
    const f = fileRecordOf(row);
    return f?.attachedTo && 'itemId' in f.attachedTo ? [{ ...f, itemId: f.attachedTo.itemId }] : [];
  });
}

/** GET /items/{id}/dossier.zip as the office, from the table the API reads now: status, and each attached file's SHA-256. */
async function dossierFiles(itemId: string) {
  const res = await fetch(`${apiUrl()}/items/${itemId}/dossier.zip`, {
    headers: { authorization: `Bearer ${await tokenFor('office')}` },
    redirect: 'manual',
  });
  if (res.status !== 200) return { status: res.status, files: [] };
  const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const manifest = JSON.parse(strFromU8(zip['manifest.json'] as Uint8Array)) as {
    files: { path: string; sha256: string; attachment?: { id: string } }[];
  };
  const files = manifest.files.flatMap((f) =>
    f.attachment
      ? [
          {
            id: f.attachment.id,
            sha256: createHash('sha256')
              .update(zip[f.path] as Uint8Array)
              .digest('hex'),
          },
        ]
      : [],
  );
  return { status: res.status, files };
}

describe('npm run backup / restore', () => {
  it('restores every record exactly as it was backed up, and every file: an item’s dossier answers 200 with the same files', async () => {
    const original = await everyRecord(source);
    expect(backup.records).toBe(original.length);
    expect(original.length).toBeGreaterThan(50);
    expect(backup.bytes).toBe(readFileSync(file).length);
    const attached = await attachedFiles();
    expect(attached.length).toBeGreaterThan(0);
    expect(backup).toMatchObject({ files: attached.length, gaps: [] });
    expect(backup.fileBytes).toBe(attached.reduce((sum, f) => sum + f.size, 0));
    const itemId = (attached[0] as { itemId: string }).itemId;
    const before = await dossierFiles(itemId);
    expect(before.status).toBe(200);
    expect(before.files.length).toBeGreaterThan(0);

    // The restored system's store has none of the files: only the backup can bring them back.
    for (const f of attached) await forget(f.key);
    const target = `backup-target-${tag}`;
    await startedTable(target);
    const restored = await restoreTable(client, target, file, store);
    expect(restored.records).toBe(original.length);
    expect(await everyRecord(target)).toEqual(original);
    expect(restored.migrations).toMatchObject({ from: migrations.length, to: migrations.length, applied: [] });
    expect(restored).toMatchObject({ files: attached.length, fileBytes: backup.fileBytes, gaps: [] });

    process.env[ENV.tableName] = target;
    try {
      expect(await dossierFiles(itemId)).toEqual(before);
    } finally {
      process.env[ENV.tableName] = source;
    }
  });

  it('names each attached file the store lacks (item, file name, key): the backup as it is taken, the restore after', async () => {
    const [lost] = await attachedFiles();
    const chunks: Uint8Array[] = [];
    for await (const chunk of (await store.open(lost!.key))!.body) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    await forget(lost!.key);
    try {
      const partial = join(folder, 'partial.jsonl');
      const taken = await backupTable(client, source, partial, store);
      expect(taken.files).toBe(backup.files - 1);
      const to = lost!.attachedTo as { kind: 'report'; itemId: string; reportId: string };
      const named = `item ${to.itemId} (report ${to.reportId}): "${lost!.fileName}", key ${lost!.key} — missing from`;
      expect(taken.gaps.map(describeGap)).toEqual([`${named} the store`]);

      const target = `backup-partial-${tag}`;
      await startedTable(target);
      const restored = await restoreTable(client, target, partial, store);
      expect(restored.gaps.map(describeGap)).toEqual([`${named} the backup and from the store`]);
    } finally {
      await store.put(lost!.key, bytes, lost!.contentType);
    }
  });

  it('names an attached file whose bytes in the store are not those attached, by the SHA-256 the ledger recorded', async () => {
    const [changed] = await attachedFiles();
    const chunks: Uint8Array[] = [];
    for await (const chunk of (await store.open(changed!.key))!.body) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    const other = Buffer.from(bytes).fill(0x20, 16);
    await store.put(changed!.key, other, changed!.contentType);
    try {
      const taken = await backupTable(client, source, join(folder, 'changed.jsonl'), store);
      expect(taken.gaps.map(describeGap)).toEqual([
        expect.stringContaining(
          `key ${changed!.key} — SHA-256 ${createHash('sha256').update(other).digest('hex')} in the store, but the ledger recorded ${changed!.sha256}`,
        ),
      ]);
    } finally {
      await store.put(changed!.key, bytes, changed!.contentType);
    }
  });

  it('refuses a table that holds records, and writes nothing into it', async () => {
    const target = `backup-busy-${tag}`;
    await startedTable(target);
    await client.send(new PutItemCommand({ TableName: target, Item: { PK: { S: 'UNIT#already-here' }, SK: { S: 'UNIT' } } }));
    const before = await everyRecord(target);
    await expect(restoreTable(client, target, file, store)).rejects.toThrow(
      /already holds records: a restore goes into an empty table only/,
    );
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
    const damaged = join(folder, 'damaged.jsonl');
    const part = lines.findIndex((line) => line.startsWith('{"part":"'));
    const altered = (lines[part] as string).replace(/^\{"part":"(.)/, (_, c: string) => `{"part":"${c === 'A' ? 'B' : 'A'}`);
    writeFileSync(damaged, `${lines.with(part, altered).join('\n')}\n`);
    const target = `backup-refused-${tag}`;
    await startedTable(target);
    const before = await everyRecord(target);
    await expect(restoreTable(client, target, cut, store)).rejects.toThrow(/no end line: the backup was cut short/);
    await expect(restoreTable(client, target, miscounted, store)).rejects.toThrow(/says it holds \d+ records but holds 1/);
    await expect(restoreTable(client, target, other, store)).rejects.toBeInstanceOf(RestoreRefused);
    await expect(restoreTable(client, target, damaged, store)).rejects.toThrow(
      /the bytes of attached\/\S+ \(\d+ bytes, SHA-256 \w+\) are not those the backup recorded/,
    );
    expect(await everyRecord(target)).toEqual(before);
  });

  it('a backup of the table alone (/1), older than the meta record, restores at schema 0, migrates, finds its files in the store', async () => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const records = lines.slice(1, -1).filter((line) => isRecordLine(line) && !line.includes('"TABLE#META"'));
    const older = join(folder, 'older.jsonl');
    const header = JSON.stringify({ format: TABLE_ONLY_FORMAT, table: source, takenAt: new Date().toISOString() });
    writeFileSync(older, `${[header, ...records, JSON.stringify({ end: true, records: records.length })].join('\n')}\n`);
    const target = `backup-older-${tag}`;
    await startedTable(target);
    const restored = await restoreTable(client, target, older, store);
    expect(restored).toMatchObject({ format: TABLE_ONLY_FORMAT, files: 0, gaps: [] });
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
