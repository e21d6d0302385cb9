/**
 * The ledger board's filters, kept in the address (so a filtered board can
 * be bookmarked or sent on) and turned into the API's query. Values the API
 * would not know (an old or hand-edited link) are dropped, not sent.
 */
import type { ItemListQuery, ItemStatus, LedgerFilters, Light, Source } from './api/types';
import { addDays } from './format';
import { lightLabels, sourceLabels, statusLabels } from './labels';

export const PAGE_SIZE = 50;

export const FILTER_NAMES = ['q', 'source', 'status', 'light', 'unit', 'leader', 'dueFrom', 'dueTo', 'findings'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNIT_ID = /^[a-z0-9][a-z0-9-]{1,47}$/;

const oneOf = <K extends string>(labels: Record<K, string>, value: string | undefined): K | undefined =>
  value !== undefined && Object.hasOwn(labels, value) ? (value as K) : undefined;

/**
 * The API's filters from the board's: due dates are picked inclusively
 * (from … to …) and the API takes them exclusively (dueAfter, dueBefore).
 */
export function ledgerFilters(params: URLSearchParams): LedgerFilters {
  const get = (name: FilterName) => params.get(name)?.trim() || undefined;
  const source = oneOf<Source>(sourceLabels, get('source'));
  const status = oneOf<ItemStatus>(statusLabels, get('status'));
  const light = oneOf<Light>(lightLabels, get('light'));
  const unit = get('unit');
  // 分管领导: a leaderId of the roster, or `me` (a leader's own portfolio).
  const leader = get('leader');
  const dueFrom = get('dueFrom');
  const dueTo = get('dueTo');
  const q = get('q');
  // The items whose latest report the notice's content rules found something in.
  const findings = get('findings') === 'true';
  return {
    ...(q ? { q } : {}),
    ...(source ? { source } : {}),
    ...(status ? { status } : {}),
    ...(light ? { light } : {}),
    ...(unit && UNIT_ID.test(unit) ? { unit } : {}),
    ...(leader && UNIT_ID.test(leader) ? { leader } : {}),
    ...(dueFrom && CALENDAR_DATE.test(dueFrom) ? { dueAfter: addDays(dueFrom, -1) } : {}),
    ...(dueTo && CALENDAR_DATE.test(dueTo) ? { dueBefore: addDays(dueTo, 1) } : {}),
    ...(findings ? { findings: 'true' as const } : {}),
  };
}

/**
 * The query of one page of the board: its filters (the text searched, `q`,
 * among them: the exports filter by it too) and the page's cursor. The board
 * and the route's prefetch (api/prefetch.ts) ask with the very same query.
 */
export function pageQuery(params: URLSearchParams, cursor?: string): ItemListQuery {
  return { ...ledgerFilters(params), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}
