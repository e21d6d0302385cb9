import { createHash } from 'node:crypto';

/**
 * The tamper-evident ledger: every item's history is a hash chain and a daily seal chains a Merkle root
 * over the chain heads that moved since the seal before it. Pure functions; the chainer that writes the
 * hashes (adapters/dynamodb/ledger-chain.ts) and both verifiers use exactly these.
 */

/** The previous hash of the first event of every chain and of the first seal. */
export const GENESIS = '0'.repeat(64);

export const sha256Hex = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as Array#sort), no whitespace, `undefined`
 * members left out (DynamoDB does not store them either), strings as JSON.stringify escapes them.
 * No floats: a number is written as the exact decimal literal of its shortest round-trip digits, never
 * in exponent form (1e-7 → 0.0000001, 12.5 → 12.5, -0 → 0), so the text hashed is the same in any
 * language and does not depend on a float printer. NaN, Infinity and anything that is not JSON throw.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return decimalLiteral(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

/** The plain decimal form of a finite number: String(n)'s digits with any exponent written out. */
export function decimalLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`canonicalJson: ${n} is not a finite number`);
  if (Object.is(n, -0)) return '0';
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const plain =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + plain;
}

/**
 * The digest of a record written once beside an event (a report): SHA-256 of its canonical JSON. The event
 * carries it, so the event's hash covers the record's content too, and verification recomputes it.
 */
export const recordDigest = (record: object): string => sha256Hex(canonicalJson(record));

/** hash = SHA-256(canonical JSON of the value + the previous hash), lower-case hex. */
export const chainHash = (value: unknown, prevHash: string): string => sha256Hex(canonicalJson(value) + prevHash);

/** What an event's hash covers: every stored field of the event but its own chain fields, and the item it belongs to. */
export function chainedContent(itemId: string, event: Record<string, unknown>): { itemId: string; event: Record<string, unknown> } {
  const { hash: _hash, prevHash: _prev, ...content } = event;
  return { itemId, event: content };
}

export const eventHash = (itemId: string, event: Record<string, unknown>, prevHash: string) =>
  chainHash(chainedContent(itemId, event), prevHash);

/** A chain head that a seal covers: the item, its last chained event and that event's hash. */
export interface SealLeaf {
  itemId: string;
  seq: number;
  hash: string;
}

/**
 * RFC 6962's Merkle tree hash over the leaves in the order given (callers sort by item id): a leaf is
 * SHA-256(0x00 ‖ canonical JSON of the leaf), a node SHA-256(0x01 ‖ left ‖ right) over the raw digests,
 * split at the largest power of two below the count; no leaves hash to SHA-256 of nothing.
 */
export function merkleRoot(leaves: readonly SealLeaf[]): string {
  const digest = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const tree = (from: number, to: number): Buffer => {
    const n = to - from;
    if (n === 1) return digest(Buffer.from([0]), Buffer.from(canonicalJson(leaves[from]), 'utf8'));
    let k = 1;
    while (k * 2 < n) k *= 2;
    return digest(Buffer.from([1]), tree(from, from + k), tree(from + k, to));
  };
  return leaves.length === 0 ? sha256Hex('') : tree(0, leaves.length).toString('hex');
}

/** A seal as stored: `number` counts seals from 1 in the order they were made; `hash` chains it to seal number − 1. */
export interface Seal {
  number: number;
  /** The Asia/Shanghai date of the run that made it (one seal a day at most). */
  date: string;
  sealedAt: string;
  leaves: SealLeaf[];
  root: string;
  prevHash: string;
  hash: string;
}

/** What a seal's hash covers: its number, date, root and how many heads the root is over. */
export const sealBody = (s: Pick<Seal, 'number' | 'date' | 'root' | 'leaves'>) => ({
  number: s.number,
  date: s.date,
  root: s.root,
  heads: s.leaves.length,
});

/** The seal after `previous` (or the first), over these chain heads, sorted by item id. */
export function makeSeal(previous: Pick<Seal, 'number' | 'hash'> | null, date: string, sealedAt: string, heads: readonly SealLeaf[]): Seal {
  const leaves = [...heads].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  const number = (previous?.number ?? 0) + 1;
  const prevHash = previous?.hash ?? GENESIS;
  const root = merkleRoot(leaves);
  return { number, date, sealedAt, leaves, root, prevHash, hash: chainHash(sealBody({ number, date, root, leaves }), prevHash) };
}

