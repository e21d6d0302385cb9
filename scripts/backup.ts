/**
 * `npm run backup -- FILE`: the whole ledger table of the running local system (npm start) to FILE, as
 * JSON lines (scripts/local/backup.ts). Prints what it wrote: records, size, time.
 */
import './local/quiet-sdk-warning.mjs';
import { resolve } from 'node:path';
import { backupTable } from './local/backup';
import { LOCAL_TABLE_NAME, localSettings } from './local/defaults';
import { localDynamoDbClient } from './local/dynamodb';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('Usage: npm run backup -- FILE   (the local ledger table to FILE, JSON lines; FILE is replaced)');
  process.exit(2);
}
const settings = localSettings();
const client = localDynamoDbClient(`http://127.0.0.1:${settings.dynamodbPort}`);
try {
  const done = await backupTable(client, LOCAL_TABLE_NAME, resolve(file));
  console.log(
    `Backed up ${done.records} records of ${LOCAL_TABLE_NAME} to ${file}: ${(done.bytes / 1024).toFixed(1)} KiB in ${(done.ms / 1000).toFixed(2)} s`,
  );
} catch (error) {
  console.error(
    `Backup failed: ${(error as Error).message}\nIs the local system running? Start it with \`npm start\` in another terminal.`,
  );
  process.exitCode = 1;
} finally {
  client.destroy();
}
