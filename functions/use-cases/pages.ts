import type { Page, PageRequest } from './ports';

/** Every page of a paged listing, for lists known to be small (a unit roster, one item's reports). */
export async function allPages<T>(fetch: (page: PageRequest) => Promise<Page<T>>, limit = 100): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch({ limit, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}
