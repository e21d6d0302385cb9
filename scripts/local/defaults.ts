/**
 * The local system's defaults (docs/design.md, "Two places, one code"), read once so
 * that `npm start`, `npm run token` and `npm run job` agree on ports, data
 * folder and the environment the handlers are pointed at.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV } from '../../functions/config';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The ledger table's name on DynamoDB Local. */
export const LOCAL_TABLE_NAME = 'ducha-ledger';
export const DEFAULT_MAIL_SENDER = 'ducha@example.gov.cn';
/** Any region works against local endpoints; us-east-1 avoids partition surprises. */
export const LOCAL_REGION = 'us-east-1';

export interface LocalSettings {
  port: number;
  dynamodbPort: number;
  sesPort: number;
  /** The S3-compatible server of attachments (s3rver). */
  s3Port: number;
  /** Absolute path of the data folder (DynamoDB files, the local JWT secret). */
  dataDir: string;
  host: string;
  /** CONSOLE_URL as given: links in mail then lead there instead of to the console this system serves. */
  consoleUrl?: string;
}

/** The env var that sets each port, for error messages. */
export const PORT_ENV = { port: 'PORT', dynamodbPort: 'DYNAMODB_PORT', sesPort: 'SES_PORT', s3Port: 'S3_PORT' } as const;

export function readPort(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a port number (1-65535)`);
  }
  return port;
}

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  return {
    port: readPort(PORT_ENV.port, 3000, env),
    dynamodbPort: readPort(PORT_ENV.dynamodbPort, 4567, env),
    sesPort: readPort(PORT_ENV.sesPort, 8005, env),
    s3Port: readPort(PORT_ENV.s3Port, 4569, env),
    // Relative DATA_DIR is read from the project root (npm runs scripts there anyway).
    dataDir: resolve(projectRoot, env.DATA_DIR || '.data'),
    host: env.HOST || '127.0.0.1',
    consoleUrl: env[ENV.consoleUrl] || undefined,
  };
}

/** The address a person opens for a server bound to `host`: loopback and "every interface" read as localhost. */
export function localBaseUrl(host: string, port: number): string {
  const name = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Where links in mail lead: CONSOLE_URL where given, else the console the local API serves on the port it serves. */
export function localConsoleUrl(host: string, port: number, given?: string): string {
  return given || `${localBaseUrl(host, port)}/console/`;
}

/**
 * The environment that points the handlers' default AWS SDK clients at the
 * local services. Dummy credentials: nothing local checks them, and real
 * ones must never be sent to a local endpoint.
 */
export function localAwsEnv(options: {
  dynamodbEndpoint: string;
  sesUrl: string;
  /** The local S3 server and its bucket of attachments. */
  s3?: { url: string; bucket: string };
  tableName?: string;
  mailSender?: string;
  /** Where links in mail lead (CONSOLE_URL); without it the handlers' default, port 3000. */
  consoleUrl?: string;
}): Record<string, string> {
  return {
    [ENV.tableName]: options.tableName ?? LOCAL_TABLE_NAME,
    [ENV.mailSender]: options.mailSender ?? DEFAULT_MAIL_SENDER,
    ...(options.consoleUrl ? { [ENV.consoleUrl]: options.consoleUrl } : {}),
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SES: options.sesUrl,
    AWS_ENDPOINT_URL_SESV2: options.sesUrl,
    ...(options.s3 ? { AWS_ENDPOINT_URL_S3: options.s3.url, [ENV.attachmentsBucket]: options.s3.bucket } : {}),
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // EMF metrics are log lines for CloudWatch: on one machine they would only crowd the output (and npm run job's summary).
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
}

/** Sets the local AWS env on this process (before any handler module is imported). */
export function applyLocalAwsEnv(env: Record<string, string>): void {
  Object.assign(process.env, env);
  // A session token or profile from the developer's shell would be mixed with the dummy keys.
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}
