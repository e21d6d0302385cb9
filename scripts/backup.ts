/**
 * `npm run backup -- FILE`: the whole ledger table of the running local system (npm start) and the attachment
 * files it names to FILE, as JSON lines (scripts/local/backup.ts). Prints what it wrote: records, files, size,
 * time; and names each attached file the store lacks (exit code 1: the backup holds all the rest).
 */
import './local/quiet-sdk-warning.mjs';
import { resolve } from 'node:path';
import { backupTable } from './local/backup';
import { describeGap, localFileStore } from './local/backup-files';
import { LOCAL_TABLE_NAME, localSettings } from './local/defaults';
import { localDynamoDbClient } from './local/dynamodb';
import { LOCAL_ATTACHMENTS_BUCKET } from './local/s3';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('Usage: npm run backup -- FILE   (the local ledger table and its files to FILE, JSON lines; FILE is replaced)');
  process.exit(2);
}
const settings = localSettings();
const client = localDynamoDbClient(`http://127.0.0.1:${settings.dynamodbPort}`);
const store = localFileStore(`http://127.0.0.1:${settings.s3Port}`, LOCAL_ATTACHMENTS_BUCKET);
try {
  const done = await backupTable(client, LOCAL_TABLE_NAME, resolve(file), store);
  console.log(
    `Backed up ${done.records} records of ${LOCAL_TABLE_NAME} and ${done.files} files (${(done.fileBytes / 1024).toFixed(1)} KiB) ` +
      `to ${file}: ${(done.bytes / 1024).toFixed(1)} KiB in ${(done.ms / 1000).toFixed(2)} s`,
  );
  if (done.gaps.length > 0) {
    console.error(`Backup incomplete: ${done.gaps.length} attached file(s) could not be backed up as the ledger recorded them:`);
    for (const gap of done.gaps) console.error(`  ${describeGap(gap)}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(
    `Backup failed: ${(error as Error).message}\nIs the local system running? Start it with \`npm start\` in another terminal.`,
  );
  process.exitCode = 1;
} finally {
  client.destroy();
  store.close();
}
