import { gzipSync } from 'node:zlib';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { ledgerChangeOf } from '../../functions/adapters/dynamodb/ledger-stream';
import { alterationOf } from '../../functions/domain/ledger-alterations';
import { LedgerFollower } from '../../functions/use-cases/follow-ledger';
import { memoryOutbox, recordingMailer } from './memory-ports';

/** A stream record as Lambda delivers it (binary values as base64 text). */
function record(eventName: DynamoDBRecord['eventName'], images: { old?: object; new?: object }, extra: Partial<DynamoDBRecord> = {}) {
  const image = (v: object) =>
    Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        Buffer.isBuffer(x) ? { B: x.toString('base64') } : typeof x === 'number' ? { N: String(x) } : { S: String(x) },
      ]),
    );
  const keys = (images.new ?? images.old) as { PK: string; SK: string };
  return {
    eventName,
    ...extra,
    dynamodb: {
      Keys: { PK: { S: keys.PK }, SK: { S: keys.SK } },
      ...(images.new ? { NewImage: image(images.new) } : {}),
      ...(images.old ? { OldImage: image(images.old) } : {}),
      SequenceNumber: '000000000000000000042',
      ApproximateCreationDateTime: 1_796_600_000,
    },
  } as unknown as DynamoDBRecord;
}

const event = { PK: 'ITEM#i-1', SK: 'EVENT#0000000003', entity: 'event', seq: 3, type: 'report.submitted', at: '2026-12-01T02:00:00.000Z' };

describe('what the ledger makes of a stream record', () => {
  it('an event written: its item is chained; a mail batch written: its letters, unzipped, are sent', () => {
    expect(ledgerChangeOf(record('INSERT', { new: event }))).toEqual({ kind: 'event-written', office: 'root', itemId: 'i-1' });
    // Every office shares the stream: a county's event is its own item's, in its own office.
    const county = { ...event, PK: 'O#hanbin/guanmiao#ITEM#i-1' };
    expect(ledgerChangeOf(record('INSERT', { new: county }))).toEqual({ kind: 'event-written', office: 'hanbin/guanmiao', itemId: 'i-1' });
    const letters = [{ to: ['a@x.gov.cn'], mail: { subject: '【派发】', text: 't', html: 'h' } }];
    const batch = {
      PK: 'OUTBOX#b-1',
      SK: 'BATCH',
      entity: 'mail-batch',
      id: 'b-1',
      kind: 'dispatch',
      day: '2026-12-01',
      letters: gzipSync(JSON.stringify(letters)),
    };
    expect(ledgerChangeOf(record('INSERT', { new: batch }))).toMatchObject({
      kind: 'mail-written',
      office: 'root',
      batch: { id: 'b-1', kind: 'dispatch', letters },
    });
  });

  it('the chainer setting hash and prevHash is no alteration; any other edit of an event, or its removal, is', () => {
    const chained = { ...event, hash: 'h3', prevHash: 'h2' };
    expect(ledgerChangeOf(record('MODIFY', { old: event, new: chained }))).toBeUndefined();
    expect(ledgerChangeOf(record('MODIFY', { old: chained, new: { ...chained, hash: 'forged' } }))).toMatchObject({
      kind: 'altered',
      alteration: { key: 'ITEM#i-1|EVENT#0000000003', entity: 'event', change: 'modified', fields: ['hash'] },
      streamSequence: '000000000000000000042',
    });
    expect(ledgerChangeOf(record('MODIFY', { old: event, new: { ...event, type: 'x', hash: 'h', prevHash: 'p' } }))).toMatchObject({
      alteration: { fields: ['hash', 'prevHash', 'type'] },
    });
    expect(ledgerChangeOf(record('REMOVE', { old: event }))).toMatchObject({ alteration: { change: 'removed' } });
  });

  it("a report's summary edited is an alteration; an item's edit, and a record its time to live removed, are not", () => {
    const report = { PK: 'ITEM#i-1', SK: 'REPORT#r-1', entity: 'report', summary: '已完工' };
    expect(ledgerChangeOf(record('MODIFY', { old: report, new: { ...report, summary: '已完成' } }))).toMatchObject({
      alteration: { entity: 'report', fields: ['summary'] },
    });
    const item = { PK: 'ITEM#i-1', SK: 'ITEM', entity: 'item', title: 'a' };
    expect(ledgerChangeOf(record('MODIFY', { old: item, new: { ...item, title: 'b' } }))).toBeUndefined();
    const ttl = { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } as Partial<DynamoDBRecord>;
    expect(ledgerChangeOf(record('REMOVE', { old: report }, ttl))).toBeUndefined();
    expect(alterationOf({ change: 'INSERT', key: 'k', after: { entity: 'report' } })).toBeUndefined();
  });

  it("a rectification's review, once, is no alteration; its report text edited, a review rewritten, or its removal are", () => {
    const handedIn = { PK: 'NOTICE#n-1', SK: 'RECT#u-1', entity: 'rectification', report: '已整改：建立台账', files: [] };
    const review = { decision: 'returned', reason: '缺少佐证', at: '2026-12-01T02:00:00.000Z', by: { sub: 'o', role: 'office' } };
    const reviewed = { ...handedIn, review };
    expect(ledgerChangeOf(record('MODIFY', { old: handedIn, new: reviewed }))).toBeUndefined();
    expect(ledgerChangeOf(record('MODIFY', { old: handedIn, new: { ...handedIn, report: '已全部整改到位' } }))).toMatchObject({
      alteration: { key: 'NOTICE#n-1|RECT#u-1', entity: 'rectification', change: 'modified', fields: ['report'] },
    });
    expect(ledgerChangeOf(record('MODIFY', { old: handedIn, new: { ...reviewed, report: '已全部整改到位' } }))).toMatchObject({
      alteration: { fields: ['report', 'review'] },
    });
    // (The helper above writes every value as text: a review's fields are compared as plain values here.)
    const rewritten = { ...reviewed, review: { ...review, decision: 'accepted' } };
    expect(alterationOf({ change: 'MODIFY', key: 'k', before: reviewed, after: rewritten })).toMatchObject({ fields: ['review'] });
    expect(ledgerChangeOf(record('REMOVE', { old: reviewed }))).toMatchObject({
      alteration: { entity: 'rectification', change: 'removed' },
    });
  });
});

