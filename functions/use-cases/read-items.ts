import { assertCanRead, seesReferrals } from '../domain/access';
import { shanghaiDate } from '../domain/calendar';
import type { Caller } from '../domain/caller';
import { say } from '../messages/message';
import { Forbidden } from '../domain/errors';
import { type HistoryEvent, withoutReferrals } from '../domain/history';
import type { Item } from '../domain/items';
import { allPages, pageOfList } from './pages';
import type { Clock, ItemFilter, ItemRepository, Page, PageRequest } from './ports';

/** One item, if the caller may see it (rule 6: a unit only its own). */
export async function getItem(items: ItemRepository, caller: Caller, id: string): Promise<Item> {
  return assertCanRead(caller, await items.get(id), id);
}

/**
 * The item's history, oldest first; the same visibility as the item. Who may not read referrals
 * (units, inspectors) gets the history without them, numbered consecutively as their own view:
 * read whole (an item's history is tens to hundreds of events) so neither `seq`, a short page nor
 * the cursor shows where a referral was.
 */
export async function itemHistory(items: ItemRepository, caller: Caller, id: string, page: PageRequest): Promise<Page<HistoryEvent>> {
  assertCanRead(caller, await items.get(id), id);
  if (seesReferrals(caller)) return items.history(id, page);
  const events = withoutReferrals(await allPages((p) => items.history(id, p)));
  return pageOfList(events, `history-without-referrals|${id}`, page);
}

/**
 * The ledger, filtered. A unit's list is always confined to its own items;
 * asking for another unit's is refused rather than silently narrowed.
 */
export async function listItems(
  deps: { items: ItemRepository; clock: Clock },
  caller: Caller,
  filter: ItemFilter,
  page: PageRequest,
): Promise<Page<Item>> {
  let effective = { ...filter, ...(filter.leader !== undefined ? { leader: leaderOf(caller, filter.leader) } : {}) };
  if (caller.role === 'unit') {
    if (filter.unit !== undefined && filter.unit !== caller.unitId) {
      throw new Forbidden(say('auth.own-items-only'));
    }
    effective = { ...filter, unit: caller.unitId };
  }
  return deps.items.list(effective, shanghaiDate(deps.clock.now()), page);
}

/**
 * `leader=me` is the calling leader's own leaderId; any other value names a leader. A caller without one is
 * refused as a caller (403 naming query.leader), not as a malformed request: `me` is well-formed for every
 * caller, the portfolio is what only a leader with a leaderId has.
 */
export function leaderOf(caller: Caller, leader: string): string {
  if (leader !== 'me') return leader;
  if (caller.leaderId === undefined) {
    throw new Forbidden(say('rule.leader-me-without-id'), [{ path: 'query.leader', message: say('rule.leader-me-without-id') }]);
  }
  return caller.leaderId;
}

/** Reports on an item, newest first; the same visibility as the item. */
export async function itemReports(items: ItemRepository, caller: Caller, id: string, page: PageRequest) {
  assertCanRead(caller, await items.get(id), id);
  return items.reports(id, page);
}
