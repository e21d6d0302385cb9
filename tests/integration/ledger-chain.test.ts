import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLedgerChain } from '../../functions/adapters/dynamodb/ledger-chain';
import { ALTERATIONS, eventKey, reportKey, sealKey } from '../../functions/adapters/dynamodb/keys';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { FileSealArchive, sealObjectKey } from '../../functions/adapters/seal-archive';
import { eventHash, GENESIS, makeSeal, type StoredEvent } from '../../functions/domain/ledger-chain';
import { sealLedger } from '../../functions/use-cases/ledger';
import { api, registerUnitWithHead, tokenFor } from './support';
import { fileSystem } from './file-system';

/**
 * The tamper-evident ledger (issue 11): every event of an item's history, referrals too, is chained as it
 * is written; GET …/history/verify and `npm run verify-ledger` name the event or seal someone edited in
 * DynamoDB behind the API's back; units verify nothing and see no trace of the chain.
 */
const tag = randomUUID().slice(0, 8);
const lead = `chain-a-${tag}`;
const co = `chain-b-${tag}`;
const chain = new DynamoLedgerChain();
const db = new DynamoDBClient({});
const tableName = fileSystem().tableName;
const archiveDir = mkdtempSync(join(tmpdir(), 'ducha-seals-'));
const execFileAsync = promisify(execFile);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const tokens = { office: '', leader: '', inspector: '', lead: '', co: '' };
let itemId: string;

async function call(method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) {
  const res = await api(method, path, { token, body, headers });
  expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
  return res.json as Json;
}
const verify = (token: string, language?: string) =>
  call('GET', `/items/${itemId}/history/verify`, token, undefined, language ? { 'accept-language': language } : undefined);

/** Sets one field of a stored record directly in DynamoDB Local, as someone with table access would; returns the old value. */
async function edit(key: { PK: string; SK: string }, path: string[], value: unknown): Promise<unknown> {
  const names = Object.fromEntries(path.map((p, i) => [`#p${i}`, p]));
  const out = await db.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: toRecord(key),
      UpdateExpression: `SET ${path.map((_, i) => `#p${i}`).join('.')} = :v`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':v': toRecord({ v: value }).v! },
      ReturnValues: 'UPDATED_OLD',
    }),
  );
  const old = toPlain(path.reduce<any>((at, p) => at?.[p] ?? at?.M?.[p], out.Attributes ?? {})); // eslint-disable-line @typescript-eslint/no-explicit-any
  if (old === undefined) throw new Error(`${key.PK} ${key.SK} had no ${path.join('.')}`);
  return old;
}
const toPlain = (v: any): unknown => (v?.S !== undefined ? v.S : v?.N !== undefined ? Number(v.N) : v); // eslint-disable-line @typescript-eslint/no-explicit-any

async function verifyLedgerCli(...more: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await execFileAsync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/verify-ledger.ts',
        '--endpoint',
        fileSystem().dynamodbEndpoint,
        '--table',
        tableName,
        '--lang',
        'en',
        ...more,
      ],
      { timeout: 60_000 },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  tokens.office = await tokenFor('office');
  tokens.leader = await tokenFor('leader');
  tokens.inspector = await tokenFor('inspector');
  tokens.lead = await tokenFor('unit', lead);
  tokens.co = await tokenFor('unit', co);
  await registerUnitWithHead(tokens.office, { id: lead, name: `链甲-${tag}`, kind: 'department' });
  await registerUnitWithHead(tokens.office, { id: co, name: `链乙-${tag}`, kind: 'department' });
  itemId = (
    await call('POST', '/items', tokens.office, {
      title: `老旧小区改造 ${tag}`,
      source: 'meeting-decision',
      sourceRef: '安政办发〔2014〕134号',
      leadUnit: lead,
      coUnits: [co],
      dueDate: '2099-12-31',
      requirements: ['工程进度'],
    })
  ).id;
  await call('POST', `/items/${itemId}/acknowledge`, tokens.lead);
  const report = (percentComplete: number, summary: string) => ({
    summary,
    percentComplete,
    answers: [{ requirement: 0, answer: summary }],
  });
  await call('POST', `/items/${itemId}/reports`, tokens.lead, report(37.5, '完成管网铺设三成'));
  await call('POST', '/referrals', tokens.office, { unitId: lead, itemId, clue: `虚报进度线索 ${tag}` });
  await call('POST', `/items/${itemId}/reports`, tokens.co, report(40.25, '配合完成路面恢复'));
  // The chain is written from the table's stream after each commit: wait for it to follow what was written.
  await fileSystem().settle();
});

