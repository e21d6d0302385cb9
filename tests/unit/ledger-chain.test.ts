import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  archivedSeal,
  canonicalJson,
  chainHash,
  checkArchive,
  checkChain,
  checkSeals,
  eventHash,
  GENESIS,
  makeSeal,
  merkleRoot,
  type StoredEvent,
} from '../../functions/domain/ledger-chain';
import { weeklyDigestMail } from '../../functions/domain/mail';

// The expected values are written by hand, and hashed here with node:crypto on the literal text: independent of the code under test.
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const raw = (...parts: (number[] | string | Buffer)[]) =>
  createHash('sha256')
    .update(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'hex') : Array.isArray(p) ? Buffer.from(p) : p))))
    .digest();

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { e: false, d: -2 }, u: undefined })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"d":-2,"e":false}}',
    );
  });

  it('sorts keys by UTF-16 code units and escapes strings as JSON does', () => {
    expect(canonicalJson({ 进展: '供水"改造"\n', Z: 1, a: 2 })).toBe('{"Z":1,"a":2,"进展":"供水\\"改造\\"\\n"}');
  });

  it('writes numbers as exact decimal literals, never in exponent form', () => {
    expect(canonicalJson([12.5, 0.1, 1e-7, -2.5e-8, 1e21, 123456789012, -0, 100])).toBe(
      '[12.5,0.1,0.0000001,-0.000000025,1000000000000000000000,123456789012,0,100]',
    );
  });

  it('refuses what is not JSON', () => {
    expect(() => canonicalJson({ p: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ p: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

const event1: StoredEvent = {
  seq: 1,
  type: 'item.registered',
  actor: { sub: 'u1', role: 'office' },
  at: '2026-11-29T01:00:00.000Z',
  data: { title: '供水' },
};
const event1Text =
  '{"event":{"actor":{"role":"office","sub":"u1"},"at":"2026-11-29T01:00:00.000Z","data":{"title":"供水"},"seq":1,"type":"item.registered"},"itemId":"i-1"}';
const event2: StoredEvent = {
  seq: 2,
  type: 'report.submitted',
  actor: { sub: 'u2', role: 'unit', unitId: 'hanbin' },
  at: '2026-11-29T02:00:00.000Z',
  data: { percentComplete: 37.5 },
};
const event2Text =
  '{"event":{"actor":{"role":"unit","sub":"u2","unitId":"hanbin"},"at":"2026-11-29T02:00:00.000Z","data":{"percentComplete":37.5},"seq":2,"type":"report.submitted"},"itemId":"i-1"}';

describe('the event chain', () => {
  const h1 = sha(event1Text + GENESIS);
  const h2 = sha(event2Text + h1);

  it('hashes the canonical JSON of the event and its item, followed by the previous hash', () => {
    expect(GENESIS).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    expect(eventHash('i-1', event1, GENESIS)).toBe(h1);
    expect(eventHash('i-1', event2, h1)).toBe(h2);
    // The chain fields themselves are not part of what is hashed.
    expect(eventHash('i-1', { ...event2, hash: 'x', prevHash: 'y' }, h1)).toBe(h2);
    expect(chainHash({ a: 1 }, 'p')).toBe(sha('{"a":1}p'));
  });

  const chained = [
    { ...event1, prevHash: GENESIS, hash: h1 },
    { ...event2, prevHash: h1, hash: h2 },
    { ...event2, seq: 3, prevHash: h2, hash: eventHash('i-1', { ...event2, seq: 3 }, h2) },
  ];

  it('finds nothing in an intact chain, and counts events not chained yet', () => {
    const check = checkChain('i-1', [...chained, { ...event2, seq: 4 }]);
    expect(check.findings).toEqual([]);
    expect(check).toMatchObject({ events: 4, chained: 3, head: { seq: 3, hash: chained[2]!.hash } });
  });

  it('names the one event whose text was changed, with the expected and the stored hash', () => {
    const edited = chained.map((e) => (e.seq === 2 ? { ...e, data: { percentComplete: 90 } } : e));
    const expected = eventHash('i-1', edited[1]!, h1);
    expect(checkChain('i-1', edited).findings).toEqual([{ itemId: 'i-1', seq: 2, problem: 'hash', expected, stored: h2 }]);
  });

  it('names a removed event as a gap and a broken link', () => {
    const findings = checkChain('i-1', [chained[0]!, chained[2]!]).findings;
    expect(findings).toEqual([
      { itemId: 'i-1', seq: 2, problem: 'gap', expected: 'seq 2', stored: 'seq 3' },
      { itemId: 'i-1', seq: 3, problem: 'prevHash', expected: h1, stored: h2 },
      { itemId: 'i-1', seq: 3, problem: 'hash', expected: eventHash('i-1', { ...event2, seq: 3 }, h1), stored: chained[2]!.hash },
    ]);
  });

  it('ties each event to its item: the same events under another item id do not verify', () => {
    expect(checkChain('i-2', chained).findings.map((f) => [f.seq, f.problem])).toEqual([
      [1, 'hash'],
      [2, 'hash'],
      [3, 'hash'],
    ]);
  });
});

describe('the seal', () => {
  const leaves = [
    { itemId: 'a', seq: 3, hash: 'aa'.repeat(32) },
    { itemId: 'b', seq: 1, hash: 'bb'.repeat(32) },
    { itemId: 'c', seq: 7, hash: 'cc'.repeat(32) },
  ];
  const leafDigest = (l: (typeof leaves)[number]) => raw([0], Buffer.from(`{"hash":"${l.hash}","itemId":"${l.itemId}","seq":${l.seq}}`));

  it('is the RFC 6962 Merkle tree hash of the leaves', () => {
    const [a, b, c] = leaves.map(leafDigest) as [Buffer, Buffer, Buffer];
    expect(merkleRoot([])).toBe(sha(''));
    expect(merkleRoot(leaves.slice(0, 1))).toBe(a.toString('hex'));
    // Three leaves split 2 + 1: node(node(a, b), c).
    expect(merkleRoot(leaves)).toBe(raw([1], raw([1], a, b), c).toString('hex'));
  });

  it('sorts its heads by item, chains to the seal before and finds nothing when intact', () => {
    const first = makeSeal(null, '2026-11-29', '2026-11-29T01:00:00.000Z', [leaves[2]!, leaves[0]!, leaves[1]!]);
    expect(first.leaves.map((l) => l.itemId)).toEqual(['a', 'b', 'c']);
    expect(first).toMatchObject({ number: 1, prevHash: GENESIS, root: merkleRoot(leaves) });
    expect(first.hash).toBe(sha(`{"date":"2026-11-29","heads":3,"number":1,"root":"${first.root}"}${GENESIS}`));
    const second = makeSeal(first, '2026-11-30', '2026-11-30T01:00:00.000Z', []);
    expect(second).toMatchObject({ number: 2, prevHash: first.hash });
    expect(checkSeals([first, second])).toEqual([]);
  });

  it('names a seal whose root was changed, and a leaf its event no longer matches', () => {
    const first = makeSeal(null, '2026-11-29', '2026-11-29T01:00:00.000Z', leaves);
    const second = makeSeal(first, '2026-11-30', '2026-11-30T01:00:00.000Z', leaves.slice(0, 1));
    const forged = { ...first, root: 'ff'.repeat(32) };
    expect(checkSeals([forged, second]).map((f) => [f.seal, f.problem])).toEqual([
      [1, 'root'],
      [1, 'hash'],
    ]);
    const eventHashOf = (itemId: string) => (itemId === 'b' ? 'ee'.repeat(32) : leaves.find((l) => l.itemId === itemId)?.hash);
    expect(checkSeals([first, second], eventHashOf)).toEqual([
      { seal: 1, date: '2026-11-29', problem: 'leaf', itemId: 'b', seq: 1, expected: 'ee'.repeat(32), stored: 'bb'.repeat(32) },
    ]);
  });
});

describe('the seals against their archived copies', () => {
  const leaf = (itemId: string, h: string) => ({ itemId, seq: 1, hash: h.repeat(64) });
  const first = makeSeal(null, '2026-11-29', '2026-11-29T01:00:00.000Z', [leaf('a', 'a')]);
  const second = makeSeal(first, '2026-11-30', '2026-11-30T01:00:00.000Z', [leaf('a', 'b')]);

  it('finds nothing when every seal has its copy, as archived', () => {
    expect(checkArchive([first, second], [archivedSeal(second), archivedSeal(first)])).toEqual([]);
  });

  it('names the last seal rewritten with a history that checks out against itself, which only the copy can show', () => {
    // A rewrite of the newest events, their hashes and the newest seal, consistent with each other and the seal before.
    const rewritten = makeSeal(first, '2026-11-30', '2026-11-30T01:00:00.000Z', [leaf('a', 'c')]);
    expect(checkSeals([first, rewritten])).toEqual([]);
    expect(checkArchive([first, rewritten], [archivedSeal(first), archivedSeal(second)])).toEqual([
      { seal: 2, date: '2026-11-30', problem: 'copy-differs', fields: ['root', 'hash'] },
    ]);
  });

  it('names a seal without a copy, a copy without its seal, and a forged copy beside the locked one', () => {
    expect(checkArchive([first, second], [archivedSeal(first)])).toEqual([
      { seal: 2, date: '2026-11-30', problem: 'copy-missing', fields: [] },
    ]);
    expect(checkArchive([first], [archivedSeal(first), archivedSeal(second)])).toEqual([
      { seal: 2, date: '2026-11-30', problem: 'seal-missing', fields: [] },
    ]);
    // Object Lock keeps every version: a newer one put to agree with a rewritten seal leaves the first to disagree.
    const rewritten = makeSeal(first, '2026-11-30', '2026-11-30T01:00:00.000Z', [leaf('a', 'c')]);
    expect(checkArchive([first, rewritten], [archivedSeal(first), archivedSeal(second), archivedSeal(rewritten)])).toEqual([
      { seal: 2, date: '2026-11-30', problem: 'copy-differs', fields: ['root', 'hash'] },
    ]);
  });
});

describe('the seals in the weekly digest', () => {
  const base = {
    weekOf: '2026-11-23',
    byStatus: {},
    bySource: {},
    byLight: {},
    dueThisWeek: { from: '2026-11-23', to: '2026-11-29', items: [] },
    completion: { year: 2026, closedOnTime: 0, closedLate: 0, openLate: 0, onTimeRate: null },
    redItems: [],
    unitsWithMostRed: [],
    unitsWithOpenRectifications: [],
  };

  it('prints each seal in full (number, date, heads, root, hash) in text and HTML, and says nothing of seals when given none', () => {
    const seal = makeSeal(null, '2026-11-22', '2026-11-22T01:00:00.000Z', [{ itemId: 'a', seq: 3, hash: 'aa'.repeat(32) }]);
    const mail = weeklyDigestMail({ ...base, seals: [{ number: 1, date: seal.date, heads: 1, root: seal.root, hash: seal.hash }] });
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('台账防篡改封存');
      expect(part).toContain('2026年11月22日');
      expect(part).toContain(seal.root);
      expect(part).toContain(seal.hash);
    }
    expect(weeklyDigestMail(base).text).not.toContain('封存');
  });
});
