import { assertCanRead } from '../domain/access';
import type { Caller } from '../domain/caller';
import { say } from '../messages/message';
import { Conflict } from '../domain/errors';
import type { HistoryEvent } from '../domain/history';
import type { Item } from '../domain/items';
import { once, type IdempotencyRequest } from './idempotency';
import type { TellDeps } from './announce';
import { sendAfterCommit } from './deliver-mail';
import { StaleItem, type Attachment, type Clock, type IdempotencyStore, type ItemRepository, type MailBatch } from './ports';

/** How often a change that commutes (a report) is retried after losing a race before giving up. */
export const MAX_TRIES = 10;

export interface ChangeItemDeps {
  items: ItemRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
  /** Waits between tries; tests may pass a faster one. */
  sleep?: (ms: number) => Promise<void>;
  /** Who is told of a change (announce.ts); without it the changes that tell write and send no mail. */
  tell?: TellDeps;
}

export interface ItemDecision<R> {
  item: Item;
  event: HistoryEvent;
  attachments?: Attachment[];
  /** What the caller gets back (and a retry with the same Idempotency-Key). */
  result: R;
  /** Whom the change tells (announce.ts): written with it, sent once it is committed. */
  mail?: MailBatch;
}

/** Full jitter: a random wait up to an exponentially growing cap, so that racing writers spread out. */
export const backoffMs = (attempt: number) => Math.random() * Math.min(1000, 25 * 2 ** attempt);

/**
 * Every change to an item goes through here: read it (404 if the caller may
 * not see it), decide the change with the domain rules, and write item, event
 * and records in one transaction conditioned on the version read. When
 * another writer got there first, a change that commutes with theirs (a
 * report: both must stand) is decided again on the fresh item, with jittered
 * backoff, up to MAX_TRIES; any other change is a 409, never a silent
 * overwrite.
 */
export async function changeItem<R>(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  options: { commutes: boolean; idempotency?: IdempotencyRequest },
  decide: (item: Item, now: Date) => ItemDecision<R> | Promise<ItemDecision<R>>,
): Promise<{ result: R; replayed: boolean }> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return once<R>(deps.idempotency, options.idempotency, deps.clock.now(), async (remember) => {
    for (let attempt = 1; ; attempt += 1) {
      const before = assertCanRead(caller, await deps.items.get(itemId), itemId);
      const decision = await decide(before, deps.clock.now());
      try {
        await deps.items.commit({
          before,
          after: decision.item,
          event: decision.event,
          attachments: decision.attachments,
          idempotency: remember?.(decision.result),
          mail: decision.mail,
        });
        // Committed: now the mail, whose failure cannot undo the change (it stays pending for the next job run).
        await sendAfterCommit(deps.tell?.delivery, decision.mail);
        return decision.result;
      } catch (error) {
        if (!(error instanceof StaleItem)) throw error;
        if (!options.commutes) {
          throw new Conflict(say('conflict.version', { itemId, version: before.version }), 'version-conflict');
        }
        if (attempt >= MAX_TRIES) {
          throw new Conflict(say('conflict.item-busy', { itemId }), 'item-busy');
        }
        await sleep(backoffMs(attempt));
      }
    }
  });
}
