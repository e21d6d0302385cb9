/**
 * Each browser test file's own ledger, made before the file's imports: the demo ledger seeded into a table of its own
 * on the run's DynamoDB Local, served with the built console by its worker's local API (with its SES emulator and S3
 * server). The worker's local system is started by its first file and kept for the next ones, as the integration
 * tier's is (its modules imported once: most of a browser file's setup was importing them again); the files of one
 * worker run one after another, so no two files running at once share a table or a mail store. The file's pages and
 * its API calls (support.ts) go there.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ENV } from '../../functions/config';
import { seedDemoLedger } from '../../scripts/local/demo-ledger';
import { ISOLATED, type LocalSystem, prepareLedgerTable, startLocalSystem } from '../../scripts/local/system';
import { setFileSystem } from '../integration/file-system';
import { clearMail } from '../integration/support';
import { untilAnswering, workerEndpoint } from '../run-dynamodb';

const WORKER_SYSTEM = Symbol.for('ducha.tests.browserWorkerSystem');
type Holder = { [WORKER_SYSTEM]?: Promise<LocalSystem> };
const log = (line: string) => console.error(line);

const tableName = `console-${randomUUID().slice(0, 8)}`;
const holder = globalThis as Holder;
const first = holder[WORKER_SYSTEM] === undefined;
if (first) {
  const dynamodbEndpoint = workerEndpoint(inject('consoleDynamodbEndpoints'));
  holder[WORKER_SYSTEM] = untilAnswering(dynamodbEndpoint).then(() =>
    startLocalSystem({ ...ISOLATED, dynamodbEndpoint, tableName, jwtSecret: inject('consoleJwtSecret'), logRequests: false, log }),
  );
}
const worker = await (holder[WORKER_SYSTEM] as Promise<LocalSystem>);
setFileSystem({ ...worker, tableName, env: { ...worker.env, [ENV.tableName]: tableName } });
if (!first) {
  await prepareLedgerTable(worker.dynamodbEndpoint, tableName, log);
  process.env[ENV.tableName] = tableName;
  await clearMail();
}
await seedDemoLedger();
