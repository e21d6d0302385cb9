/**
 * `npm run restore -- FILE`: a backup made by `npm run backup` into the running local system's ledger
 * table, which must be empty (a fresh DATA_DIR); refused otherwise. Brings the restored records to this
 * version's schema, and prints what it wrote: records, size, time.
 */
import './local/quiet-sdk-warning.mjs';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RestoreRefused, restoreTable } from './local/backup';
import { LOCAL_TABLE_NAME, localSettings } from './local/defaults';
import { ensureLedgerTable, localDynamoDbClient } from './local/dynamodb';

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
try {
  await ensureLedgerTable(endpoint, LOCAL_TABLE_NAME);
  const done = await restoreTable(client, LOCAL_TABLE_NAME, resolve(file), (line) => console.log(line));
  console.log(
    `Restored ${done.records} records into ${LOCAL_TABLE_NAME} from ${file}: ${(done.bytes / 1024).toFixed(1)} KiB in ${(done.ms / 1000).toFixed(2)} s`,
  );
  console.log(
    `Schema ${done.migrations.to}${done.migrations.applied.length ? ` (migrated from ${done.migrations.from}: ${done.migrations.applied.join(', ')})` : ''}`,
  );
} catch (error) {
  if (error instanceof RestoreRefused) console.error(`Restore refused: ${error.message}`);
  else
    console.error(
      `Restore failed: ${(error as Error).message}\nIs the local system running? Start it with \`npm start\` in another terminal.`,
    );
  process.exitCode = 1;
} finally {
  client.destroy();
}
