/**
 * Each browser test file's own ledger, made before the file's imports: the demo ledger seeded into a table of its own
 * on its worker's local system (tests/worker-system.ts), served with the built console. The worker's system keeps its
 * modules from file to file, as the integration tier's does: most of a browser file's setup was importing them again.
 * The file's pages and its API calls (support.ts) go there.
 */
import { inject } from 'vitest';
import { seedDemoLedger } from '../../scripts/local/demo-ledger';
import { ISOLATED, startLocalSystem } from '../../scripts/local/system';
import { fileLedger } from '../worker-system';

await fileLedger('console', inject('consoleDynamodbEndpoints'), (options) =>
  startLocalSystem({ ...ISOLATED, ...options, jwtSecret: inject('consoleJwtSecret'), logRequests: false }),
);
await seedDemoLedger();
