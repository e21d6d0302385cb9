import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, registerUnitWithHead, tokenFor, type ApiOptions, type ApiResponse } from './support';

/**
 * Notices (通报, rule 2), rectifications within a week (整改报告, rule 3) and
 * referrals (移送监察机关, rule 5) through the local HTTP API, with who may do
 * what (rule 6). Units and items of its own (a random tag), so the file runs
 * beside the others on the one DynamoDB Local; global listings (/notices,
 * /referrals) are only ever counted for this file's units.
 */
const tag = randomUUID().slice(0, 8);
const unitA = `crit-a-${tag}`;
const unitB = `crit-b-${tag}`;
const stranger = `bystander-${tag}`;
const mine = new Set([unitA, unitB, stranger]);
const ghostUnit = `ghost-unit-${tag}`;
const ghostItem = `no-such-item-${tag}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let office: string;
let leader: string;
let inspector: string;
let aToken: string;
let bToken: string;
let strangerToken: string;
let item1: string;
let item2: string;

const DAY_MS = 86_400_000;
/** Independent of functions/domain/calendar: China Standard Time is a fixed +08:00. */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

async function post(path: string, token: string | undefined, body?: unknown, options: ApiOptions = {}): Promise<ApiResponse> {
  return api('POST', path, { token, ...(body !== undefined ? { body } : {}), ...options });
}

async function get(path: string, token = office): Promise<Json> {
  const res = await api('GET', path, { token });
  expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
  return res.json;
}

/** Every page of a global listing (/notices, /referrals). */
async function all(path: string, token = office): Promise<Json[]> {
  const out: Json[] = [];
  let cursor: string | undefined;
  do {
    const page = await get(`${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

const noticesOfMine = async () => (await all('/notices')).filter((n) => n.unitIds.some((u: string) => mine.has(u)));
const referralsOfMine = async () => (await all('/referrals')).filter((r) => mine.has(r.unitId));
const history = async (id: string, token = office): Promise<Json[]> => (await get(`/items/${id}/history?limit=100`, token)).items;

function expectProblem(res: ApiResponse, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  if (code) expect(res.json.error.code, res.text).toBe(code);
}

async function registerItem(lead: string, coUnits: string[] = []): Promise<string> {
  const res = await api('POST', '/items', {
    token: office,
    body: {
      title: `整治违规占道经营 ${tag}`,
      description: '城区主干道占道经营集中整治',
      source: 'meeting-decision',
      sourceRef: '安政办发〔2014〕134号',
      leadUnit: lead,
      coUnits,
      dueDate: plusDays(shanghaiDay(new Date().toISOString()), 30),
      requirements: ['工作进展情况'],
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id;
}

const noticeBody = (over: Record<string, unknown> = {}) => ({
  level: 'office',
  unitIds: [unitA, unitB],
  itemIds: [item1, item2],
  reason: `逾期未报送进展情况，予以通报批评 ${tag}`,
  mediaExposure: false,
  ...over,
});

const rectificationBody = (over: Record<string, unknown> = {}) => ({
  explanation: '对督办事项重视不够，报送责任未落实到人',
  measures: '明确专人负责，建立每周调度制度',
  report: '关于通报批评问题的整改报告：……',
  ...over,
});

async function issue(over: Record<string, unknown> = {}, options: ApiOptions = {}): Promise<ApiResponse> {
  const res = await post('/notices', office, noticeBody(over), options);
  expect(res.status, res.text).toBe(201);
  return res;
}

beforeAll(async () => {
  office = await tokenFor('office');
  leader = await tokenFor('leader');
  inspector = await tokenFor('inspector');
  aToken = await tokenFor('unit', unitA);
  bToken = await tokenFor('unit', unitB);
  strangerToken = await tokenFor('unit', stranger);
  for (const [id, name] of [
    [unitA, '被通报县'],
    [unitB, '被通报局'],
    [stranger, '无关局'],
  ] as const) {
    await registerUnitWithHead(office, { id, name, kind: 'department' });
  }
  [item1, item2] = await Promise.all([registerItem(unitA, [unitB]), registerItem(unitB)]);
});

describe('issuing a notice (通报, rule 2)', () => {
  it('names units owing a rectification within 7 Shanghai days; readable by every role; in each named item’s history; a retry is replayed', async () => {
    const headers = { 'Idempotency-Key': `notice-${tag}-1` };
    const body = noticeBody({ level: 'government', mediaExposure: true });
    const first = await issue({ level: 'government', mediaExposure: true }, { headers });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const notice = first.json;
    const due = plusDays(shanghaiDay(notice.issuedAt), 7);
    expect(notice).toMatchObject({
      id: expect.any(String),
      level: 'government',
      unitIds: [unitA, unitB],
      itemIds: [item1, item2],
      reason: body.reason,
      mediaExposure: true,
      issuedBy: { role: 'office', sub: 'local-office' },
      rectificationDue: due,
    });
    expect(Math.abs(Date.parse(notice.issuedAt) - Date.now())).toBeLessThan(60_000);
    expect([...notice.rectifications].sort((x: Json, y: Json) => x.unitId.localeCompare(y.unitId))).toEqual([
      { unitId: unitA, due, status: 'owed' },
      { unitId: unitB, due, status: 'owed' },
    ]);

    // A later office-level notice: the listing is newest first.
    const later = (await issue({ unitIds: [unitB], itemIds: [], reason: `再次逾期 ${tag}` })).json;
    expect(later.level).toBe('office');
    expect(later.mediaExposure).toBe(false);
    expect(later.rectifications).toEqual([{ unitId: unitB, due: plusDays(shanghaiDay(later.issuedAt), 7), status: 'owed' }]);

    for (const token of [office, leader, inspector, bToken]) {
      const listed = (await get('/notices?limit=100', token)).items as Json[];
      const ids = listed.map((n) => n.id);
      expect(ids).toContain(notice.id);
      expect(ids.indexOf(later.id)).toBeLessThan(ids.indexOf(notice.id));
      const issued = listed.map((n) => n.issuedAt);
      expect(issued).toEqual([...issued].sort().reverse());
      expect(listed.find((n) => n.id === notice.id)).toMatchObject({ level: 'government', unitIds: [unitA, unitB], rectificationDue: due });
      // A unit reads the delivery (送达) and the rectification of itself only, the office, leaders and inspectors
      // of every named unit.
      const ownOf = (unit: string) => ({
        delivery: notice.delivery.filter((d: Json) => d.unitId === unit),
        rectifications: notice.rectifications.filter((r: Json) => r.unitId === unit),
      });
      const own = token === bToken ? ownOf(unitB) : {};
      expect(await get(`/notices/${notice.id}`, token)).toEqual({ ...notice, ...own });
    }
    // A unit reads only the notices naming it: A not the later one (B's), the bystander neither (as if missing).
    expect((await get('/notices?limit=100', aToken)).items.map((n: Json) => n.id)).toEqual([notice.id]);
    expect(await get(`/notices/${notice.id}`, aToken)).toEqual({
      ...notice,
      delivery: notice.delivery.filter((d: Json) => d.unitId === unitA),
      rectifications: notice.rectifications.filter((r: Json) => r.unitId === unitA),
    });
    expectProblem(await api('GET', `/notices/${later.id}`, { token: aToken }), 404, 'not-found');
    expect((await get('/notices?limit=100', strangerToken)).items).toEqual([]);
    expectProblem(await api('GET', `/notices/${notice.id}`, { token: strangerToken }), 404, 'not-found');

    for (const itemId of [item1, item2]) {
      const events = (await history(itemId)).filter((e) => e.type === 'notice.issued' && e.data.noticeId === notice.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: { role: 'office' },
        data: { noticeId: notice.id, level: 'government', unitIds: [unitA, unitB] },
      });
    }
    // A named unit responsible for the item sees the notice in the item's history too.
    expect((await history(item1, aToken)).some((e) => e.type === 'notice.issued' && e.data.noticeId === notice.id)).toBe(true);

    const countBefore = (await noticesOfMine()).length;
    const lengths = await Promise.all([item1, item2].map(async (id) => (await history(id)).length));
    const retry = await post('/notices', office, body, { headers });
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json).toEqual(notice);
    expect((await noticesOfMine()).length).toBe(countBefore);
    for (const [i, itemId] of [item1, item2].entries()) {
      const events = await history(itemId);
      expect(events).toHaveLength(lengths[i]!);
      expect(events.filter((e) => e.type === 'notice.issued' && e.data.noticeId === notice.id)).toHaveLength(1);
    }

    // The same key for another notice is refused, not replayed.
    expectProblem(await post('/notices', office, { ...body, reason: '另一份通报' }, { headers }), 422, 'idempotency-key-reused');
    expect((await noticesOfMine()).length).toBe(countBefore);
  });
});

describe('a notice refused (nothing written)', () => {
  const cases: [string, () => Record<string, unknown>, number, string, string?][] = [
    ['an unknown unit', () => noticeBody({ unitIds: [unitA, ghostUnit] }), 422, 'unknown-reference', 'unitIds.1'],
    ['an unknown item', () => noticeBody({ itemIds: [item1, ghostItem] }), 422, 'unknown-reference', 'itemIds.1'],
    ['an empty reason', () => noticeBody({ reason: '' }), 400, 'invalid-input', 'reason'],
    ['a reason of spaces', () => noticeBody({ reason: '   ' }), 400, 'invalid-input', 'reason'],
    ['no units', () => noticeBody({ unitIds: [] }), 400, 'invalid-input', 'unitIds'],
    ['an unknown level', () => noticeBody({ level: 'district' }), 400, 'invalid-input', 'level'],
    ['an unknown field', () => ({ ...noticeBody(), severity: 'high' }), 400, 'invalid-input'],
  ];

  it.each(cases)('refuses %s', async (_, body, status, code, path) => {
    const count = (await noticesOfMine()).length;
    const events = (await history(item1)).length;
    const res = await post('/notices', office, body());
    expectProblem(res, status, code);
    if (path) expect(res.json.error.details.map((d: Json) => d.path)).toContain(path);
    expect((await noticesOfMine()).length).toBe(count);
    expect((await history(item1)).length).toBe(events);
  });

  it('refuses a unit, a leader and an inspector (403) and a missing token (401)', async () => {
    const count = (await noticesOfMine()).length;
    const events = (await history(item1)).length;
    for (const token of [aToken, strangerToken, leader, inspector])
      expectProblem(await post('/notices', token, noticeBody()), 403, 'forbidden');
    expectProblem(await post('/notices', undefined, noticeBody()), 401);
    expect((await noticesOfMine()).length).toBe(count);
    expect((await history(item1)).length).toBe(events);
  });

  it('reading needs a token (401); an unknown notice is 404', async () => {
    expect((await api('GET', '/notices')).status).toBe(401);
    expectProblem(await api('GET', `/notices/no-such-notice-${tag}`, { token: leader }), 404, 'not-found');
  });
});

describe('rectification reports (整改报告, rule 3)', () => {
  let notice: Json;
  beforeAll(async () => {
    notice = (await issue({ itemIds: [item1], reason: `整改测试 ${tag}` })).json;
  });

  const standing = async () => (await get(`/notices/${notice.id}`)).rectifications as Json[];
  const byUnit = (list: Json[], unitId: string) => list.find((r) => r.unitId === unitId);

  it('is refused to the office (403), to an unnamed unit as to an unknown notice (404), and when incomplete (400)', async () => {
    const path = `/notices/${notice.id}/rectifications`;
    const before = await standing();
    expectProblem(await post(path, office, rectificationBody()), 403, 'forbidden');
    expectProblem(await post(path, leader, rectificationBody()), 403, 'forbidden');
    // A notice that does not name the unit is as absent to it as a missing one (as GET /notices/{id}).
    expectProblem(await post(path, strangerToken, rectificationBody()), 404, 'not-found');
    expectProblem(await post(`/notices/no-such-notice-${tag}/rectifications`, aToken, rectificationBody()), 404, 'not-found');
    const { report: _omitted, ...incomplete } = rectificationBody();
    const missing = await post(path, aToken, incomplete);
    expectProblem(missing, 400, 'invalid-input');
    expect(missing.json.error.details.map((d: Json) => d.path)).toContain('report');
    expectProblem(await post(path, aToken, rectificationBody({ measures: '  ' })), 400, 'invalid-input');
    expectProblem(await post(path, undefined, rectificationBody()), 401);
    expect(await standing()).toEqual(before);
    expect(before.every((r) => r.status === 'owed' && r.submittedAt === undefined)).toBe(true);
  });

  it('a named unit rectifies on time; a retry is replayed; a second one is 409; the other unit still owes', async () => {
    const path = `/notices/${notice.id}/rectifications`;
    const headers = { 'Idempotency-Key': `rect-${tag}-1` };
    const first = await post(path, aToken, rectificationBody(), { headers });
    expect(first.status, first.text).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.json).toMatchObject({
      ...rectificationBody(),
      noticeId: notice.id,
      unitId: unitA,
      submittedBy: `local-unit-${unitA}`,
      onTime: true,
      submittedAt: expect.any(String),
    });

    const retry = await post(path, aToken, rectificationBody(), { headers });
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json).toEqual(first.json);

    const after = await standing();
    expect(byUnit(after, unitA)).toEqual({
      unitId: unitA,
      due: notice.rectificationDue,
      status: 'rectified',
      submittedAt: first.json.submittedAt,
      onTime: true,
    });
    expect(byUnit(after, unitB)).toEqual({ unitId: unitB, due: notice.rectificationDue, status: 'owed' });

    expectProblem(await post(path, aToken, rectificationBody({ measures: '再补充一些措施' })), 409, 'already-rectified');
    expectProblem(
      await post(path, aToken, rectificationBody(), { headers: { 'Idempotency-Key': `rect-${tag}-2` } }),
      409,
      'already-rectified',
    );
    expect(await standing()).toEqual(after);
    // Leaders and inspectors read every named unit's standing; a named unit its own alone (the other's hand-in,
    // review and timeliness are not its business, as GET …/rectifications/{other} answers it 404).
    for (const token of [leader, inspector]) {
      expect(byUnit((await get(`/notices/${notice.id}`, token)).rectifications, unitA)).toMatchObject({ status: 'rectified' });
    }
    expect((await get(`/notices/${notice.id}`, bToken)).rectifications).toEqual([byUnit(after, unitB)]);
    expect((await get(`/notices/${notice.id}`, aToken)).rectifications).toEqual([byUnit(after, unitA)]);
  });
});