afterAll(() => rmSync(archiveDir, { recursive: true, force: true }));

describe('the chain, as written', () => {
  it('links every event, the referral too, each hash over its canonical content and the hash before', async () => {
    const events = await chain.storedEvents(itemId);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'item.registered'],
      [2, 'item.acknowledged'],
      [3, 'report.submitted'],
      [4, 'referral.recorded'],
      [5, 'report.submitted'],
    ]);
    let prev = GENESIS;
    for (const event of events) {
      expect(event.prevHash).toBe(prev);
      expect(event.hash).toBe(eventHash(itemId, event, prev));
      prev = event.hash!;
    }
  });

  it('office and leaders: intact, every event chained, the head named', async () => {
    for (const token of [tokens.office, tokens.leader]) {
      const verdict = await verify(token);
      expect(verdict).toMatchObject({ itemId, intact: true, events: 5, chained: 5, findings: [] });
      expect(verdict.head).toEqual({ seq: 5, hash: (await chain.storedEvents(itemId))[4]!.hash });
    }
  });

  it('inspectors verify in their own numbering, without the referral or the head; units may not verify (403)', async () => {
    const verdict = await verify(tokens.inspector);
    expect(verdict).toEqual({ itemId, intact: true, events: 4, chained: 4, findings: [] });
    for (const token of [tokens.lead, tokens.co]) {
      const res = await api('GET', `/items/${itemId}/history/verify`, { token });
      expect(res.status, res.text).toBe(403);
    }
  });

  it('the history shows no hashes to anyone, and a unit still sees 1, 2, 3, 4 with no gap', async () => {
    const office = (await call('GET', `/items/${itemId}/history`, tokens.office)).items as Json[];
    expect(office.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const unit = (await call('GET', `/items/${itemId}/history`, tokens.co)).items as Json[];
    expect(unit.map((e) => [e.seq, e.type])).toEqual([
      [1, 'item.registered'],
      [2, 'item.acknowledged'],
      [3, 'report.submitted'],
      [4, 'report.submitted'],
    ]);
    for (const e of [...office, ...unit]) expect(Object.keys(e).sort()).toEqual(['actor', 'at', 'data', 'seq', 'type']);
  });
});

