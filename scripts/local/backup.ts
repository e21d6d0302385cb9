/**
 * `npm run backup -- FILE` and `npm run restore -- FILE` (scripts/backup.ts, scripts/restore.ts): the
 * whole ledger table and the attachment files it names, as JSON lines, and back. In AWS the table has
 * point-in-time recovery and an AWS Backup plan, the bucket versioning (lib/ledger-table.ts,
 * lib/attachments.ts); these are for DynamoDB Local and the local S3 server.
 *
 * The file (ducha-ledger-backup/2):
 *   {"format":"ducha-ledger-backup/2","table":…,"takenAt":…}             the header
 *   {"PK":{"S":"ITEM#…"},…}                                             one line per record, in DynamoDB's own JSON
 *                                                                       (every type kept exactly, numbers as the
 *                                                                       strings DynamoDB stores, binary as base64)
 *   {"file":{"key":"attachments/<id>","contentType":"application/pdf"}} then, per object a file record names,
 *   {"part":"<base64>"}                                                 its bytes in parts of at most 192 KiB
 *   {"fileEnd":{"key":…,"size":…,"sha256":…}}                           and its size and SHA-256
 *   {"end":true,"records":…,"files":…}                                  the counts, so a file cut short is
 *                                                                       refused instead of restored in part
 * A ducha-ledger-backup/1 file (before the files were carried) is the same without file lines; it restores, and
 * the restore names every attached file that the store of the system restored into does not hold.
 */
import { createHash } from 'node:crypto';
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
import { officeKey, tableMetaKey } from '../../functions/adapters/dynamodb/keys';
import { ROOT_OFFICE } from '../../functions/domain/offices';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import type { FileAttachment } from '../../functions/domain/attachments';
import { migrateLedger, type MigrationRun } from '../../functions/migrations/run';
import { bytesGap, fileGap, fileRecordOf, type FileGap, type FileStore, ledgerNeedsBytes } from './backup-files';

export const BACKUP_FORMAT = 'ducha-ledger-backup/2';
/** The format before the files were carried: the table alone. */
export const TABLE_ONLY_FORMAT = 'ducha-ledger-backup/1';

/** Raw bytes per part line: lines stay a few hundred KiB whatever the file's size. */
const PART_BYTES = 192 * 1024;

type Row = Record<string, AttributeValue>;

