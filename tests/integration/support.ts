import { type AttributeValue, type DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
/**
 * Helpers for integration tests against the file's own local system (setup-env.ts): its API, its SES
 * emulator, its table. Files run side by side, each on its own, so a file may count what its table and its
 * emulator hold; within a file, tests still give their records ids of their own (a random tag).
 */
import { inject } from 'vitest';
import { issueToken, type Role } from '../../scripts/local/tokens';
import { assertAnswersContract } from './contract-check';
import { fileSystem } from './file-system';

export interface ApiResponse {
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  text: string;
}

export interface ApiOptions {
  token?: string;
  /** Sent as JSON with Content-Type: application/json. */
  body?: unknown;
  /** Sent as is; set the content-type in `headers` yourself. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export const apiUrl = () => fileSystem().apiUrl;

/** One request to the run's local API; throws if the answer is not one the contract documents (contract-check.ts). */
export async function api(method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  let body: string | Uint8Array | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  Object.assign(headers, options.headers);
  const res = await fetch(`${apiUrl()}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const answer = { status: res.status, headers: Object.fromEntries(res.headers), json, text };
  assertAnswersContract(method, path, answer);
  return answer;
}

/** Registers a unit whose one contact is its head, head@<id>.example.gov.cn; throws unless the office's request answers 201. */
export async function registerUnitWithHead(
  officeToken: string,
  unit: { id: string; name: string; kind: 'county' | 'department' | 'agency' },
): Promise<void> {
  const res = await api('POST', '/units', {
    token: officeToken,
    body: { ...unit, contacts: [{ name: '王五', email: `head@${unit.id}.example.gov.cn`, role: 'head' }] },
  });
  if (res.status !== 201) throw new Error(`registering unit ${unit.id} answered ${res.status}: ${res.text}`);
}

/** A bearer token the run's local API accepts. */
export function tokenFor(
  role: Role,
  unitId?: string,
  options: { sub?: string; expiresIn?: string | number; leaderId?: string; officeId?: string } = {},
): Promise<string> {
  return issueToken({ role, unitId, secret: inject('jwtSecret'), ...options });
}

export interface SentMail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  /** Epoch seconds. */
  at: number;
}

/**
 * Every email the SES emulator received (since the epoch second given), once the table's stream has followed
 * everything written so far: mail goes out after the commit, from the stream (functions/stream/ledger-stream.ts).
 */
export async function sentMail(sinceEpochSeconds?: number): Promise<SentMail[]> {
  await fileSystem().settle();
  const query = sinceEpochSeconds === undefined ? '' : `?since=${Math.floor(sinceEpochSeconds)}`;
  const res = await fetch(`${fileSystem().sesUrl}/store${query}`);
  if (!res.ok) throw new Error(`SES emulator /store answered ${res.status}`);
  return ((await res.json()) as { emails: SentMail[] }).emails;
}

/** The emails addressed (to, cc or bcc) to one recipient. */
export async function mailTo(address: string, sinceEpochSeconds?: number): Promise<SentMail[]> {
  const wanted = address.toLowerCase();
  return (await sentMail(sinceEpochSeconds)).filter((mail) =>
    [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc].some((to) => to.toLowerCase().includes(wanted)),
  );
}

/** Empties the file's emulator store: mail of earlier tests in the file is gone. */
export async function clearMail(): Promise<void> {
  const res = await fetch(`${fileSystem().sesUrl}/clear-store`, { method: 'POST' });
  if (!res.ok) throw new Error(`SES emulator /clear-store answered ${res.status}`);
}

export const nowEpochSeconds = () => Math.floor(Date.now() / 1000);

/** Every record of a table, in key order, read consistently (what a test compares before and after). */
export async function everyRecord(client: DynamoDBClient, tableName: string): Promise<Record<string, AttributeValue>[]> {
  const rows: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out: ScanCommandOutput = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    rows.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  const key = (r: Record<string, AttributeValue>) => `${r.PK?.S}\u0000${r.SK?.S}`;
  return rows.sort((a, b) => key(a).localeCompare(key(b)));
}

/** One request that must succeed (any 2xx): its JSON answer, or a failure naming the request and what it answered. */
export async function succeed(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<Record<string, any>> {
  const res = await api(method, path, { token, body, headers });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
  return res.json as Record<string, any>;
}
