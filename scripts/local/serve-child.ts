/**
 * The local system in a process of its own, for a benchmark's load or a
 * test run that needs a system beside another: in memory, on free ports, no
 * scheduler, no request log. Its AWS endpoints live in its own environment,
 * so two systems never share one (the handlers read process.env).
 * `--seed-demo` loads the demo ledger first; `--data-dir DIR` keeps the
 * data there, as `npm start` does, instead of in memory. Prints one JSON
 * line when ready; stops on SIGTERM.
 */
import { parseArgs } from 'node:util';
import { seedDemoLedger } from './demo-ledger';
import { ISOLATED, startLocalSystem } from './system';

const { values } = parseArgs({ options: { 'seed-demo': { type: 'boolean' }, 'data-dir': { type: 'string' } } });
const dataDir = values['data-dir'];

const system = await startLocalSystem({
  ...ISOLATED,
  ...(dataDir ? { inMemory: false, dataDir } : {}),
  logRequests: false,
  log: (line) => console.error(line),
});
try {
  if (values['seed-demo']) await seedDemoLedger();
} catch (error) {
  console.error('serve-child: seeding failed:', error);
  await system.stop();
  process.exit(1);
}
console.log(
  JSON.stringify({
    ready: true,
    apiUrl: system.apiUrl,
    dynamodbEndpoint: system.dynamodbEndpoint,
    tableName: system.tableName,
    jwtSecret: system.jwtSecret,
  }),
);
const stop = () => void system.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
