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