export interface BackupResult {
  records: number;
  /** Attachment objects carried, and their bytes. */
  files: number;
  fileBytes: number;
  /** Attached files the store lacked, or held at another size or SHA-256 than the ledger recorded: each named. */
  gaps: FileGap[];
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

/** Writes the whole table to `file` (replacing it), then the bytes of every object a file record names. */
export async function backupTable(client: DynamoDBClient, tableName: string, file: string, store: FileStore): Promise<BackupResult> {
  const started = Date.now();
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  let records = 0;
  let files = 0;
  let fileBytes = 0;
  const gaps: FileGap[] = [];
  const fileRecords: FileAttachment[] = [];
  try {
    await write(JSON.stringify({ format: BACKUP_FORMAT, table: tableName, takenAt: new Date().toISOString() }));
    for await (const row of scan(client, tableName)) {
      await write(JSON.stringify(row, encode));
      records += 1;
      const fileRecord = fileRecordOf(row);
      if (fileRecord) fileRecords.push(fileRecord);
    }
    // After the records, so that a restore knows every file record before it meets any bytes.
    for (const record of fileRecords) {
      const object = await store.open(record.key);
      if (!object) {
        if (ledgerNeedsBytes(record)) gaps.push(fileGap(record, 'missing', 'the store'));
        continue;
      }
      const written = await writeObject(write, record, object.body);
      files += 1;
      fileBytes += written.size;
      const gap = ledgerNeedsBytes(record) ? bytesGap(record, written, 'the store') : undefined;
      if (gap) gaps.push(gap);
    }
    await write(JSON.stringify({ end: true, records, files }));
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { records, files, fileBytes, gaps, bytes: statSync(file).size, ms: Date.now() - started };
}

/** One object as it streams from the store: its opening line, its parts, and its size and SHA-256. */
async function writeObject(write: (line: string) => Promise<void>, record: FileAttachment, body: AsyncIterable<Uint8Array>) {
  await write(JSON.stringify({ file: { key: record.key, contentType: record.contentType } }));
  const hash = createHash('sha256');
  let size = 0;
  let pending = Buffer.alloc(0);
  const emit = async (all: boolean) => {
    while (pending.length >= PART_BYTES || (all && pending.length > 0)) {
      const part = pending.subarray(0, PART_BYTES);
      await write(JSON.stringify({ part: part.toString('base64') }));
      pending = pending.subarray(part.length);
    }
  };
  for await (const chunk of body) {
    hash.update(chunk);
    size += chunk.length;
    pending = Buffer.concat([pending, chunk]);
    await emit(false);
  }
  await emit(true);
  const sha256 = hash.digest('hex');
  await write(JSON.stringify({ fileEnd: { key: record.key, size, sha256 } }));
  return { size, sha256 };
}

/** An object of the backup: its key and type, its size, and (when asked for) its bytes, checked against its SHA-256. */
interface CarriedFile {
  key: string;
  contentType: string;
  size: number;
  sha256: string;
  bytes?: Buffer;
}
type Entry = { record: Row } | { file: CarriedFile };

/**
 * The records and objects of a backup, in the file's order, after checking its header, each object's bytes
 * against the size and SHA-256 written after them, and at the end the counts: a file cut short, altered or
 * damaged is refused (RestoreRefused) naming what is wrong. Bytes are kept only when asked for, one object at a time.
 */
async function* readEntries(file: string, keepBytes: boolean, header: { format?: string } = {}): AsyncGenerator<Entry> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let format: string | undefined;
  let records = 0;
  let files = 0;
  let ended: { records: number; files: number } | undefined;
  let open: { key: string; contentType: string; size: number; hash: ReturnType<typeof createHash>; parts: Buffer[] } | undefined;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    if (ended !== undefined) throw new RestoreRefused(`${file}: lines after the end line: not a backup written by npm run backup`);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new RestoreRefused(`${file}, line ${lineNumber}: not JSON: the backup is damaged; nothing of it should be trusted`);
    }
    const isRecord = 'PK' in parsed;
    if (format === undefined) {
      if (parsed.format !== BACKUP_FORMAT && parsed.format !== TABLE_ONLY_FORMAT)
        throw new RestoreRefused(`${file} is not a ducha backup (${BACKUP_FORMAT}): its first line says otherwise`);
      format = parsed.format;
      header.format = format;
    } else if (parsed.end === true && !isRecord) {
      if (open) throw new RestoreRefused(`${file}: the bytes of ${open.key} stop without their size and SHA-256: the backup was cut short`);
      ended = { records: Number(parsed.records), files: Number(parsed.files ?? 0) };
    } else if (!isRecord && typeof parsed.file === 'object' && parsed.file !== null) {
      if (open)
        throw new RestoreRefused(`${file}, line ${lineNumber}: a file begins inside the bytes of ${open.key}: the backup is damaged`);
      const { key, contentType } = parsed.file as { key: string; contentType: string };
      open = { key, contentType, size: 0, hash: createHash('sha256'), parts: [] };
    } else if (!isRecord && typeof parsed.part === 'string') {
      if (!open) throw new RestoreRefused(`${file}, line ${lineNumber}: bytes of no file: the backup is damaged`);
      const bytes = Buffer.from(parsed.part, 'base64');
      open.hash.update(bytes);
      open.size += bytes.length;
      if (keepBytes) open.parts.push(bytes);
    } else if (!isRecord && typeof parsed.fileEnd === 'object' && parsed.fileEnd !== null) {
      const end = parsed.fileEnd as { key: string; size: number; sha256: string };
      if (!open || open.key !== end.key)
        throw new RestoreRefused(`${file}, line ${lineNumber}: the end of ${end.key}, whose bytes did not begin: the backup is damaged`);
      const sha256 = open.hash.digest('hex');
      if (open.size !== end.size || sha256 !== end.sha256) {
        throw new RestoreRefused(
          `${file}: the bytes of ${open.key} (${open.size} bytes, SHA-256 ${sha256}) are not those the backup recorded ` +
            `(${end.size} bytes, SHA-256 ${end.sha256}): the backup was altered or damaged; nothing was restored`,
        );
      }
      files += 1;
      yield {
        file: {
          key: open.key,
          contentType: open.contentType,
          size: open.size,
          sha256,
          ...(keepBytes ? { bytes: Buffer.concat(open.parts) } : {}),
        },
      };
      open = undefined;
    } else {
      if (open) throw new RestoreRefused(`${file}, line ${lineNumber}: a record inside the bytes of ${open.key}: the backup is damaged`);
      records += 1;
      yield { record: decodeBinary(parsed as Row) };
    }
  }
  if (format === undefined) throw new RestoreRefused(`${file} is empty: not a ducha backup`);
  if (ended === undefined) throw new RestoreRefused(`${file} has no end line: the backup was cut short; nothing of it should be trusted`);
  if (ended.records !== records) throw new RestoreRefused(`${file} says it holds ${ended.records} records but holds ${records}`);
  if (ended.files !== files) throw new RestoreRefused(`${file} says it holds ${ended.files} files but holds ${files}`);
}

