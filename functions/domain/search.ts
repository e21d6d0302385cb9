import type { Item } from './items';

/**
 * Text search of the ledger (督查台账): the words of a query, and whether an
 * item holds them all in its title, source reference or description. Chinese
 * is matched as substrings (no word breaks to find); Latin letters in any
 * case; full-width and half-width forms alike (NFKC: Ｇ２ and G2, （ and ().
 */
export function searchWords(query: string): string[] {
  return fold(query).split(/\s+/u).filter(Boolean);
}

export function matchesWords(item: Pick<Item, 'title' | 'sourceRef' | 'description'>, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  // A line break between fields: no word (split on white space) can match across two of them.
  const text = fold(`${item.title}\n${item.sourceRef}\n${item.description}`);
  return words.every((word) => text.includes(word));
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();
