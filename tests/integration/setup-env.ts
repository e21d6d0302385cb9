/**
 * Each test file's own ledger, made before the file's imports: a table of its own on the run's DynamoDB
 * Local, named in this worker's process.env (the handlers read the table's name on each use), and an
 * empty SES emulator store. The worker's local system (its SES emulator, S3 server and local API in front of
 * the real handlers) is started by its first file and kept for the next ones, as a Lambda container keeps
 * its modules: the files of one worker run one after another, so no two files running at once share a
 * table, a mail store or a queue (the pending mail of OUTBOX#PENDING included). A test can also call use
 * cases and adapters directly, against the same table and emulator the API uses.
 */
import { untilAnswering, workerEndpoint } from '../run-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { ENV } from '../../functions/config';
import { ISOLATED, prepareLedgerTable, startLocalSystem, type LocalSystem } from '../../scripts/local/system';
import { setFileSystem } from './file-system';
import { clearMail } from './support';

import { recordAwsCalls, writeAwsCalls } from './aws-calls';

const WORKER_SYSTEM = Symbol.for('ducha.tests.workerSystem');
type Holder = { [WORKER_SYSTEM]?: Promise<LocalSystem> };
const log = (line: string) => console.error(line);

const tableName = `ledger-${randomUUID().slice(0, 8)}`;
const holder = globalThis as Holder;
const first = holder[WORKER_SYSTEM] === undefined;
if (first) {
  const dynamodbEndpoint = workerEndpoint(inject('dynamodbEndpoints'));
  holder[WORKER_SYSTEM] = untilAnswering(dynamodbEndpoint).then(() =>
    startLocalSystem({
      ...ISOLATED,
      dynamodbEndpoint,
      tableName,
      jwtSecret: inject('jwtSecret'),
      mailSender: inject('mailSender'),
      // Handler failures still show; one line per request would drown the test output.
      logRequests: process.env.LOCAL_LOG_REQUESTS === '1',
      log,
    }),
  );
}
const worker = await (holder[WORKER_SYSTEM] as Promise<LocalSystem>);
setFileSystem({ ...worker, tableName, env: { ...worker.env, [ENV.tableName]: tableName } });
if (!first) {
  await prepareLedgerTable(worker.dynamodbEndpoint, tableName, log);
  process.env[ENV.tableName] = tableName;
  await clearMail();
}

// What this file's requests, jobs and stream deliveries called of AWS, for the grants check (aws-calls.ts).
recordAwsCalls();
afterAll(() => writeAwsCalls(tableName));