describe('referrals (移送监察机关, rule 5) are confidential', () => {
  let item3: string;
  let first: Json;
  let second: Json;
  const clue = `线索-${tag}：该单位负责人涉嫌在整治中收受好处`;
  const clue2 = `线索2-${tag}：虚报完成情况`;

  beforeAll(async () => {
    item3 = await registerItem(unitA, [unitB]);
  });

  it('the office records them; office and leaders list them newest first with the clue; the item’s history notes them', async () => {
    const a = await post('/referrals', office, { unitId: unitA, itemId: item3, clue });
    expect(a.status, a.text).toBe(201);
    first = a.json;
    expect(first).toMatchObject({
      id: expect.any(String),
      unitId: unitA,
      itemId: item3,
      clue,
      referredBy: { role: 'office', sub: 'local-office' },
    });
    const b = await post('/referrals', office, { unitId: unitB, clue: clue2 });
    expect(b.status, b.text).toBe(201);
    second = b.json;
    expect(second.itemId).toBeUndefined();

    for (const token of [office, leader]) {
      const listed = await all('/referrals', token);
      const ids = listed.map((r) => r.id);
      expect(ids.indexOf(second.id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
      expect(listed.find((r) => r.id === first.id)).toEqual(first);
      expect(listed.find((r) => r.id === second.id)).toMatchObject({ clue: clue2, unitId: unitB });
      const events = (await history(item3, token)).filter((e) => e.type === 'referral.recorded');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: { role: 'office' }, data: { referralId: first.id, unitId: unitA } });
    }
  });

  it('a responsible unit sees neither the referral event nor the clue anywhere', async () => {
    for (const [token, unitId] of [
      [aToken, unitA],
      [bToken, unitB],
    ] as const) {
      const res = await api('GET', `/items/${item3}/history?limit=100`, { token });
      expect(res.status, res.text).toBe(200);
      expect(res.json.items.length).toBeGreaterThan(0);
      expect(res.json.items.some((e: Json) => e.type.startsWith('referral.'))).toBe(false);
      for (const path of [
        `/items/${item3}/history?limit=100`,
        `/items/${item3}`,
        `/items?unit=${unitId}&limit=100`,
        '/notices?limit=100',
      ]) {
        const seen = await api('GET', path, { token });
        expect(seen.status, `${path}: ${seen.text}`).toBe(200);
        expect(seen.text).not.toContain(`${tag}：`);
        expect(seen.text).not.toContain(first.id);
        expect(seen.text).not.toContain(second.id);
      }
    }
  });

  it('units and inspectors may neither record nor list them (403); no token is 401', async () => {
    const count = (await referralsOfMine()).length;
    const events = (await history(item3)).length;
    for (const token of [aToken, strangerToken, inspector, leader]) {
      expectProblem(await post('/referrals', token, { unitId: unitA, itemId: item3, clue }), 403, 'forbidden');
    }
    for (const token of [aToken, bToken, strangerToken, inspector])
      expectProblem(await api('GET', '/referrals', { token }), 403, 'forbidden');
    expectProblem(await post('/referrals', undefined, { unitId: unitA, clue }), 401);
    expect((await api('GET', '/referrals')).status).toBe(401);
    expect((await referralsOfMine()).length).toBe(count);
    expect((await history(item3)).length).toBe(events);
  });

  const refused: [string, () => Record<string, unknown>, number, string, string?][] = [
    ['an unknown unit', () => ({ unitId: ghostUnit, itemId: item3, clue }), 422, 'unknown-reference', 'unitId'],
    ['an unknown item', () => ({ unitId: unitA, itemId: ghostItem, clue }), 422, 'unknown-reference', 'itemId'],
    ['an empty clue', () => ({ unitId: unitA, itemId: item3, clue: '' }), 400, 'invalid-input', 'clue'],
    ['a clue of spaces', () => ({ unitId: unitA, itemId: item3, clue: '   ' }), 400, 'invalid-input', 'clue'],
    ['an unknown field', () => ({ unitId: unitA, itemId: item3, clue, severity: 'high' }), 400, 'invalid-input'],
  ];

  it.each(refused)('refuses %s, writing nothing', async (_, body, status, code, path) => {
    const count = (await referralsOfMine()).length;
    const events = (await history(item3)).length;
    const res = await post('/referrals', office, body());
    expectProblem(res, status, code);
    if (path) expect(res.json.error.details.map((d: Json) => d.path)).toContain(path);
    expect((await referralsOfMine()).length).toBe(count);
    expect((await history(item3)).length).toBe(events);
  });
});
