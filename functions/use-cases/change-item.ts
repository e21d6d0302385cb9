import { assertCanRead } from '../domain/access';
import { itemChangeFacts } from '../domain/assessment';
import { type Caller, officeOf } from '../domain/caller';
import { say } from '../messages/message';
import { Conflict, TryAgainLater } from '../domain/errors';
import { requestDeadline } from './deadline';
import type { HistoryEvent } from '../domain/history';
import type { Item } from '../domain/items';
import { once, type IdempotencyRequest } from './idempotency';
import type { TellDeps } from './announce';
import {
  StaleItem,
  type Attachment,
  type Clock,
  type IdempotencyStore,
  type IdempotencyWrite,
  type ItemChange,
  type ItemRepository,
  type MailBatch,
} from './ports';

/** How long a change may keep trying when the request set no deadline (tests, scripts): under a 10 s function. */
export const DEFAULT_BUDGET_MS = 6_500;
/** How often a change that does not commute is tried again when DynamoDB saw only a transaction in flight. */
export const CONTENDED_TRIES = 3;

export interface ChangeItemDeps {
  items: ItemRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
  /** Waits between tries; tests may pass a faster one. */
  sleep?: (ms: number) => Promise<void>;
  /** When to stop trying (ms since the epoch); by default the request's deadline (deadline.ts). */
  deadline?: number;
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

/**
 * The change a decision makes of the item it was decided on, with every write it brings: the item, its event, the
 * records it attaches, the facts it counts for the assessment, its idempotency record and its mail. The adapter
 * writes exactly this (item-repository.ts) and the in-memory ledger keeps all of it (tests/unit/memory-ports.ts).
 */
export function changeOf(
  before: Item,
  decision: Omit<ItemDecision<unknown>, 'result'>,
  extra: { idempotency?: IdempotencyWrite; commutes?: boolean } = {},
): ItemChange {
  const reports = (decision.attachments ?? []).flatMap((a) => (a.kind === 'report' ? [a.report] : []));
  return {
    before,
    after: decision.item,
    event: decision.event,
    attachments: decision.attachments,
    facts: itemChangeFacts(decision.item, decision.event, reports),
    ...(extra.idempotency ? { idempotency: extra.idempotency } : {}),
    ...(extra.commutes ? { commutes: true } : {}),
    ...(decision.mail ? { mail: decision.mail } : {}),
  };
}

/**
 * Full jitter: a random wait up to a cap that grows with the tries, so that racing writers spread out. The
 * cap stays small (a report's write is one short transaction; the counter is free again within milliseconds).
 */
export const backoffMs = (attempt: number) => Math.random() * Math.min(200, 10 * 2 ** attempt);

/**
 * Every change to an item goes through here: read it (404 if the caller may
 * not see it), decide the change with the domain rules, and write item, event
 * and records in one transaction.
 *
 * A change that commutes with others (a report: every unit's must stand) is
 * written on the history counter alone (item-repository.ts): when another
 * change took the next seq first, it is decided again on the item the refusal
 * returned — no re-read — and tried again, for as long as the request's
 * deadline allows. Any other change is written on the version it read: a lost
 * race is a 409, never a silent overwrite.
 *
 * When the deadline passes between tries, the answer is TryAgainLater (503):
 * every try so far was refused whole by DynamoDB (a transaction is atomic),
 * so nothing was written and the same request may be sent again.
 */
export async function changeItem<R>(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  options: { commutes: boolean; idempotency?: IdempotencyRequest },
  decide: (item: Item, now: Date) => ItemDecision<R> | Promise<ItemDecision<R>>,
): Promise<{ result: R; replayed: boolean }> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = deps.deadline ?? requestDeadline() ?? Date.now() + DEFAULT_BUDGET_MS;
  return once<R>(deps.idempotency, options.idempotency, deps.clock.now(), async (remember) => {
    if (options.commutes) {
      // Decided once before joining the queue: a refusal (404, 403, 422…) answers at once, and the costly part
      // of deciding (a report's 纸面销号 comparison, memoized by the caller) is done while others write.
      await decide(assertCanRead(caller, await deps.items.get(itemId), itemId), deps.clock.now());
      return inQueue<R>(deps, itemId, { caller, deadline, decide, remember });
    }
    let firstVersion: number | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const before = assertCanRead(caller, await deps.items.get(itemId), itemId);
      firstVersion ??= before.version;
      // Decided on the version first read: if it moved, the caller must look again.
      if (before.version !== firstVersion) throw versionConflict(itemId, firstVersion);
      const decision = await decide(before, deps.clock.now());
      try {
        await deps.items.commit(changeOf(before, decision, { idempotency: remember?.(decision.result) }));
        return decision.result;
      } catch (error) {
        if (!(error instanceof StaleItem)) throw error;
        if (!error.contendedOnly) throw versionConflict(itemId, before.version);
        const wait = backoffMs(attempt);
        if (Date.now() + wait >= deadline || attempt >= CONTENDED_TRIES) throw busy(itemId);
        await sleep(wait);
      }
    }
  });
}

const busy = (itemId: string) => new TryAgainLater(say('unavailable.item-busy', { itemId }), 'item-busy');

/** A commuting change waiting to be written. */
interface Waiting {
  caller: Caller;
  deadline: number;
  decide: (item: Item, now: Date) => ItemDecision<unknown> | Promise<ItemDecision<unknown>>;
  remember?: (result: never) => IdempotencyWrite;
  resolve: (result: never) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  waiting: Waiting[];
  /** The item as this queue's last write left it: the next run starts from it rather than reading it again. */
  latest?: Item;
}

