import { createHash } from 'node:crypto';
import { say } from '../messages/message';
import { RuleViolation } from '../domain/errors';
import { IdempotencyRace, type IdempotencyRecord, type IdempotencyStore, type IdempotencyWrite } from './ports';

/** How long an Idempotency-Key is remembered: a day covers any client's retries. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyRequest {
  /** The caller's key, scoped to who sent it and to which operation. */
  scope: string;
  /** A digest of the request, to catch one key reused for a different request. */
  fingerprint: string;
}

export function idempotencyRequest(
  key: string | undefined,
  who: string,
  operation: string,
  input: unknown,
): IdempotencyRequest | undefined {
  if (key === undefined) return undefined;
  return {
    scope: `${who}|${operation}|${key}`,
    fingerprint: createHash('sha256').update(JSON.stringify(input)).digest('base64url'),
  };
}

/**
 * Runs a creation at most once per Idempotency-Key: a retry gets the first
 * answer back and writes nothing. The creation stores its answer in the same
 * transaction as the thing it creates (via `remember`), so there is no window
 * in which one exists without the other. `known`: the earlier answer, when the
 * caller read it already along with what the creation needs (one round trip).
 */
export async function once<T>(
  store: IdempotencyStore,
  request: IdempotencyRequest | undefined,
  now: Date,
  create: (remember?: (result: T) => IdempotencyWrite) => Promise<T>,
  known?: IdempotencyRecord | null,
): Promise<{ result: T; replayed: boolean }> {
  if (!request) return { result: await create(), replayed: false };
  const earlier = known !== undefined ? known : await store.find(request.scope, now);
  if (earlier) return replay<T>(earlier, request);
  const remember = (result: T): IdempotencyWrite => ({
    scope: request.scope,
    fingerprint: request.fingerprint,
    result,
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS),
  });
  try {
    return { result: await create(remember), replayed: false };
  } catch (error) {
    if (!(error instanceof IdempotencyRace)) throw error;
    const winner = await store.find(request.scope, now);
    if (!winner) throw error;
    return replay<T>(winner, request);
  }
}

function replay<T>(earlier: { fingerprint: string; result: unknown }, request: IdempotencyRequest) {
  if (earlier.fingerprint !== request.fingerprint) {
    throw new RuleViolation('idempotency-key-reused', say('rule.idempotency-key-reused'));
  }
  return { result: earlier.result as T, replayed: true };
}
