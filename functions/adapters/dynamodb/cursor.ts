import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { say } from '../../messages/message';
import { InvalidInput } from '../../domain/errors';

/**
 * Opaque page cursors: the DynamoDB key to resume from, tagged with the
 * query it belongs to, base64url-encoded. A cursor is checked on the way
 * back in, so a forged or foreign one is a 400, not a DynamoDB error.
 */
interface CursorShape {
  q: string;
  k: Record<string, string>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** `{ q, k }` with each key's value 1–1,024 characters; checked by hand, which keeps zod out of the jobs' bundles. */
function isCursorShape(value: unknown): value is CursorShape {
  return (
    isPlainObject(value) &&
    typeof value.q === 'string' &&
    isPlainObject(value.k) &&
    Object.values(value.k).every((v) => typeof v === 'string' && v.length >= 1 && v.length <= 1024)
  );
}

/**
 * What each key of a cursor may hold for the query it resumes: its partition
 * and the range of its sort key. DynamoDB refuses a start key outside them
 * (or an empty one) with a ValidationException, which would be a 500.
 */
export type CursorBounds = Readonly<Record<string, (value: string) => boolean>>;

export function encodeCursor(query: string, key: Record<string, AttributeValue> | undefined): string | undefined {
  if (!key) return undefined;
  const k: Record<string, string> = {};
  for (const [name, value] of Object.entries(key)) {
    if (value.S !== undefined) k[name] = value.S;
  }
  return Buffer.from(JSON.stringify({ q: query, k })).toString('base64url');
}

export function decodeCursor(
  query: string,
  cursor: string | undefined,
  keyNames: readonly string[],
  bounds: CursorBounds = {},
): Record<string, AttributeValue> | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!isCursorShape(parsed)) {
    throw new InvalidInput(say('request.bad-cursor'), [{ path: 'cursor', message: say('request.bad-cursor-detail') }]);
  }
  const names = Object.keys(parsed.k).sort();
  const within = Object.entries(bounds).every(([name, holds]) => parsed.k[name] !== undefined && holds(parsed.k[name]));
  if (parsed.q !== query || names.join() !== [...keyNames].sort().join() || !within) {
    throw new InvalidInput(say('request.foreign-cursor'), [{ path: 'cursor', message: say('request.foreign-cursor-detail') }]);
  }
  return Object.fromEntries(names.map((n) => [n, { S: parsed.k[n] as string }]));
}
