import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from './support';

/**
 * What each role may read (issue 11, item 5): a unit reads the notices that name it, other units'
 * names but not their contacts, and nothing of referrals (移送) — not in a notice, not as an event,
 * not as a gap in its history's numbering or a jump in an item's version. Office and leaders read
 * everything; inspectors everything but referrals. Units and items of its own (a random tag).
 */
const tag = randomUUID().slice(0, 8);
const unitA = `vis-a-${tag}`;
const unitB = `vis-b-${tag}`;
const stranger = `vis-c-${tag}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const tokens: Record<'office' | 'leader' | 'inspector' | 'a' | 'b' | 'stranger', string> = {
  office: '',
  leader: '',
  inspector: '',
  a: '',
  b: '',
  stranger: '',
};
let item: string;
let noticeAB: string;
let noticeB: string;

async function get(path: string, token: string): Promise<Json> {
  const res = await api('GET', path, { token });
  expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
  return res.json;
}

/** Every page of a listing, `limit` rows at a time. */
async function all(path: string, token: string, limit = 100): Promise<Json[]> {
  const out: Json[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

async function post(path: string, body: unknown, token = tokens.office): Promise<Json> {
  const res = await api('POST', path, { token, body });
  expect(res.status, `POST ${path}: ${res.text}`).toBe(201);
  return res.json;
}

beforeAll(async () => {
  tokens.office = await tokenFor('office');
  tokens.leader = await tokenFor('leader');
  tokens.inspector = await tokenFor('inspector');
  tokens.a = await tokenFor('unit', unitA);
  tokens.b = await tokenFor('unit', unitB);
  tokens.stranger = await tokenFor('unit', stranger);
  for (const id of [unitA, unitB, stranger]) {
    await post('/units', {
      id,
      name: `单位-${id}`,
      kind: 'department',
      contacts: [{ name: '李四', email: `head@${id}.example.gov.cn`, role: 'head' }],
    });
  }
  item = (
    await post('/items', {
      title: `背街小巷改造 ${tag}`,
      source: 'meeting-decision',
      sourceRef: '安政办发〔2014〕134号',
      leadUnit: unitA,
      coUnits: [unitB],
      dueDate: '2099-12-31',
      requirements: ['工作进展情况'],
    })
  ).id;
  const reason = `逾期未报送进展情况 ${tag}`;
  noticeAB = (await post('/notices', { level: 'office', unitIds: [unitA, unitB], itemIds: [item], reason, mediaExposure: false })).id;
  noticeB = (await post('/notices', { level: 'office', unitIds: [unitB], itemIds: [], reason, mediaExposure: false })).id;
});

describe('notices: a unit reads those naming it', () => {
  it('GET /notices/{id}: every role reads a notice naming the unit; one not naming it is 404 exactly like a missing one', async () => {
    for (const token of [tokens.office, tokens.leader, tokens.inspector, tokens.a, tokens.b]) {
      expect(await get(`/notices/${noticeAB}`, token)).toMatchObject({ id: noticeAB, unitIds: [unitA, unitB] });
    }
    const missingId = `no-such-notice-${tag}`;
    const missing = await api('GET', `/notices/${missingId}`, { token: tokens.a });
    expect(missing.status, missing.text).toBe(404);
    for (const [token, id] of [
      [tokens.a, noticeB],
      [tokens.stranger, noticeAB],
      [tokens.stranger, noticeB],
    ] as const) {
      const hidden = await api('GET', `/notices/${id}`, { token });
      expect(hidden.status, hidden.text).toBe(404);
      expect(hidden.json.error.code).toBe(missing.json.error.code);
      expect(hidden.json.error.message).toBe(missing.json.error.message.replace(missingId, id));
    }
  });

  it('GET /notices: a unit lists only the notices naming it, in full pages; the other roles list every one', async () => {
    const ours = new Set([noticeAB, noticeB]);
    const listed = async (token: string, limit?: number) => (await all('/notices', token, limit)).map((n) => n.id);
    for (const token of [tokens.office, tokens.leader, tokens.inspector]) {
      expect((await listed(token)).filter((id) => ours.has(id)).sort()).toEqual([noticeAB, noticeB].sort());
    }
    // Newest first: B's two notices, a page of one at a time.
    expect(await listed(tokens.b, 1)).toEqual([noticeB, noticeAB]);
    expect(await listed(tokens.a)).toEqual([noticeAB]);
    expect(await listed(tokens.stranger)).toEqual([]);
    const firstPage = await get('/notices?limit=1', tokens.b);
    expect(firstPage.items.map((n: Json) => n.id)).toEqual([noticeB]);
    expect(firstPage.cursor).toEqual(expect.any(String));
  });
});

describe('units: a unit sees whom it works with, not their contacts', () => {
  it('GET /units and GET /units/{id}: a unit gets its own contacts only; office, leaders and inspectors get all', async () => {
    for (const token of [tokens.office, tokens.leader, tokens.inspector]) {
      for (const id of [unitA, unitB]) {
        expect((await get(`/units/${id}`, token)).contacts).toEqual([
          { name: '李四', email: `head@${id}.example.gov.cn`, role: 'head', undeliverable: false },
        ]);
      }
      const roster = (await all('/units', token)).filter((u) => u.id === unitA || u.id === unitB);
      expect(roster.map((u) => u.contacts.length)).toEqual([1, 1]);
    }
    expect((await get(`/units/${unitA}`, tokens.a)).contacts).toHaveLength(1);
    const other = await get(`/units/${unitB}`, tokens.a);
    expect(other).toMatchObject({ id: unitB, name: `单位-${unitB}`, kind: 'department' });
    expect(other).not.toHaveProperty('contacts');
    const roster = await all('/units', tokens.a);
    expect(roster.find((u) => u.id === unitB)).toMatchObject({ name: `单位-${unitB}` });
    expect(roster.filter((u) => u.contacts !== undefined).map((u) => u.id)).toEqual([unitA]);
    const text = (await api('GET', '/units?limit=100', { token: tokens.stranger })).text;
    expect(text).toContain(`@${stranger}.`);
    for (const id of [unitA, unitB]) expect(text).not.toContain(`@${id}.`);
  });
});

describe('an item’s history and version: no trace of a referral for units and inspectors', () => {
  let withReferral: Json[];

  beforeAll(async () => {
    const ack = await api('POST', `/items/${item}/acknowledge`, { token: tokens.a });
    expect(ack.status, ack.text).toBe(200);
    await post('/referrals', { unitId: unitA, itemId: item, clue: `线索 ${tag}` });
    const ackB = await api('POST', `/items/${item}/acknowledge`, { token: tokens.b });
    expect(ackB.status, ackB.text).toBe(200);
    withReferral = await all(`/items/${item}/history`, tokens.office);
  });

  it('office and leaders read every event with its stored seq and the item’s version', async () => {
    expect(withReferral.map((e) => e.type)).toContain('referral.recorded');
    expect(withReferral.map((e) => e.seq)).toEqual(withReferral.map((_, i) => i + 1));
    expect(await all(`/items/${item}/history`, tokens.leader)).toEqual(withReferral);
    for (const token of [tokens.office, tokens.leader]) expect((await get(`/items/${item}`, token)).version).toEqual(expect.any(Number));
  });

  it('units and inspectors read the rest numbered 1, 2, 3…, page after full page, and no version', async () => {
    const expected = withReferral.filter((e) => !e.type.startsWith('referral.')).map((e, i) => ({ ...e, seq: i + 1 }));
    expect(expected.length).toBeGreaterThanOrEqual(4);
    for (const token of [tokens.a, tokens.b, tokens.inspector]) {
      expect(await all(`/items/${item}/history`, token)).toEqual(expected);
      // Pages of two: each full until the last, and the cursor carries no stored key.
      const first = await get(`/items/${item}/history?limit=2`, token);
      expect(first.items).toEqual(expected.slice(0, 2));
      expect(Buffer.from(first.cursor, 'base64url').toString()).not.toContain('EVENT');
      expect(await all(`/items/${item}/history`, token, 2)).toEqual(expected);
      expect(await get(`/items/${item}`, token)).not.toHaveProperty('version');
    }
    const listed = await get(`/items?unit=${unitA}&limit=100`, tokens.a);
    expect(listed.items.find((i: Json) => i.id === item)).not.toHaveProperty('version');
  });

  it('a referral leaves the item exactly as units and inspectors read it: no updatedAt or ETag that moves', async () => {
    const read = async (token: string) => {
      const res = await api('GET', `/items/${item}`, { token });
      return { body: res.json, etag: res.headers.etag };
    };
    const before = { a: await read(tokens.a), inspector: await read(tokens.inspector), office: await read(tokens.office) };
    await post('/referrals', { unitId: unitA, itemId: item, clue: `又一条线索 ${tag}` });
    for (const who of ['a', 'inspector'] as const) {
      const after = await read(tokens[who]);
      expect(after).toEqual(before[who]);
      expect(after.body).not.toHaveProperty('updatedAt');
      expect(after.etag).toBeUndefined();
    }
    // The office sees the change it made.
    expect((await read(tokens.office)).body.version).toBe(before.office.body.version + 1);
  });

  it('a cursor from another item’s or another reader’s history is a 400', async () => {
    const first = await get(`/items/${item}/history?limit=2`, tokens.a);
    const office = await get(`/items/${item}/history?limit=2`, tokens.office);
    for (const cursor of [office.cursor, 'not-a-cursor', Buffer.from(JSON.stringify({ q: 'x', after: 2 })).toString('base64url')]) {
      const res = await api('GET', `/items/${item}/history?limit=2&cursor=${encodeURIComponent(cursor)}`, { token: tokens.a });
      expect(res.status, res.text).toBe(400);
    }
    const officeWithUnitCursor = await api('GET', `/items/${item}/history?limit=2&cursor=${encodeURIComponent(first.cursor)}`, {
      token: tokens.office,
    });
    expect(officeWithUnitCursor.status, officeWithUnitCursor.text).toBe(400);
  });
});
