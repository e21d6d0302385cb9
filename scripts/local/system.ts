/**
 * The whole system on one machine: DynamoDB Local with the ledger table, the
 * SES emulator, the local API Gateway in front of the real handlers, and
 * (optionally) the local scheduler. Used by `npm start` and by the
 * integration tests' global setup.
 */
import { ENV } from '../../functions/config';
import { applyLocalAwsEnv, DEFAULT_MAIL_SENDER, LOCAL_TABLE_NAME, localAwsEnv, localBaseUrl, localConsoleUrl, PORT_ENV } from './defaults';
import { migrateLedger } from '../../functions/migrations/run';
import { ensureLedgerTable, localDynamoDbClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb';
import { startLocalApi, type LocalApi } from './http-server';
import { assertPortFree, freePort, LocalSetupError } from './ports';
import { startScheduler, type LocalScheduler } from './scheduler';
import { startLocalS3, type LocalS3 } from './s3';
import { startSesEmulator, type SesEmulator } from './ses';
import { startStreamPoller, type StreamPoller } from './stream-poller';
import { loadOrCreateJwtSecret, randomJwtSecret } from './tokens';

export interface LocalSystemOptions {
  /** API port; 0 = any free port. */
  port: number;
  /** DynamoDB Local port; 0 = any free port. */
  dynamodbPort: number;
  /**
   * A DynamoDB Local already running (a test run's one Java process): the system makes its table there and
   * leaves the process alone on stop. `dynamodbPort`, `dataDir` and `inMemory` then say nothing about DynamoDB.
   */
  dynamodbEndpoint?: string;
  /** SES emulator port; 0 = any free port. */
  sesPort: number;
  /** S3 server (attachments) port; 0 = any free port. */
  s3Port?: number;
  /** Keep DynamoDB data (and the JWT secret) here … */
  dataDir?: string;
  /** … or keep everything in memory (tests). */
  inMemory?: boolean;
  scheduler: boolean;
  /** Default: LOCAL_JWT_SECRET, else the one kept in dataDir, else (in memory) a fresh random one. */
  jwtSecret?: string;
  host?: string;
  tableName?: string;
  mailSender?: string;
  /** Where links in mail lead (CONSOLE_URL); default the console this system serves, on the port it serves. */
  consoleUrl?: string;
  /** Handler modules folder (default functions/http). */
  handlersDir?: string;
  log?: (line: string) => void;
  /** Log every request (default true). */
  logRequests?: boolean;
}

/**
 * A system beside any other on the machine, for tests and benchmarks: in
 * memory, on ports the OS picks, no scheduler. Spread it and add the rest.
 */
export const ISOLATED = {
  port: 0,
  dynamodbPort: 0,
  sesPort: 0,
  s3Port: 0,
  inMemory: true,
  scheduler: false,
} as const satisfies Partial<LocalSystemOptions>;

export interface LocalSystem {
  apiUrl: string;
  dynamodbEndpoint: string;
  sesUrl: string;
  s3Url: string;
  tableName: string;
  jwtSecret: string;
  /** The environment the handlers run with (already applied to process.env). */
  env: Record<string, string>;
  timings: { dynamodbStartMs: number; tableMs: number; totalMs: number };
  scheduler?: LocalScheduler;
  /** Waits until what was written so far has been followed from the table's stream (its mail sent, its events chained). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  if (!options.inMemory && !options.dataDir) throw new Error('startLocalSystem: give a dataDir, or inMemory: true');
  const host = options.host ?? '127.0.0.1';
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;

  // Fail fast, naming the port and the variable that moves it, before anything is started.
  const fixed = [
    { port: options.port, what: 'the API', env: PORT_ENV.port },
    { port: options.dynamodbEndpoint ? 0 : options.dynamodbPort, what: 'DynamoDB Local', env: PORT_ENV.dynamodbPort },
    { port: options.sesPort, what: 'the SES emulator', env: PORT_ENV.sesPort },
    { port: options.s3Port ?? 0, what: 'the S3 server', env: PORT_ENV.s3Port },
  ].filter((p) => p.port !== 0);
  const seen = new Map<number, string>();
  for (const p of fixed) {
    if (seen.has(p.port)) throw new LocalSetupError(`${p.env} and ${seen.get(p.port)} both ask for port ${p.port}`);
    seen.set(p.port, p.env);
  }
  await Promise.all(fixed.map((p) => assertPortFree(p.port, p.what, p.env)));

  const jwtSecret =
    options.jwtSecret ?? (options.inMemory ? process.env.LOCAL_JWT_SECRET || randomJwtSecret() : loadOrCreateJwtSecret(options.dataDir!));

  let dynamodb: DynamoDbLocal | undefined;
  let ses: SesEmulator | undefined;
  let s3: LocalS3 | undefined;
  let api: LocalApi | undefined;
  let scheduler: LocalScheduler | undefined;
  let stream: StreamPoller | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      scheduler?.stop();
      await stream?.stop();
      await Promise.allSettled([api?.close(), ses?.stop(), s3?.stop(), dynamodb?.stop()]);
    })());

  try {
    const startDynamoDb = async (): Promise<{ endpoint: string; startupMs: number }> => {
      if (options.dynamodbEndpoint) return { endpoint: options.dynamodbEndpoint, startupMs: 0 };
      const port = options.dynamodbPort || (await freePort());
      dynamodb = await startDynamoDbLocal({ port, dataDir: options.inMemory ? undefined : `${options.dataDir}/dynamodb` });
      return dynamodb;
    };
    const [db, mail, files] = await Promise.all([
      startDynamoDb(),
      startSesEmulator({ port: options.sesPort, host }).then((s) => (ses = s)),
      startLocalS3({ port: options.s3Port ?? 0, host, dataDir: options.inMemory ? undefined : options.dataDir }).then((s) => (s3 = s)),
    ]);
    const tableStarted = Date.now();
    await prepareLedgerTable(db.endpoint, tableName, log);
    const tableMs = Date.now() - tableStarted;

    // Before any handler module is imported: handlers read their env at cold start.
    const env = localAwsEnv({
      dynamodbEndpoint: db.endpoint,
      sesUrl: mail.url,
      s3: { url: files.url, bucket: files.bucket },
      tableName,
      mailSender: options.mailSender ?? (process.env.MAIL_SENDER || DEFAULT_MAIL_SENDER),
    });
    applyLocalAwsEnv(env);

    api = await startLocalApi({
      port: options.port,
      host,
      jwtSecret,
      handlersDir: options.handlersDir,
      log,
      logRequests: options.logRequests,
    });
    // Only now is the port known (0 lets the OS choose); no handler has been loaded yet to read CONSOLE_URL or
    // PUBLIC_BASE_URL. The public feed's id and links are this server's address, as its port gives it (PORT).
    const links = {
      [ENV.consoleUrl]: localConsoleUrl(host, api.port, options.consoleUrl),
      [ENV.publicBaseUrl]: localBaseUrl(host, api.port),
    };
    applyLocalAwsEnv(links);
    Object.assign(env, links);
    if (options.scheduler) scheduler = startScheduler({ log });
    // What follows each commit, as the stack's event source mapping does it: the same handler, fed from the stream.
    const { handler: followStream } = await import('../../functions/stream/ledger-stream');
    stream = startStreamPoller({
      endpoint: db.endpoint,
      // Asked each pass: a test worker gives each file a table of its own (tests/integration/setup-env.ts).
      tableName: () => process.env[ENV.tableName] || tableName,
      handler: (event) => followStream(event),
      log,
    });
    const poller = stream;

    return {
      apiUrl: api.url,
      dynamodbEndpoint: db.endpoint,
      sesUrl: mail.url,
      s3Url: files.url,
      tableName,
      jwtSecret,
      env,
      timings: { dynamodbStartMs: db.startupMs, tableMs, totalMs: Date.now() - started },
      scheduler,
      settle: (timeoutMs) => poller.settle(timeoutMs),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The start's table step: the ledger table made, or one an earlier version made brought to its one
 * definition (indexes), and its records to this version's schema (functions/migrations).
 */
export async function prepareLedgerTable(endpoint: string, tableName: string, log: (line: string) => void) {
  await ensureLedgerTable(endpoint, tableName, log);
  const client = localDynamoDbClient(endpoint);
  try {
    const run = await migrateLedger({ client, tableName, log });
    if (run.applied.length > 0) log(`Table ${tableName} at schema ${run.to} (was ${run.from}): ${run.applied.join(', ')}`);
  } finally {
    client.destroy();
  }
}
