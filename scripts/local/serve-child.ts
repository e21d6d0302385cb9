/**
 * The local system in a process of its own, for a benchmark's load or a
 * test run that needs a system beside another: in memory, on free ports, no
 * scheduler, no request log. Its AWS endpoints live in its own environment,
 * so two systems never share one (the handlers read process.env).
 * `--seed-demo` loads the demo ledger first. Prints one JSON line when
 * ready; stops on SIGTERM.
 */
import { seedDemoLedger } from './demo-ledger';
import { ISOLATED, startLocalSystem } from './system';

const system = await startLocalSystem({
  ...ISOLATED,
  logRequests: false,
  log: (line) => console.error(line),
});
try {
  if (process.argv.includes('--seed-demo')) await seedDemoLedger();
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
