import { describe, expect, it } from 'vitest';
import { itemsQueryPlan, matches, SEARCH_READ_LIMIT } from '../../functions/adapters/dynamodb/item-query';
import type { Item } from '../../functions/domain/items';
import { matchesWords, searchWords } from '../../functions/domain/search';
import { ItemListQuery, LedgerExportQuery } from '../../functions/http/schemas';

const item = {
  title: '完成汉阴县城区供水管网改造',
  sourceRef: '2026年《政府工作报告》',
  description: '推进 PPP 项目，落实G210国道沿线配套',
};
const finds = (q: string) => matchesWords(item, searchWords(q));

describe('text search of the ledger', () => {
  it('finds Chinese substrings in the title, the source reference and the description', () => {
    expect(finds('供水')).toBe(true);
    expect(finds('政府工作报告')).toBe(true);
    expect(finds('配套')).toBe(true);
    expect(finds('排水')).toBe(false);
  });

  it('matches Latin letters in any case, and full-width forms as half-width', () => {
    expect(finds('ppp')).toBe(true);
    expect(finds('g210')).toBe(true);
    expect(finds('Ｇ２１０')).toBe(true);
    expect(finds('G211')).toBe(false);
  });

  it('wants every word, wherever each is', () => {
    expect(finds('供水 2026')).toBe(true);
    expect(finds('供水　配套')).toBe(true); // an ideographic space separates words too
    expect(finds('供水 排水')).toBe(false);
  });

  it('never matches across two fields', () => {
    // The title ends with 改造 and the source reference begins with 2026: 改造2026 is in neither.
    expect(finds('改造2026')).toBe(false);
  });

  it('treats an empty query as no filter', () => {
    expect(searchWords('   ')).toEqual([]);
    expect(finds('')).toBe(true);
  });
});

describe('q with the other filters of GET /items', () => {
  const full = {
    ...item,
    id: 'i1',
    status: 'in-progress',
    source: 'work-report',
    dueDate: '2026-12-31',
    leadUnit: 'hanyin-county',
    coUnits: [],
    milestones: [],
    acknowledgements: [],
    progressByUnit: {},
  } as unknown as Item;

  it('is one more condition of the filter', () => {
    expect(matches(full, { q: '供水', status: 'in-progress' }, '2026-11-26')).toBe(true);
    expect(matches(full, { q: '供水', status: 'closed' }, '2026-11-26')).toBe(false);
    expect(matches(full, { q: '排水', status: 'in-progress' }, '2026-11-26')).toBe(false);
  });

  it('is left to the whole item when the open-items index row lacks the fields it reads', () => {
    const plan = itemsQueryPlan({ q: '供水', status: 'in-progress' }, '2026-11-26', 20);
    expect(plan).toMatchObject({ indexName: 'Due', rows: 'filterable' });
    expect(plan.rowFilter).toEqual({ status: 'in-progress', q: undefined });
    // A Due row has the title but neither sourceRef nor description: it must not be dropped for q.
    const row = { ...full, sourceRef: undefined, description: undefined } as unknown as Item;
    expect(matches(row, plan.rowFilter, '2026-11-26')).toBe(true);
  });

  it('reads a page at a time without q, and with it ever larger steps, up to a limit', () => {
    const steps = (plan: ReturnType<typeof itemsQueryPlan>) => [0, 1, 2, 3, 4, 5].map((step) => plan.readLimit(step));
    expect(steps(itemsQueryPlan({}, '2026-11-26', 20))).toEqual([25, 25, 25, 25, 25, 25]);
    expect(steps(itemsQueryPlan({}, '2026-11-26', 100))).toEqual([100, 100, 100, 100, 100, 100]);
    expect(steps(itemsQueryPlan({ q: 'x' }, '2026-11-26', 50))).toEqual([
      100,
      200,
      400,
      SEARCH_READ_LIMIT,
      SEARCH_READ_LIMIT,
      SEARCH_READ_LIMIT,
    ]);
  });
});

describe('the q parameter', () => {
  it('is trimmed, and an empty one is no filter', () => {
    expect(ItemListQuery.parse({ q: '  供水 ' })).toMatchObject({ q: '供水' });
    expect(ItemListQuery.parse({ q: '  ' }).q).toBeUndefined();
    expect(LedgerExportQuery.parse({ q: '供水' })).toEqual({ q: '供水' });
  });

  it('refuses what a query string that was not UTF-8 decodes to, control characters, and over 100 characters', () => {
    expect(ItemListQuery.safeParse({ q: '供\uFFFD' }).success).toBe(false);
    expect(ItemListQuery.safeParse({ q: 'a\u0000b' }).success).toBe(false);
    expect(ItemListQuery.safeParse({ q: '长'.repeat(101) }).success).toBe(false);
  });
});
