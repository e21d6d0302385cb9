/**
 * `npm run restore -- FILE`: a backup made by `npm run backup` into the running local system's ledger table,
 * which must be empty (a fresh DATA_DIR; refused otherwise), and its files into the local S3 server. Brings the
 * restored records to this version's schema, prints what it wrote (records, files, size, time), and names each
 * attached file that is in neither the backup nor the store, or not of the size the ledger recorded (exit code 1).
 */
import './local/quiet-sdk-warning.mjs';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RestoreRefused, restoreTable, TABLE_ONLY_FORMAT } from './local/backup';
import { describeGap, localFileStore } from './local/backup-files';
import { LOCAL_TABLE_NAME, localSettings } from './local/defaults';
import { ensureLedgerTable, localDynamoDbClient } from './local/dynamodb';
import { LOCAL_ATTACHMENTS_BUCKET } from './local/s3';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('Usage: npm run restore -- FILE   (a backup of npm run backup into the local ledger table, which must be empty)');
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`Restore refused: there is no file ${file}`);
  process.exit(2);
}
const settings = localSettings();
const endpoint = `http://127.0.0.1:${settings.dynamodbPort}`;
const client = localDynamoDbClient(endpoint);
const store = localFileStore(`http://127.0.0.1:${settings.s3Port}`, LOCAL_ATTACHMENTS_BUCKET);
try {
  await ensureLedgerTable(endpoint, LOCAL_TABLE_NAME);
  const done = await restoreTable(client, LOCAL_TABLE_NAME, resolve(file), store, (line) => console.log(line));
  console.log(
    `Restored ${done.records} records into ${LOCAL_TABLE_NAME} and ${done.files} files (${(done.fileBytes / 1024).toFixed(1)} KiB) ` +
      `from ${file}: ${(done.bytes / 1024).toFixed(1)} KiB in ${(done.ms / 1000).toFixed(2)} s`,
  );
  console.log(
    `Schema ${done.migrations.to}${done.migrations.applied.length ? ` (migrated from ${done.migrations.from}: ${done.migrations.applied.join(', ')})` : ''}`,
  );
  if (done.gaps.length > 0) {
    const tableOnly =
      done.format === TABLE_ONLY_FORMAT
        ? ` (${file} is a ${TABLE_ONLY_FORMAT} backup, which carries no files: copy the old data folder's s3/ into this one ` +
          'before starting npm start, then restore again into a fresh table)'
        : '';
    console.error(`Restore incomplete: ${done.gaps.length} attached file(s) are not as the ledger recorded them${tableOnly}:`);
    for (const gap of done.gaps) console.error(`  ${describeGap(gap)}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (error instanceof RestoreRefused) console.error(`Restore refused: ${error.message}`);
  else
    console.error(
      `Restore failed: ${(error as Error).message}\nIs the local system running? Start it with \`npm start\` in another terminal.`,
    );
  process.exitCode = 1;
} finally {
  client.destroy();
  store.close();
}