/** Changes to one item written in one transaction at most: each writes its event, record, fact and key (≤ 100 parts). */
export const MAX_RUN = 10;

/**
 * The commuting changes to one item that this process is serving wait in one queue, and one writer drains it:
 * it decides each in turn on the item the one before left (pure rules, no read) and writes up to MAX_RUN of them
 * in ONE transaction on the history counter (group commit). A process serving many requests at once (the local
 * server) would otherwise have every one race for the next seq, each lost race costing a transaction — for 50
 * reports some 1,300 — where here they cost a few. A Lambda container serves one request at a time, so in AWS
 * its queue holds one change; writers in other containers still race, and the counter's condition orders them.
 * Should another process have written since `latest`, the condition refuses the try and returns the item as it is.
 */
const queuesByRepository = new WeakMap<ItemRepository, Map<string, Queue>>();

/**
 * The queues of one repository: a change joins only a queue drained into the store it was meant for (a job's dry
 * run writes to a recording one, functions/adapters/dry-run.ts, and a real change must never be drained into it).
 */
function queuesOf(items: ItemRepository): Map<string, Queue> {
  let queues = queuesByRepository.get(items);
  if (!queues) {
    queues = new Map();
    queuesByRepository.set(items, queues);
  }
  return queues;
}

function inQueue<R>(
  deps: ChangeItemDeps,
  itemId: string,
  change: Pick<Waiting, 'caller' | 'deadline'> & {
    decide: (item: Item, now: Date) => ItemDecision<R> | Promise<ItemDecision<R>>;
    remember?: (result: R) => IdempotencyWrite;
  },
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const waiting = { ...change, resolve, reject } as unknown as Waiting;
    const queues = queuesOf(deps.items);
    // Ids are an office's own: the same id in two offices is two items. The writer drains in the office of the
    // change that made the queue (adapters/office-scope.ts), which is then every change's in it.
    const key = `${officeOf(change.caller)} ${itemId}`;
    const queue = queues.get(key);
    if (queue) {
      queue.waiting.push(waiting);
      return;
    }
    const fresh: Queue = { waiting: [waiting] };
    queues.set(key, fresh);
    void drain(deps, itemId, fresh, key);
  });
}

const without = (queue: Queue, gone: readonly Waiting[]) => {
  queue.waiting = queue.waiting.filter((w) => !gone.includes(w));
};

async function drain(deps: ChangeItemDeps, itemId: string, queue: Queue, key: string): Promise<void> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  try {
    let attempt = 0;
    let oneByOne = 0;
    while (queue.waiting.length > 0) {
      // Only between tries, with nothing in flight, may a change give up: then nothing of it was written.
      const now = Date.now();
      const late = queue.waiting.filter((w) => w.deadline <= now);
      for (const w of late) w.reject(busy(itemId));
      without(queue, late);
      const run = queue.waiting.slice(0, oneByOne > 0 || !deps.items.commitRun ? 1 : MAX_RUN);
      if (run.length === 0) break;
      const decided = await decideRun(deps, itemId, queue.latest ?? (await deps.items.get(itemId)), run);
      without(
        queue,
        run.filter((w) => !decided.some((d) => d.waiting === w)),
      );
      if (decided.length === 0) continue;
      try {
        const changes = decided.map((d) => d.change);
        await (changes.length > 1 && deps.items.commitRun ? deps.items.commitRun(changes) : deps.items.commit(changes[0]!));
        queue.latest = decided.at(-1)?.change.after;
        attempt = 0;
        oneByOne = Math.max(0, oneByOne - decided.length);
        for (const d of decided) d.waiting.resolve(d.result as never);
        without(
          queue,
          decided.map((d) => d.waiting),
        );
      } catch (error) {
        queue.latest = undefined;
        if (error instanceof StaleItem) {
          // Another process took the next seq: start again from the item as it stands, after a short wait.
          queue.latest = error.fresh;
          attempt += 1;
          await sleep(backoffMs(attempt));
        } else if (decided.length > 1) {
          // Something of one of them (its idempotency key used meanwhile, the size of the whole): each on its own.
          oneByOne = decided.length;
        } else {
          decided[0]!.waiting.reject(error);
          without(queue, [decided[0]!.waiting]);
          oneByOne = Math.max(0, oneByOne - 1);
        }
      }
    }
  } catch (error) {
    for (const w of queue.waiting) w.reject(error);
    queue.waiting = [];
  } finally {
    queuesOf(deps.items).delete(key);
  }
}

/** Each change of the run decided on the item the one before left; one whose rules refuse it is answered at once. */
async function decideRun(deps: ChangeItemDeps, itemId: string, start: Item | null, run: Waiting[]) {
  const decided: { waiting: Waiting; change: ItemChange; result: unknown }[] = [];
  let item = start;
  for (const waiting of run) {
    try {
      const before = assertCanRead(waiting.caller, item, itemId);
      const decision = await waiting.decide(before, deps.clock.now());
      decided.push({
        waiting,
        result: decision.result,
        change: changeOf(before, decision, { idempotency: waiting.remember?.(decision.result as never), commutes: true }),
      });
      item = decision.item;
    } catch (error) {
      waiting.reject(error);
    }
  }
  return decided;
}

const versionConflict = (itemId: string, version: number) => new Conflict(say('conflict.version', { itemId, version }), 'version-conflict');
