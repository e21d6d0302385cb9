/**
 * The DynamoDB Locals (Java, in memory) of a test run, shared by the projects that need one
 * (integration, integration-alone, browser): their global setups all run in vitest's main process, so the
 * first to ask starts them and the last to finish stops them. One a worker (TEST_DYNAMODB): DynamoDB Local
 * does its SQLite work on one thread, and with every write also written to the table's stream and read
 * back by each worker's poller, one JVM became what four workers waited on (npm test: 4 min 47 s with two
 * JVMs, 4 min 14 s with four); each worker uses its own (workerEndpoint), and every test file still works
 * on a table of its own.
 */
import { availableParallelism } from 'node:os';
import {
  untilAnswering as answering,
  type DynamoDbLocal,
  localDynamoDbClient,
  READY_TIMEOUT_MS,
  startDynamoDbLocal,
} from '../scripts/local/dynamodb';
import { freePort } from '../scripts/local/ports';

const KEY = Symbol.for('ducha.tests.sharedDynamoDb');
type Shared = { endpoints: string[]; started: Promise<PromiseSettledResult<DynamoDbLocal>[]>; users: number };

/** How many DynamoDB Locals a run starts: one a worker, as many as vitest.config.mts runs (TEST_WORKERS). */
const INSTANCES = Math.max(1, Number(process.env.TEST_DYNAMODB ?? process.env.TEST_WORKERS ?? 2 * availableParallelism()));

/** The DynamoDB Local this worker uses, of the run's (vitest numbers its workers from 1: VITEST_POOL_ID). */
export const workerEndpoint = (endpoints: readonly string[]) =>
  endpoints[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % endpoints.length] as string;
type Holder = { [KEY]?: Shared };

/**
 * The run's DynamoDB Locals, and how to let go of them (the last user's release stops them). Their ports are
 * known at once and the JVMs start in the background: vitest holds every file, the unit tier's included, until
 * every global setup has returned, and four JVMs starting on two cores took most of the run's first ten seconds.
 * A worker waits for its own (untilAnswering) before it makes a table.
 */
export async function shareDynamoDbLocal(): Promise<{ endpoints: string[]; release: () => Promise<void> }> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
    const started = Promise.allSettled(ports.map((port) => startDynamoDbLocal({ port })));
    // A JVM that cannot start says why here, in the run's output; the workers waiting on it then give up.
    void started.then((all) => {
      for (const r of all) if (r.status === 'rejected') console.error(`DynamoDB Local did not start: ${String(r.reason)}`);
    });
    holder[KEY] = { endpoints: ports.map((port) => `http://127.0.0.1:${port}`), started, users: 0 };
  }
  const shared = holder[KEY];
  shared.users += 1;
  return {
    endpoints: shared.endpoints,
    release: async () => {
      shared.users -= 1;
      if (shared.users > 0) return;
      holder[KEY] = undefined;
      const all = await shared.started;
      await Promise.all(all.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    },
  };
}

/** Resolves once the DynamoDB Local at `endpoint` answers (its JVM started by shareDynamoDbLocal, in the background). */
export async function untilAnswering(endpoint: string, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    await answering(client, {
      deadline: Date.now() + timeoutMs,
      failure: (cause) =>
        new Error(
          `DynamoDB Local at ${endpoint} did not answer within ${timeoutMs / 1000} s (the run's output says why it did not start)`,
          {
            cause,
          },
        ),
    });
  } finally {
    client.destroy();
  }
}
