/**
 * The local system for a benchmark, in a process of its own so that the load
 * generator does not share its event loop: in memory, on free ports, no
 * scheduler, no request log. Prints one JSON line when ready; stops on SIGTERM.
 */
import { startLocalSystem } from '../local/system';

const system = await startLocalSystem({
  port: 0,
  dynamodbPort: 0,
  sesPort: 0,
  inMemory: true,
  scheduler: false,
  logRequests: false,
  log: () => {},
});
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