describe('tampering in DynamoDB behind the API', () => {
  it("names the one event whose text was edited, with the expected and the stored hash, in the reader's language", async () => {
    const key = eventKey(itemId, 1);
    const original = await edit(key, ['data', 'title'], `老旧小区改造（已完成） ${tag}`);
    try {
      expect(original).toBe(`老旧小区改造 ${tag}`);
      const edited = (await chain.storedEvents(itemId))[0] as StoredEvent;
      const expected = eventHash(itemId, edited, edited.prevHash!);
      const verdict = await verify(tokens.office);
      expect(verdict).toMatchObject({ intact: false, events: 5, chained: 5 });
      expect(verdict.findings).toEqual([
        { itemId, seq: 1, problem: 'hash', expected, stored: edited.hash, message: expect.stringContaining(`事项 ${itemId} 第 1 条记录`) },
      ]);
      const english = await verify(tokens.leader, 'en');
      expect(english.findings[0].message).toContain(`item ${itemId}, event 1: its content does not give its stored hash`);
      expect(english.findings[0].message).toContain(`expected ${expected}, stored ${edited.hash}`);

      const cli = await verifyLedgerCli();
      expect(cli.code, cli.out).toBe(1);
      expect(cli.out).toContain(
        `item ${itemId}, event 1: its content does not give its stored hash (expected ${expected}, stored ${edited.hash})`,
      );
    } finally {
      await edit(key, ['data', 'title'], original);
    }
    expect(await verify(tokens.office)).toMatchObject({ intact: true, findings: [] });
    // Caught when it happened, not only when someone verified: the stream saw both edits of a written-once record.
    await fileSystem().settle();
    const altered = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: ALTERATIONS } },
        ConsistentRead: true,
      }),
    );
    const eventOne = (altered.Items ?? []).filter((r) => r.record?.S === `${key.PK}|${key.SK}`);
    expect(eventOne.map((r) => [r.kind?.S, r.change?.S, r.fields?.L?.map((f) => f.S)])).toEqual([
      ['event', 'modified', ['data']],
      ['event', 'modified', ['data']],
    ]);
  });

  it("names the report event whose report's summary was edited in the table (the event carries the report's digest)", async () => {
    const stored = (await chain.storedEvents(itemId)).find((e) => e.type === 'report.submitted') as StoredEvent & {
      data: { reportId: string; reportDigest: string };
    };
    expect(stored.data.reportDigest).toMatch(/^[0-9a-f]{64}$/);
    const key = reportKey(itemId, stored.data.reportId);
    const original = await edit(key, ['summary'], '已全部完工');
    try {
      const verdict = await verify(tokens.office);
      expect(verdict).toMatchObject({ intact: false });
      expect(verdict.findings.map((f: Json) => [f.seq, f.problem, f.expected])).toEqual([[stored.seq, 'record', stored.data.reportDigest]]);
      expect(verdict.findings[0].message).toContain('进展报告');
    } finally {
      await edit(key, ['summary'], original);
    }
    expect(await verify(tokens.office)).toMatchObject({ intact: true, findings: [] });
  });

  it('an edited referral event: the office reads its seq, an inspector learns only that an event it may not read was changed', async () => {
    const key = eventKey(itemId, 4);
    const original = await edit(key, ['data', 'unitId'], co);
    try {
      expect((await verify(tokens.office)).findings.map((f: Json) => [f.seq, f.problem])).toEqual([[4, 'hash']]);
      const inspector = await verify(tokens.inspector);
      expect(inspector).toMatchObject({ intact: false, events: 4 });
      expect(inspector.findings.map((f: Json) => [f.seq, f.problem])).toEqual([[null, 'hash']]);
      expect(inspector.findings[0].message).toContain('一条无权查看的记录');
      expect(JSON.stringify(inspector)).not.toContain('referral');
    } finally {
      await edit(key, ['data', 'unitId'], original);
    }
  });
});

