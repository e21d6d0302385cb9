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
import { type DynamoDbLocal, startDynamoDbLocal } from '../scripts/local/dynamodb';
import { freePort } from '../scripts/local/ports';

const KEY = Symbol.for('ducha.tests.sharedDynamoDb');
type Shared = { started: Promise<DynamoDbLocal[]>; users: number };

/** How many DynamoDB Locals a run starts: one a worker, as many as vitest.config.mts runs (TEST_WORKERS). */
const INSTANCES = Math.max(1, Number(process.env.TEST_DYNAMODB ?? process.env.TEST_WORKERS ?? 2 * availableParallelism()));

/** The DynamoDB Local this worker uses, of the run's (vitest numbers its workers from 1: VITEST_POOL_ID). */
export const workerEndpoint = (endpoints: readonly string[]) =>
  endpoints[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % endpoints.length] as string;
type Holder = { [KEY]?: Shared };

/** The run's DynamoDB Locals, and how to let go of them (the last user's release stops them). */
export async function shareDynamoDbLocal(): Promise<{ endpoints: string[]; release: () => Promise<void> }> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const started = Promise.all(Array.from({ length: INSTANCES }, () => freePort().then((port) => startDynamoDbLocal({ port }))));
    holder[KEY] = { started, users: 0 };
  }
  const shared = holder[KEY];
  shared.users += 1;
  const instances = await shared.started;
  return {
    endpoints: instances.map((i) => i.endpoint),
    release: async () => {
      shared.users -= 1;
      if (shared.users > 0) return;
      holder[KEY] = undefined;
      await Promise.all(instances.map((i) => i.stop()));
    },
  };
}
