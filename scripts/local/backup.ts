/**
 * `npm run backup -- FILE` and `npm run restore -- FILE` (scripts/backup.ts, scripts/restore.ts): the
 * whole ledger table as JSON lines, and back. In AWS the table has point-in-time recovery and an AWS
 * Backup plan (lib/ledger-table.ts); these are for the table on DynamoDB Local.
 *
 * The file: a header line, one line per record in DynamoDB's own JSON (`{"PK":{"S":"ITEM#…"},…}`: every
 * type kept exactly, numbers as the strings DynamoDB stores; binary values as base64), and a last line
 * with the count, so a file cut short is refused instead of restored in part.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  ScanCommand,
  type ScanCommandOutput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { tableMetaKey } from '../../functions/adapters/dynamodb/keys';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { migrateLedger, type MigrationRun } from '../../functions/migrations/run';

export const BACKUP_FORMAT = 'ducha-ledger-backup/1';

type Row = Record<string, AttributeValue>;

export interface BackupResult {
  records: number;
  bytes: number;
  ms: number;
}

/** Thrown when a restore would lose or mix data: the message says why and what to do. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

/** Binary values as base64 in the file (JSON has no bytes), and back. */
const encode = (_: string, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value);
function decodeBinary(row: Row): Row {
  const fix = (v: AttributeValue): AttributeValue => {
    if (v.B !== undefined) return { B: Buffer.from(v.B as unknown as string, 'base64') };
    if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b as unknown as string, 'base64')) };
    if (v.L !== undefined) return { L: v.L.map(fix) };
    if (v.M !== undefined) return { M: Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, fix(x)])) };
    return v;
  };
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fix(v)]));
}

/** Every record of the table, page by page (a consistent Scan: what is written before the backup starts is in it). */
async function* scan(client: DynamoDBClient, tableName: string, limit?: number): AsyncGenerator<Row> {
  let startKey: Row | undefined;
  do {
    const out: ScanCommandOutput = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey, Limit: limit }),
    );
    for (const row of out.Items ?? []) yield row;
    startKey = limit === undefined ? out.LastEvaluatedKey : undefined;
  } while (startKey);
}

/** Writes the whole table to `file` (replacing it). */
export async function backupTable(client: DynamoDBClient, tableName: string, file: string): Promise<BackupResult> {
  const started = Date.now();
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  let records = 0;
  try {
    await write(JSON.stringify({ format: BACKUP_FORMAT, table: tableName, takenAt: new Date().toISOString() }));
    for await (const row of scan(client, tableName)) {
      await write(JSON.stringify(row, encode));
      records += 1;
    }
    await write(JSON.stringify({ end: true, records }));
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { records, bytes: statSync(file).size, ms: Date.now() - started };
}

/** The records of a backup file, after checking its header and, at the end, its count. */
export async function* readBackup(file: string): AsyncGenerator<Row> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let header = false;
  let count = 0;
  let ended: number | undefined;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (ended !== undefined) throw new RestoreRefused(`${file}: lines after the end line: not a backup written by npm run backup`);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (!header) {
      if (parsed.format !== BACKUP_FORMAT)
        throw new RestoreRefused(`${file} is not a ducha backup (${BACKUP_FORMAT}): its first line says otherwise`);
      header = true;
    } else if (parsed.end === true) {
      ended = Number(parsed.records);
    } else {
      count += 1;
      yield decodeBinary(parsed as Row);
    }
  }
  if (!header) throw new RestoreRefused(`${file} is empty: not a ducha backup`);
  if (ended === undefined) throw new RestoreRefused(`${file} has no end line: the backup was cut short; nothing of it should be trusted`);
  if (ended !== count) throw new RestoreRefused(`${file} says it holds ${ended} records but holds ${count}`);
}

const isMeta = (row: Row) => row.PK?.S === tableMetaKey.PK && row.SK?.S === tableMetaKey.SK;

/** Refuses unless the table holds nothing but (at most) its meta record, which a start writes to every table. */
async function assertEmpty(client: DynamoDBClient, tableName: string) {
  for await (const row of scan(client, tableName, 2)) {
    if (!isMeta(row)) {
      throw new RestoreRefused(
        `The table ${tableName} already holds records: a restore goes into an empty table only, so that nothing in it is ` +
          'overwritten or mixed with the backup. Back it up first if it matters, then restore into a fresh data folder ' +
          '(stop npm start, move .data away or set DATA_DIR, start again) and run the restore there.',
      );
    }
  }
}

/** Puts rows in batches of 25, asking again (with backoff) for what DynamoDB leaves unprocessed. */
async function putAll(client: DynamoDBClient, tableName: string, rows: Row[]) {
  let pending: WriteRequest[] = rows.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = out.UnprocessedItems?.[tableName] ?? [];
  }
}

/**
 * Loads a backup into an empty table, then brings its records to this version's schema: a backup taken
 * by an earlier version restores as that version wrote it and is migrated like any older table.
 */
export async function restoreTable(
  client: DynamoDBClient,
  tableName: string,
  file: string,
  log: (line: string) => void = () => undefined,
): Promise<BackupResult & { migrations: MigrationRun }> {
  const started = Date.now();
  // Read through once before writing anything: a file cut short or garbled is refused whole, never restored in part.
  for await (const _ of readBackup(file));
  await assertEmpty(client, tableName);
  let records = 0;
  let hadMeta = false;
  const batch: Promise<void>[] = [];
  let rows: Row[] = [];
  const flush = async () => {
    batch.push(putAll(client, tableName, rows));
    rows = [];
    // A few batches in flight: DynamoDB Local takes them faster than one at a time, without being flooded.
    if (batch.length >= 4) await Promise.all(batch.splice(0));
  };
  for await (const row of readBackup(file)) {
    hadMeta ||= isMeta(row);
    rows.push(row);
    records += 1;
    if (rows.length === 25) await flush();
  }
  if (rows.length > 0) await flush();
  await Promise.all(batch);
  // A backup older than the meta record holds records of schema 0: the table's own meta must not claim more.
  if (!hadMeta) await client.send(new DeleteItemCommand({ TableName: tableName, Key: toRecord(tableMetaKey) }));
  const migrations = await migrateLedger({ client, tableName, log });
  return { records, bytes: statSync(file).size, ms: Date.now() - started, migrations };
}