/** The records of a backup, after checking the whole file (readEntries). */
export async function* readBackup(file: string): AsyncGenerator<Row> {
  for await (const entry of readEntries(file, false)) if ('record' in entry) yield entry.record;
}

const isMeta = (row: Row) => row.PK?.S === tableMetaKey.PK && row.SK?.S === tableMetaKey.SK;
/** What a start writes to every table: its meta record, and the root office's (migrations/0002-offices.ts). */
const isWrittenByStart = (row: Row) => isMeta(row) || (row.PK?.S === officeKey(ROOT_OFFICE).PK && row.SK?.S === ROOT_OFFICE);

/** Refuses unless the table holds nothing but what a start writes to every table (its meta, the root office). */
async function assertEmpty(client: DynamoDBClient, tableName: string) {
  for await (const row of scan(client, tableName, 3)) {
    if (!isWrittenByStart(row)) {
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
 * Loads a backup into an empty table and its files into the store, then brings the records to this version's
 * schema: a backup taken by an earlier version restores as that version wrote it and is migrated like any older
 * table. Afterwards every attached file the ledger names is looked for — carried by the backup, or (a backup that
 * lacked it, one of ducha-ledger-backup/1) already in the store — and each one missing, or of another size (or, carried
 * by the backup, another SHA-256) than the ledger recorded, is named in `gaps` (item, file name, key).
 */
export async function restoreTable(
  client: DynamoDBClient,
  tableName: string,
  file: string,
  store: FileStore,
  log: (line: string) => void = () => undefined,
): Promise<BackupResult & { format: string; migrations: MigrationRun }> {
  const started = Date.now();
  // Read through once before writing anything: a file cut short, garbled or with altered bytes is refused whole,
  // never restored in part.
  const ledgerFiles = new Map<string, FileAttachment>();
  const carried = new Map<string, { size: number; sha256: string }>();
  const header: { format?: string } = {};
  for await (const entry of readEntries(file, false, header)) {
    if ('file' in entry) carried.set(entry.file.key, { size: entry.file.size, sha256: entry.file.sha256 });
    else {
      const fileRecord = fileRecordOf(entry.record);
      if (fileRecord) ledgerFiles.set(fileRecord.key, fileRecord);
    }
  }
  for (const key of carried.keys()) {
    if (!ledgerFiles.has(key))
      throw new RestoreRefused(
        `${file} carries the bytes of ${key}, which no file record of its ledger names: not a backup of npm run backup`,
      );
  }
  await assertEmpty(client, tableName);
  let records = 0;
  let files = 0;
  let fileBytes = 0;
  let hadMeta = false;
  const batch: Promise<void>[] = [];
  let rows: Row[] = [];
  const flush = async () => {
    batch.push(putAll(client, tableName, rows));
    rows = [];
    // A few batches in flight: DynamoDB Local takes them faster than one at a time, without being flooded.
    if (batch.length >= 4) await Promise.all(batch.splice(0));
  };
  for await (const entry of readEntries(file, true)) {
    if ('file' in entry) {
      await store.put(entry.file.key, entry.file.bytes ?? Buffer.alloc(0), entry.file.contentType);
      files += 1;
      fileBytes += entry.file.size;
      continue;
    }
    hadMeta ||= isMeta(entry.record);
    rows.push(entry.record);
    records += 1;
    if (rows.length === 25) await flush();
  }
  if (rows.length > 0) await flush();
  await Promise.all(batch);
  // A backup older than the meta record holds records of schema 0: the table's own meta must not claim more.
  if (!hadMeta) await client.send(new DeleteItemCommand({ TableName: tableName, Key: toRecord(tableMetaKey) }));
  const migrations = await migrateLedger({ client, tableName, log });
  const gaps: FileGap[] = [];
  for (const record of ledgerFiles.values()) {
    if (!ledgerNeedsBytes(record)) continue;
    const inBackup = carried.get(record.key);
    const inStore = inBackup ? null : await store.sizeOf(record.key);
    const found = inBackup ?? (inStore === null ? null : { size: inStore });
    if (found === null) gaps.push(fileGap(record, 'missing', 'the backup and from the store'));
    else {
      const gap = bytesGap(record, found, inBackup ? 'the backup' : 'the store');
      if (gap) gaps.push(gap);
    }
  }
  return {
    records,
    files,
    fileBytes,
    gaps,
    format: header.format ?? '',
    bytes: statSync(file).size,
    ms: Date.now() - started,
    migrations,
  };
}