/** An event as read for verification: its stored fields, `hash` and `prevHash` once chained. */
export type StoredEvent = Record<string, unknown> & { seq: number; hash?: string; prevHash?: string };

/**
 * What does not match, in the stored numbering: `hash` (the event's content no longer gives its stored
 * hash: its text, data, actor or time was changed), `prevHash` (the link to the event before was
 * changed, or an event was removed or inserted), `gap` (a seq is missing), `order` (a chained event
 * after one not yet chained).
 */
export interface EventFinding {
  itemId: string;
  seq: number;
  problem: 'hash' | 'prevHash' | 'gap' | 'order' | 'record';
  expected: string;
  stored: string;
}

export interface ChainCheck {
  itemId: string;
  events: number;
  chained: number;
  /** The last chained event as recomputed from content; null before the first is chained. */
  head: { seq: number; hash: string } | null;
  findings: EventFinding[];
  /** Recomputed hash of each chained event, by seq, for checking the seals' leaves. */
  recomputed: Map<number, string>;
}

/**
 * Recomputes an item's chain from its events (in seq order). Each event is checked against the stored
 * hash of the one before, so one edited event is named alone rather than every event after it.
 * Events not chained yet (the chainer runs after the write) are counted, not findings.
 */
/** The written-once record an event names by digest, if any. */
function recordNamed(event: StoredEvent): { id: string; digest: string } | undefined {
  const data = (event as { data?: Record<string, unknown> }).data;
  return typeof data?.reportId === 'string' && typeof data.reportDigest === 'string'
    ? { id: data.reportId, digest: data.reportDigest }
    : undefined;
}

/**
 * The item's chain, event by event; with `records` (the written-once records beside the events, by id: its
 * reports), each event that names one by digest (`reportId` + `reportDigest`) is checked against the record
 * as stored: `record` when the record was changed or removed after its event was written.
 */
export function checkChain(itemId: string, events: readonly StoredEvent[], records?: ReadonlyMap<string, object>): ChainCheck {
  const findings: EventFinding[] = [];
  const recomputed = new Map<number, string>();
  let prevStored = GENESIS;
  let expectedSeq = 1;
  let chained = 0;
  let unchainedSeen = false;
  let head: ChainCheck['head'] = null;
  for (const event of events) {
    if (event.seq !== expectedSeq) {
      findings.push({ itemId, seq: expectedSeq, problem: 'gap', expected: `seq ${expectedSeq}`, stored: `seq ${event.seq}` });
    }
    expectedSeq = event.seq + 1;
    if (event.hash === undefined) {
      unchainedSeen = true;
      continue;
    }
    if (unchainedSeen) findings.push({ itemId, seq: event.seq, problem: 'order', expected: '(not chained)', stored: event.hash });
    const expected = eventHash(itemId, event, prevStored);
    if (event.prevHash !== prevStored) {
      findings.push({ itemId, seq: event.seq, problem: 'prevHash', expected: prevStored, stored: String(event.prevHash) });
    }
    if (event.hash !== expected) findings.push({ itemId, seq: event.seq, problem: 'hash', expected, stored: event.hash });
    const named = recordNamed(event);
    if (records && named) {
      const record = records.get(named.id);
      const digest = record ? recordDigest(record) : '(missing)';
      if (digest !== named.digest) findings.push({ itemId, seq: event.seq, problem: 'record', expected: named.digest, stored: digest });
    }
    recomputed.set(event.seq, expected);
    head = { seq: event.seq, hash: expected };
    prevStored = event.hash;
    chained += 1;
  }
  return { itemId, events: events.length, chained, head, findings, recomputed };
}

/**
 * What does not match in a seal: `hash` (its number, date or root was changed), `prevHash` (its link
 * to the seal before), `root` (its heads no longer give its root), `leaf` (a head it sealed no longer
 * matches the event's recomputed hash: that event was changed after it was sealed), `number` (a seal
 * missing from the sequence).
 */
