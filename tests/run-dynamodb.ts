/**
 * The one DynamoDB Local (Java, in memory) of a test run, shared by the projects that need one
 * (integration, integration-alone, browser): their global setups all run in vitest's main process, so the
 * first to ask starts it and the last to finish stops it. One JVM to start and warm up instead of three;
 * every test file still works on a table of its own.
 */
import { type DynamoDbLocal, startDynamoDbLocal } from '../scripts/local/dynamodb';
import { freePort } from '../scripts/local/ports';

const KEY = Symbol.for('ducha.tests.sharedDynamoDb');
type Shared = { started: Promise<DynamoDbLocal>; users: number };
type Holder = { [KEY]?: Shared };

/** The run's DynamoDB Local, and how to let go of it (the last user's release stops it). */
export async function shareDynamoDbLocal(): Promise<{ endpoint: string; release: () => Promise<void> }> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) holder[KEY] = { started: freePort().then((port) => startDynamoDbLocal({ port })), users: 0 };
  const shared = holder[KEY];
  shared.users += 1;
  const dynamodb = await shared.started;
  return {
    endpoint: dynamodb.endpoint,
    release: async () => {
      shared.users -= 1;
      if (shared.users > 0) return;
      holder[KEY] = undefined;
      await dynamodb.stop();
    },
  };
}