describe('the daily seal', () => {
  // A date of this file's own: seals are one per date, whichever test makes them.
  const day = Date.UTC(2200, 0, 1) + Math.floor(Math.random() * 30_000) * 86_400_000;
  const deps = { chain, archive: new FileSealArchive(archiveDir) };

  it('seals the chain heads that moved, chained to the seal before, once a date, with a copy in the archive', async () => {
    const head = (await chain.storedEvents(itemId))[4]!;
    const first = await sealLedger(deps, new Date(day));
    expect(first.made).toBe(true);
    expect(first.seal.leaves).toContainEqual({ itemId, seq: 5, hash: head.hash });
    const again = await sealLedger(deps, new Date(day + 3_600_000));
    expect(again).toMatchObject({ made: false, seal: { number: first.seal.number, hash: first.seal.hash } });

    await call('POST', `/items/${itemId}/reports`, tokens.lead, {
      summary: '过半',
      percentComplete: 55,
      answers: [{ requirement: 0, answer: '过半' }],
    });
    const next = await sealLedger(deps, new Date(day + 86_400_000));
    expect(next.made).toBe(true);
    expect(next.seal.number).toBeGreaterThan(first.seal.number);
    expect(next.seal.leaves.filter((l) => l.itemId === itemId)).toEqual([
      { itemId, seq: 6, hash: (await chain.storedEvents(itemId))[5]!.hash },
    ]);
    const latest = await chain.recentSeals(2);
    expect(latest.at(-1)?.prevHash).toBe(latest.at(-2)?.hash);

    const copy = JSON.parse(readFileSync(join(archiveDir, sealObjectKey(next.seal)), 'utf8'));
    expect(copy).toMatchObject({ number: next.seal.number, root: next.seal.root, hash: next.seal.hash, prevHash: next.seal.prevHash });
  });

  it('verify-ledger names a seal whose root was changed, and a sealed event rewritten with a matching hash', async () => {
    const seal = (await chain.recentSeals(1))[0]!;
    const root = await edit(sealKey(seal.number), ['root'], 'f'.repeat(64));
    try {
      const cli = await verifyLedgerCli();
      expect(cli.code, cli.out).toBe(1);
      expect(cli.out).toContain(`seal ${seal.number} (${seal.date}): its heads give the root ${seal.root}, stored ${'f'.repeat(64)}`);
      expect(cli.out).toContain(`seal ${seal.number} (${seal.date}): its number, date or root was changed`);
    } finally {
      await edit(sealKey(seal.number), ['root'], root);
    }

    // Rewriting an event and its hash together keeps the item's chain whole; the seal still holds the old head.
    const key = eventKey(itemId, 6);
    const event = (await chain.storedEvents(itemId))[5]!;
    const rewritten = { ...event, data: { ...(event.data as Json), percentComplete: 95 } };
    const forgedHash = eventHash(itemId, rewritten, event.prevHash!);
    await edit(key, ['data', 'percentComplete'], 95);
    await edit(key, ['hash'], forgedHash);
    try {
      expect(await verify(tokens.office)).toMatchObject({ intact: true });
      const cli = await verifyLedgerCli();
      expect(cli.code, cli.out).toBe(1);
      expect(cli.out).toContain(
        `seal ${seal.number} (${seal.date}): item ${itemId} event 6 now hashes to ${forgedHash}, sealed as ${event.hash}: the history was rewritten after it was sealed`,
      );
    } finally {
      await edit(key, ['data', 'percentComplete'], 55);
      await edit(key, ['hash'], event.hash);
    }
    const cli = await verifyLedgerCli();
    expect(cli.out.split('\n').filter((line) => line.includes(itemId) || line.includes(`seal ${seal.number} `))).toEqual([]);
  });

  it('verify-ledger with the archive names the newest seal rewritten together with the history under it', async () => {
    // The insider's rewrite: an event, its hash and the newest seal's head, root and hash, all consistent with each
    // other and with the seal before. The table checks out against itself; the copy archived at sealing does not.
    const [before, seal] = await chain.recentSeals(2);
    const key = eventKey(itemId, 6);
    const event = (await chain.storedEvents(itemId))[5]!;
    const forgedHash = eventHash(itemId, { ...event, data: { ...(event.data as Json), percentComplete: 95 } }, event.prevHash!);
    const leaves = seal!.leaves.map((l) => (l.itemId === itemId && l.seq === 6 ? { ...l, hash: forgedHash } : l));
    expect(leaves).not.toEqual(seal!.leaves);
    const forged = makeSeal(before!, seal!.date, seal!.sealedAt, leaves);
    const { Item: original } = await db.send(new GetItemCommand({ TableName: tableName, Key: toRecord(sealKey(seal!.number)) }));
    await edit(key, ['data', 'percentComplete'], 95);
    await edit(key, ['hash'], forgedHash);
    await db.send(
      new PutItemCommand({ TableName: tableName, Item: { ...original, ...toRecord({ leaves, root: forged.root, hash: forged.hash }) } }),
    );
    try {
      const [unarchived, cli] = await Promise.all([verifyLedgerCli(), verifyLedgerCli('--seal-dir', archiveDir)]);
      const about = (out: string) => out.split('\n').filter((line) => line.includes(itemId) || line.includes(`seal ${seal!.number} `));
      expect(about(unarchived.out)).toEqual([]);
      expect(unarchived.out).toContain('the seals were not compared with their archived copies');
      expect(cli.code, cli.out).toBe(1);
      expect(cli.out).toContain(
        `seal ${seal!.number} (${seal!.date}) differs from its archived copy (root, hash): the seal in the ledger was rewritten`,
      );
    } finally {
      await edit(key, ['data', 'percentComplete'], 55);
      await edit(key, ['hash'], event.hash);
      await db.send(new PutItemCommand({ TableName: tableName, Item: original! }));
    }
    const cli = await verifyLedgerCli('--seal-dir', archiveDir);
    expect(cli.out.split('\n').filter((line) => line.includes(itemId) || line.includes(`seal ${seal!.number} `))).toEqual([]);
  });
});
