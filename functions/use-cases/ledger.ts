import { assertCanRead, seesReferrals } from '../domain/access';
import { shanghaiDate } from '../domain/calendar';
import type { Caller } from '../domain/caller';
import { isReferralEvent } from '../domain/history';
import {
  type ArchiveFinding,
  checkArchive,
  checkChain,
  checkSeals,
  type ChainCheck,
  type EventFinding,
  makeSeal,
  type Seal,
  type SealFinding,
} from '../domain/ledger-chain';
import type { LedgerChain, SealArchive, SealCopies } from './ledger-ports';
import type { ItemRepository } from './ports';
import { say } from '../messages/message';

/** At most this many chain heads in one seal (a seal is one record, under DynamoDB's 400 KB); more wait for the next seal. */
export const MAX_SEAL_HEADS = 1500;
/** Items the daily sweep chains at once. */
const SWEEP_CONCURRENCY = 8;

export interface SealDeps {
  chain: LedgerChain;
  archive: SealArchive;
}

export interface SealRun {
  seal: Seal;
  /** False when this date's seal existed already (a re-run): it is archived again, nothing else is written. */
  made: boolean;
  /** Items whose chain the sweep moved on (the chainer after their write had not run, or not finished). */
  chained: number;
}

/**
 * The daily seal: first chain every item whose chain lags its history (the chainer after each write is
 * best-effort), then, once a date, seal the chain heads that moved since the seal before (a Merkle root,
 * chained to that seal), keep it in the ledger and put a copy in the archive. A re-run the same date
 * makes no second seal and archives the first again.
 */
export async function sealLedger(deps: SealDeps, now: Date): Promise<SealRun> {
  const lagging = await deps.chain.lagging();
  let chained = 0;
  for (let i = 0; i < lagging.length; i += SWEEP_CONCURRENCY) {
    const heads = await Promise.all(lagging.slice(i, i + SWEEP_CONCURRENCY).map((id) => deps.chain.chain(id, now)));
    chained += heads.filter(Boolean).length;
  }
  const date = shanghaiDate(now);
  const existing = await deps.chain.sealOfDate(date);
  if (existing) {
    await deps.archive.put(existing);
    return { seal: existing, made: false, chained };
  }
  const heads = await deps.chain.unsealedHeads(MAX_SEAL_HEADS);
  const seal = makeSeal(await deps.chain.latestSeal(), date, now.toISOString(), heads);
  if (!(await deps.chain.putSeal(seal))) {
    // Another run sealed the date (or took the number) meanwhile: its seal stands.
    const theirs = await deps.chain.sealOfDate(date);
    if (!theirs) throw new Error(`Seal ${seal.number} was taken by a run for another date; the next run seals ${date}`);
    await deps.archive.put(theirs);
    return { seal: theirs, made: false, chained };
  }
  await deps.chain.markSealed(seal.leaves);
  await deps.archive.put(seal);
  return { seal, made: true, chained };
}

/** An event finding as a reader of the item's history sees it: in that reader's numbering, or `seq` null for an event it may not read. */
export type VisibleFinding = Omit<EventFinding, 'seq'> & { seq: number | null };

export interface ItemVerification {
  itemId: string;
  intact: boolean;
  /** Events the reader can see, and of those, how many are chained so far (the rest are chained shortly after their write). */
  events: number;
  chained: number;
  /** The chain's last link, for those who read every event (its seq would show hidden ones to others). */
  head?: { seq: number; hash: string } | null;
  findings: VisibleFinding[];
}

/**
 * GET /items/{id}/history/verify: recomputes the item's whole chain (every event, referrals too) and says
 * which event does not match. Who may not read referrals gets its own numbering of the history back, as
 * GET …/history gives it, and a hidden event's finding without a seq.
 */
export async function verifyItemHistory(
  deps: { items: ItemRepository; chain: LedgerChain },
  caller: Caller,
  itemId: string,
): Promise<ItemVerification> {
  assertCanRead(caller, await deps.items.get(itemId), itemId);
  const [events, records] = await Promise.all([deps.chain.storedEvents(itemId), deps.chain.storedRecords(itemId)]);
  const check = checkChain(itemId, events, records);
  const intact = check.findings.length === 0;
  if (seesReferrals(caller)) {
    return { itemId, intact, events: check.events, chained: check.chained, head: check.head, findings: check.findings };
  }
  const ownSeq = new Map<number, number>();
  let chained = 0;
  for (const event of events) {
    if (isReferralEvent({ type: String(event.type) })) continue;
    ownSeq.set(event.seq, ownSeq.size + 1);
    if (event.hash !== undefined) chained += 1;
  }
  return {
    itemId,
    intact,
    events: ownSeq.size,
    chained,
    findings: check.findings.map((f) => ({ ...f, seq: ownSeq.get(f.seq) ?? null })),
  };
}

export interface LedgerVerification {
  items: number;
  events: number;
  chained: number;
  seals: number;
  eventFindings: EventFinding[];
  sealFindings: SealFinding[];
  /** The seals against their copies outside the table; absent when no archive was named. */
  archiveFindings?: ArchiveFinding[];
}

/**
 * `npm run verify-ledger`: every item's chain, then every seal against the chains' recomputed hashes, and, with
 * `copies`, every seal against its archived copy (a rewrite of events, hashes and the last seal together passes
 * the first two; the Object Lock copy is what it cannot rewrite).
 */
export async function verifyLedger(chain: LedgerChain, copies?: SealCopies): Promise<LedgerVerification> {
  // Seals first: every head a seal names was chained before it, so the events read after include it.
  const seals = await chain.seals();
  const checks = new Map<string, ChainCheck>();
  for (const itemId of await chain.itemIds())
    checks.set(itemId, checkChain(itemId, await chain.storedEvents(itemId), await chain.storedRecords(itemId)));
  const all = [...checks.values()];
  return {
    items: checks.size,
    events: all.reduce((n, c) => n + c.events, 0),
    chained: all.reduce((n, c) => n + c.chained, 0),
    seals: seals.length,
    eventFindings: all.flatMap((c) => c.findings),
    sealFindings: checkSeals(seals, (itemId, seq) => checks.get(itemId)?.recomputed.get(seq)),
    ...(copies ? { archiveFindings: checkArchive(seals, await copies.list()) } : {}),
  };
}

const EVENT_MESSAGES = {
  hash: 'ledger.event-hash',
  prevHash: 'ledger.event-prev-hash',
  gap: 'ledger.event-gap',
  order: 'ledger.event-order',
  record: 'ledger.event-record',
} as const;
const SEAL_MESSAGES = {
  hash: 'ledger.seal-hash',
  prevHash: 'ledger.seal-prev-hash',
  root: 'ledger.seal-root',
  leaf: 'ledger.seal-leaf',
  number: 'ledger.seal-number',
} as const;

/** What a finding says to a person (rendered in the reader's language at the edge). */
export const eventFindingMessage = (f: VisibleFinding) =>
  say(EVENT_MESSAGES[f.problem], { itemId: f.itemId, seq: f.seq, expected: f.expected, stored: f.stored });
export const sealFindingMessage = (f: SealFinding) => say(SEAL_MESSAGES[f.problem], f);
const ARCHIVE_MESSAGES = {
  'copy-missing': 'ledger.archive-copy-missing',
  'copy-differs': 'ledger.archive-copy-differs',
  'seal-missing': 'ledger.archive-seal-missing',
} as const;
export const archiveFindingMessage = (f: ArchiveFinding) =>
  say(ARCHIVE_MESSAGES[f.problem], { seal: f.seal, date: f.date, fields: f.fields.join(', ') });