export interface SealFinding {
  seal: number;
  date: string;
  problem: 'hash' | 'prevHash' | 'root' | 'leaf' | 'number';
  expected: string;
  stored: string;
  itemId?: string;
  seq?: number;
}

/** Checks the seals in number order; `eventHashOf` gives an event's recomputed hash (undefined if not read). */
export function checkSeals(seals: readonly Seal[], eventHashOf?: (itemId: string, seq: number) => string | undefined): SealFinding[] {
  const findings: SealFinding[] = [];
  let prev: Seal | null = null;
  for (const seal of seals) {
    const at = { seal: seal.number, date: seal.date };
    const expectedNumber = (prev?.number ?? 0) + 1;
    if (seal.number !== expectedNumber) {
      findings.push({ ...at, problem: 'number', expected: String(expectedNumber), stored: String(seal.number) });
    }
    const expectedPrev = prev?.hash ?? GENESIS;
    if (seal.prevHash !== expectedPrev) findings.push({ ...at, problem: 'prevHash', expected: expectedPrev, stored: seal.prevHash });
    const root = merkleRoot(seal.leaves);
    if (root !== seal.root) findings.push({ ...at, problem: 'root', expected: root, stored: seal.root });
    const hash = chainHash(sealBody(seal), seal.prevHash);
    if (hash !== seal.hash) findings.push({ ...at, problem: 'hash', expected: hash, stored: seal.hash });
    for (const leaf of seal.leaves) {
      const actual = eventHashOf?.(leaf.itemId, leaf.seq);
      if (eventHashOf && actual !== leaf.hash) {
        findings.push({
          ...at,
          problem: 'leaf',
          itemId: leaf.itemId,
          seq: leaf.seq,
          expected: actual ?? '(no such event)',
          stored: leaf.hash,
        });
      }
    }
    prev = seal;
  }
  return findings;
}

/** A seal's copy outside the table (adapters/seal-archive.ts): the seal without its heads, which its root stands for. */
export type ArchivedSeal = Omit<Seal, 'leaves'> & { heads: number };

/** What a seal's copy holds, from the seal as the table has it. */
export const archivedSeal = ({ leaves, ...seal }: Seal): ArchivedSeal => ({ ...seal, heads: leaves.length });

/**
 * Where the table's seals and their copies differ: `copy-missing` (a seal the archive has no copy of),
 * `copy-differs` (the table's seal is not what was archived: `fields` says what changed), `seal-missing` (a copy
 * of a seal the table no longer has). The copies are the witness a rewrite of the table cannot reach: a
 * history rewritten together with its hashes and the last seal checks out against itself, not against them.
 */
export interface ArchiveFinding {
  seal: number;
  date: string;
  problem: 'copy-missing' | 'copy-differs' | 'seal-missing';
  fields: string[];
}

const ARCHIVED_FIELDS = ['number', 'date', 'sealedAt', 'heads', 'root', 'prevHash', 'hash'] as const;

/** Compares each seal with its copy, by number; every copy of a number counts (a bucket may hold versions). */
export function checkArchive(seals: readonly Seal[], copies: readonly ArchivedSeal[]): ArchiveFinding[] {
  const findings: ArchiveFinding[] = [];
  const copiesOf = new Map<number, ArchivedSeal[]>();
  for (const copy of copies) copiesOf.set(copy.number, [...(copiesOf.get(copy.number) ?? []), copy]);
  for (const seal of seals) {
    const stored = archivedSeal(seal);
    const own = copiesOf.get(seal.number) ?? [];
    copiesOf.delete(seal.number);
    if (own.length === 0) {
      findings.push({ seal: seal.number, date: seal.date, problem: 'copy-missing', fields: [] });
      continue;
    }
    for (const copy of own) {
      const fields = ARCHIVED_FIELDS.filter((f) => copy[f] !== stored[f]);
      if (fields.length > 0) findings.push({ seal: seal.number, date: seal.date, problem: 'copy-differs', fields });
    }
  }
  for (const [number, own] of copiesOf) {
    for (const copy of own) findings.push({ seal: number, date: copy.date, problem: 'seal-missing', fields: [] });
  }
  return findings.sort((a, b) => a.seal - b.seal);
}
