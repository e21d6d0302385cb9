import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { addDays, type CalendarDate } from '../../domain/calendar';
import { isOpen, type Item } from '../../domain/items';
import { lightOf } from '../../domain/light';
import { matchesWords, searchWords } from '../../domain/search';
import type { ItemFilter } from '../../use-cases/ports';
import type { CursorBounds } from './cursor';
import { endOfDate, LEDGER, OPEN_ITEMS, scoped, unitItems } from './keys';
import { ledgerIndexes, type LedgerIndexName } from './ledger-table';

const { Due, ByUnit } = ledgerIndexes;
/** The most rows one Query of a text search asks for: about half of DynamoDB's 1 MB page of whole items. */
export const SEARCH_READ_LIMIT = 500;

export interface ItemsQueryPlan {
  empty: boolean;
  /** Identifies the partition read, so a cursor cannot be replayed against another. */
  id: string;
  indexName: Extract<LedgerIndexName, 'Due' | 'ByUnit'>;
  keyNames: string[];
  /** The partition and sort-key range a cursor's key must lie in (cursor.ts). */
  cursorBounds: CursorBounds;
  keyCondition: string;
  values: Record<string, AttributeValue>;
  /** What the index rows hold: whole items (LEDGER), the fields filters need (Due), or only an item id (a unit's memberships). */
  rows: 'items' | 'filterable' | 'ids';
  /** What of the filter a `filterable` row can answer: Due rows lack the source reference and description a text search reads. */
  rowFilter: ItemFilter;
  /**
   * Rows for the n-th Query (from 0) of one page: a page's worth, or for a
   * text search, which may keep few of the rows it reads, twice as many each
   * time up to SEARCH_READ_LIMIT (a common word fills its page at once, a
   * rare one takes few round trips).
   */
  readLimit: (step: number) => number;
  itemIdOf: (row: Record<string, AttributeValue>) => string;
}

/**
 * Chooses the index for a filter, so that no listing scans the ledger:
 * - a unit's items: its membership rows in ByUnit, ranged by due date;
 * - red and yellow lights, and open statuses: the sparse Due index of open
 *   items, ranged by due date (red is everything due before today);
 * - otherwise the whole ledger by due date (ByUnit, LEDGER).
 * The due-date range is narrowed in the key condition; the rest of the
 * filter is applied to the rows read.
 */
export function itemsQueryPlan(filter: ItemFilter, today: CalendarDate, pageLimit = 50): ItemsQueryPlan {
  // Due dates are ranged inclusively: [from, to].
  let from = filter.dueAfter !== undefined ? addDays(filter.dueAfter, 1) : undefined;
  let to = filter.dueBefore !== undefined ? addDays(filter.dueBefore, -1) : undefined;
  const openOnly = filter.light === 'red' || filter.light === 'yellow' || (filter.status !== undefined && isOpen(filter.status));
  if (filter.unit === undefined && openOnly) {
    if (filter.light === 'red') to = min(to, addDays(today, -1));
    // Yellow is due within a few days, or later with a periodic report overdue: both from today on.
    if (filter.light === 'yellow') from = max(from, today);
  }
  const empty = from !== undefined && to !== undefined && from > to;

  const [index, partition] =
    filter.unit !== undefined ? [ByUnit, unitItems(filter.unit)] : openOnly ? [Due, scoped(OPEN_ITEMS)] : [ByUnit, scoped(LEDGER)];
  const { indexName, partitionKey: pkName, sortKey: skName } = index;

  const values: Record<string, AttributeValue> = { ':pk': { S: partition } };
  let keyCondition = `${pkName} = :pk`;
  if (from !== undefined && to !== undefined) {
    keyCondition += ` AND ${skName} BETWEEN :from AND :to`;
    values[':from'] = { S: from };
    values[':to'] = { S: endOfDate(to) };
  } else if (from !== undefined) {
    keyCondition += ` AND ${skName} >= :from`;
    values[':from'] = { S: from };
  } else if (to !== undefined) {
    keyCondition += ` AND ${skName} <= :to`;
    values[':to'] = { S: endOfDate(to) };
  }

  return {
    empty,
    id: `${indexName}|${partition}`,
    indexName,
    keyNames: ['PK', 'SK', pkName, skName],
    cursorBounds: {
      [pkName]: (value) => value === partition,
      [skName]: (value) => (from === undefined || value >= from) && (to === undefined || value <= endOfDate(to)),
    },
    keyCondition,
    values,
    rows: index === Due ? 'filterable' : partition === scoped(LEDGER) ? 'items' : 'ids',
    // Due rows lack the leader in charge and the report's findings too: those parts are judged on the whole item.
    rowFilter: { ...filter, q: undefined, leader: undefined, findings: undefined },
    readLimit: (step) => {
      const page = Math.max(pageLimit, 25);
      return filter.q === undefined ? page : Math.min(SEARCH_READ_LIMIT, page * 2 ** (step + 1));
    },
    itemIdOf: (row) => (row.itemId?.S ?? row.id?.S ?? '') as string,
  };
}

/** The whole filter, applied to an item read through the plan's index. */
export function matches(item: Item, filter: ItemFilter, today: CalendarDate): boolean {
  if (filter.status !== undefined && item.status !== filter.status) return false;
  if (filter.source !== undefined && item.source !== filter.source) return false;
  if (filter.leader !== undefined && item.leaderInCharge !== filter.leader) return false;
  if (filter.dueBefore !== undefined && !(item.dueDate < filter.dueBefore)) return false;
  if (filter.dueAfter !== undefined && !(item.dueDate > filter.dueAfter)) return false;
  if (filter.light !== undefined && lightOf(item, today) !== filter.light) return false;
  if (filter.findings && !item.reportFindings?.length) return false;
  if (filter.q !== undefined && !matchesWords(item, searchWords(filter.q))) return false;
  return true;
}

const min = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);
const max = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);