describe('following the ledger (LedgerFollower)', () => {
  const letters = [{ to: ['a@x.gov.cn', 'b@x.gov.cn'], mail: { subject: '【派发】修缮校舍', text: 't', html: 'h' } }];
  const batch = { id: 'b-1', kind: 'dispatch', day: '2026-12-01', about: ['i-1', '1'], letters };

  function follower() {
    const chained: string[] = [];
    let office = 'root';
    const { outbox } = memoryOutbox();
    const mail = recordingMailer();
    const recorded: string[] = [];
    const deps = {
      chain: {
        chain: async (itemId: string) => {
          chained.push(office === 'root' ? itemId : `${office}:${itemId}`);
          return null;
        },
      },
      delivery: { outbox, mailer: mail.mailer, clock: { now: () => new Date('2026-12-01T02:00:00Z') } },
      alterations: { record: async (a: { key: string }, _at: Date, seq: string) => void recorded.push(`${a.key}@${seq}`) },
      clock: { now: () => new Date('2026-12-01T02:00:00Z') },
      inOffice: async <T>(inside: string, work: () => Promise<T>) => {
        const outside = office;
        office = inside;
        try {
          return await work();
        } finally {
          office = outside;
        }
      },
    };
    return { deps, chained, mail, recorded };
  }

  it('chains an item once per delivery, sends a batch once however often it is delivered, records each alteration', async () => {
    const world = follower();
    const one = new LedgerFollower(world.deps);
    for (const change of [
      { kind: 'event-written', office: 'root', itemId: 'i-1' },
      { kind: 'event-written', office: 'root', itemId: 'i-2' },
      { kind: 'event-written', office: 'root', itemId: 'i-1' },
      // The same id in a county's ledger is another item, chained in that office.
      { kind: 'event-written', office: 'hanbin', itemId: 'i-1' },
      { kind: 'mail-written', office: 'root', batch },
    ] as const)
      await one.follow(change);
    expect(world.chained).toEqual(['i-1', 'i-2', 'hanbin:i-1']);
    expect(one.mail).toMatchObject({ sent: 2, failed: 0 });
    // The stream delivers again (a retried batch): the item is chained again (a no-op for the chainer), nothing is sent twice.
    const again = new LedgerFollower(world.deps);
    await again.follow({ kind: 'event-written', office: 'root', itemId: 'i-1' });
    await again.follow({ kind: 'mail-written', office: 'root', batch });
    expect(world.mail.sent.map((m) => m.to)).toEqual([['a@x.gov.cn'], ['b@x.gov.cn']]);
    const alteration = { key: 'ITEM#i-1|REPORT#r-1', entity: 'report' as const, change: 'modified' as const, fields: ['summary'] };
    await again.follow({ kind: 'altered', alteration, at: new Date(), streamSequence: '42' });
    expect(again.altered).toEqual([alteration]);
    expect(world.recorded).toEqual(['ITEM#i-1|REPORT#r-1@42']);
  });

  it('chains the items of a delivery side by side, and names the first change that failed, the rest being done', async () => {
    const world = follower();
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    world.deps.chain.chain = async (itemId: string) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight -= 1;
      if (itemId === 'i-3') throw new Error('DynamoDB throttled');
      world.chained.push(itemId);
      return null;
    };
    const items = ['i-1', 'i-2', 'i-3', 'i-2', 'i-4'];
    const changes = [
      undefined,
      ...items.map((itemId) => ({ kind: 'event-written' as const, office: 'root', itemId })),
      { kind: 'mail-written' as const, office: 'root', batch },
    ];
    const following = new LedgerFollower(world.deps).followAll(changes);
    // Four distinct items, all in flight at once before any finishes.
    await vi.waitFor(() => expect(release).toHaveLength(4));
    for (const done of release) done();
    const outcome = await following;
    expect(most).toBe(4);
    // i-3's first event is change 3: changes 0–2 are followed, and 3 on are delivered again (the mail, sent, sends nothing twice).
    expect(outcome).toMatchObject({ failedAt: 3, error: expect.objectContaining({ message: 'DynamoDB throttled' }) });
    expect(world.chained.sort()).toEqual(['i-1', 'i-2', 'i-4']);
    expect(world.mail.sent).toHaveLength(2);
  });
});
