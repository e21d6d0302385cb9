import { InvalidInput } from '../domain/errors';
import { say } from '../messages/message';
import type { Page, PageRequest } from './ports';

/**
 * Every page of a paged listing, for lists known to be small (a unit roster,
 * one item's reports). With `stopAfter`, reading stops at the first page that
 * brings the count past it, so a caller that refuses more than that many
 * never reads the whole of a larger list.
 */
export async function allPages<T>(fetch: (page: PageRequest) => Promise<Page<T>>, limit = 100, stopAfter = Infinity): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch({ limit, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor && all.length <= stopAfter);
  return all;
}

/**
 * A page of a list held whole in memory, for a view that renumbers what it shows. The cursor
 * is opaque, tied to `query` and says only how many rows of that view came before.
 */
export function pageOfList<T>(all: readonly T[], query: string, page: PageRequest): Page<T> {
  const start = page.cursor === undefined ? 0 : offsetOf(query, page.cursor, all.length);
  const end = start + page.limit;
  return {
    items: all.slice(start, end),
    ...(end < all.length ? { cursor: Buffer.from(JSON.stringify({ q: query, after: end })).toString('base64url') } : {}),
  };
}

function offsetOf(query: string, cursor: string, length: number): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInput(say('request.bad-cursor'), [{ path: 'cursor', message: say('request.bad-cursor-detail') }]);
  }
  const { q, after } = (parsed ?? {}) as { q?: unknown; after?: unknown };
  if (q !== query || typeof after !== 'number' || !Number.isSafeInteger(after) || after < 1 || after > length) {
    throw new InvalidInput(say('request.foreign-cursor'), [{ path: 'cursor', message: say('request.foreign-cursor-detail') }]);
  }
  return after;
}
