/**
 * Each browser test file's own system, started before the file's imports: the demo ledger seeded into a
 * table of its own on the run's DynamoDB Local, served with the built console by its own local API (with
 * its own SES emulator and S3 server). The file's pages and its API calls (support.ts) go there.
 */
import { untilAnswering, workerEndpoint } from '../run-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { seedDemoLedger } from '../../scripts/local/demo-ledger';
import { ISOLATED, startLocalSystem } from '../../scripts/local/system';
import { setFileSystem } from '../integration/file-system';

const dynamodbEndpoint = workerEndpoint(inject('consoleDynamodbEndpoints'));
await untilAnswering(dynamodbEndpoint);
const system = await startLocalSystem({
  ...ISOLATED,
  dynamodbEndpoint,
  tableName: `console-${randomUUID().slice(0, 8)}`,
  jwtSecret: inject('consoleJwtSecret'),
  logRequests: false,
  log: (line) => console.error(line),
});
afterAll(() => system.stop());
await seedDemoLedger();
setFileSystem(system);
