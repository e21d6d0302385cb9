/**
 * Each test file's own ledger, made before the file's imports: a table of its own on its worker's local system and
 * an empty SES emulator store (tests/worker-system.ts). A test can also call use cases and adapters directly, against
 * the same table and emulator the API uses.
 */
import { afterAll, inject } from 'vitest';
import { ISOLATED, startLocalSystem } from '../../scripts/local/system';
import { fileLedger } from '../worker-system';
import { recordAwsCalls, writeAwsCalls } from './aws-calls';

const { tableName } = await fileLedger('ledger', inject('dynamodbEndpoints'), (options) =>
  startLocalSystem({
    ...ISOLATED,
    ...options,
    jwtSecret: inject('jwtSecret'),
    mailSender: inject('mailSender'),
    // Handler failures still show; one line per request would drown the test output.
    logRequests: process.env.LOCAL_LOG_REQUESTS === '1',
  }),
);

// What this file's requests, jobs and stream deliveries called of AWS, for the grants check (aws-calls.ts).
recordAwsCalls();
afterAll(() => writeAwsCalls(tableName));
