import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { api, type ApiResponse, registerUnitWithHead, tokenFor } from './support';

/**
 * What the client got wrong is a 400 saying what, never a 500, and writes
 * nothing (read back): forged page cursors on every route that takes one,
 * numbers DynamoDB cannot store, dates far outside the platform's years,
 * line breaks in titles and names, and the Idempotency-Key's rule.
 */
const tag = randomUUID().slice(0, 8);
const today = shanghaiDate(new Date());
const lead = `input-lead-${tag}`;

let office: string;
let leadToken: string;
let itemA: string;
let itemB: string;

const itemBody = (over: Record<string, unknown> = {}) => ({
  title: `输入校验-${tag}`,
  source: 'work-report',
  sourceRef: '安政办发〔2014〕134号',
  leadUnit: lead,
  dueDate: addDays(today, 60),
  requirements: ['进展情况'],
  ...over,
});
const reportBody = (over: Record<string, unknown> = {}) => ({
  summary: `进展-${tag}`,
  percentComplete: 40,
  answers: [{ requirement: 0, answer: '按计划推进' }],
  ...over,
});

function expectRefusal(res: ApiResponse, path: string, message?: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.json.error.code).toBe('invalid-input');
  expect(res.json.error.details).toEqual([expect.objectContaining({ path, ...(message ? { message } : {}) })]);
}

const en = { 'accept-language': 'en' };
const forge = (q: string, k: Record<string, string>) => Buffer.from(JSON.stringify({ q, k })).toString('base64url');
const get = (path: string) => api('GET', path, { token: office, headers: en });

beforeAll(async () => {
  office = await tokenFor('office');
  leadToken = await tokenFor('unit', lead);
  await registerUnitWithHead(office, { id: lead, name: '输入校验县', kind: 'county' });
  for (const which of ['A', 'B']) {
    const res = await api('POST', '/items', { token: office, body: itemBody({ title: `输入校验-${tag}-${which}` }) });
    expect(res.status, res.text).toBe(201);
    if (which === 'A') itemA = res.json.id;
    else itemB = res.json.id;
  }
  expect((await api('POST', `/items/${itemB}/acknowledge`, { token: leadToken })).status).toBe(200);
});

describe('a forged page cursor is a 400 on every route that takes one', () => {
  // The keys of the queries the cursors resume (adapters/dynamodb): the whole ledger and the listings by ByUnit (GSI2).
  const byUnit = (partition: string, sort: string, pk = 'X#x', sk = 'X') => ({ PK: pk, SK: sk, GSI2PK: partition, GSI2SK: sort });
  const routes: [string, string, string][] = [
    ['/units', 'ByUnit|UNITS', 'UNITS'],
    ['/notices', 'ByUnit|NOTICES', 'NOTICES'],
    ['/referrals', 'ByUnit|REFERRALS', 'REFERRALS'],
    ['/items', 'ByUnit|LEDGER', 'LEDGER'],
  ];

  it.each(routes)('%s: garbage, an empty key, another partition', async (path, q, partition) => {
    const forged = [
      'bm90IGEgY3Vyc29y!!',
      forge(q, byUnit(partition, '')),
      forge(q, byUnit('', '2026-01-01#x')),
      forge(q, byUnit(partition === 'UNITS' ? 'NOTICES' : 'UNITS', '2026-01-01#x')),
    ];
    for (const cursor of forged) expectRefusal(await get(`${path}?limit=1&cursor=${encodeURIComponent(cursor)}`), 'cursor');
  });

  it('/items: a cursor outside the due-date range of its filter', async () => {
    const cursor = forge('ByUnit|LEDGER', byUnit('LEDGER', '2001-01-01#x'));
    expectRefusal(await get(`/items?dueAfter=2026-12-31&cursor=${cursor}`), 'cursor');
    const unitCursor = forge(`ByUnit|UNIT#${lead}`, byUnit(`UNIT#${lead}`, ''));
    expectRefusal(await get(`/items?unit=${lead}&cursor=${unitCursor}`), 'cursor');
  });

  it.each(['history', 'reports'])('/items/{id}/%s: another item, another kind of record, an empty key, garbage', async (listing) => {
    const prefix = listing === 'history' ? 'EVENT#' : 'REPORT#';
    const forged = [
      forge(`${listing}|${itemA}`, { PK: `ITEM#${itemB}`, SK: `${prefix}0000000001` }),
      forge(`${listing}|${itemA}`, { PK: `ITEM#${itemA}`, SK: listing === 'history' ? 'REPORT#x' : 'EVENT#0000000001' }),
      forge(`${listing}|${itemA}`, { PK: `ITEM#${itemA}`, SK: '' }),
      forge(`${listing}|${itemA}`, { PK: '', SK: `${prefix}0000000001` }),
      forge(`${listing}|${itemB}`, { PK: `ITEM#${itemB}`, SK: `${prefix}0000000001` }),
      '%%%',
    ];
    for (const cursor of forged)
      expectRefusal(await get(`/items/${itemA}/${listing}?limit=1&cursor=${encodeURIComponent(cursor)}`), 'cursor');
  });

  it('still pages with the cursors it gives', async () => {
    const first = await get(`/items/${itemB}/history?limit=1`);
    expect(first.status, first.text).toBe(200);
    expect(first.json.cursor).toEqual(expect.any(String));
    const second = await get(`/items/${itemB}/history?limit=1&cursor=${first.json.cursor}`);
    expect(second.status, second.text).toBe(200);
    expect(second.json.items.map((e: { seq: number }) => e.seq)).toEqual([first.json.items[0].seq + 1]);
    // B's cursor on A's history is B's.
    expectRefusal(await get(`/items/${itemA}/history?cursor=${first.json.cursor}`), 'cursor');
  });
});

describe('numbers DynamoDB cannot store are refused, naming the field, and nothing is written', () => {
  it.each([
    ['percentComplete', 1e-200],
    ['investmentYuan', 1e-131],
    ['percentComplete', 12.345],
  ])('%s %s', async (field, value) => {
    const res = await api('POST', `/items/${itemB}/reports`, { token: leadToken, headers: en, body: reportBody({ [field]: value }) });
    expectRefusal(res, field, 'must have at most two decimal places');
    const reports = await get(`/items/${itemB}/reports`);
    expect(reports.json.items).toEqual([]);
    const item = await get(`/items/${itemB}`);
    expect(item.json.percentComplete).toBeUndefined();
  });

  it('takes a report to the hundredth', async () => {
    const res = await api('POST', `/items/${itemB}/reports`, {
      token: leadToken,
      body: reportBody({ percentComplete: 33.33, investmentYuan: 1234.56 }),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ percentComplete: 33.33, investmentYuan: 1234.56 });
  });
});

describe('dates outside 2000–2100 are a 400 on every date parameter, and nothing is written', () => {
  const message = 'must be between 2000-01-01 and 2100-12-31';

  it.each([
    ['/reports/overview?asOf=9999-12-31', 'query.asOf'],
    ['/reports/overview?asOf=1970-01-01', 'query.asOf'],
    ['/reports/assessment?year=2026&asOf=9999-12-31', 'query.asOf'],
    ['/items?dueBefore=9999-12-31', 'query.dueBefore'],
    ['/items?dueAfter=0001-01-01', 'query.dueAfter'],
    ['/reports/ledger.csv?dueBefore=9999-12-31', 'query.dueBefore'],
    ['/reports/ledger.xlsx?dueAfter=2101-01-01', 'query.dueAfter'],
  ])('GET %s', async (path, field) => {
    expectRefusal(await get(path), field, message);
  });

  it('POST /items with a due date or a milestone in 9999', async () => {
    const title = `远期-${tag}`;
    for (const body of [
      itemBody({ title, dueDate: '9999-12-31' }),
      itemBody({ title, milestones: [{ title: '一期', dueDate: '2101-01-01' }] }),
    ]) {
      const res = await api('POST', '/items', { token: office, headers: en, body });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.details.map((d: { message: string }) => d.message)).toEqual([message]);
    }
    expect((await get(`/items?unit=${lead}&limit=100`)).json.items.map((i: { title: string }) => i.title)).not.toContain(title);
  });

  it('POST /items/{id}/extension-requests for 9999-12-31', async () => {
    const res = await api('POST', `/items/${itemB}/extension-requests`, {
      token: leadToken,
      headers: en,
      body: { newDueDate: '9999-12-31', reason: '施工受阻' },
    });
    expectRefusal(res, 'newDueDate', message);
    expect((await get(`/items/${itemB}/extension-requests`)).json.items).toEqual([]);
  });
});

describe('titles and names are one line; a break in one is a 400 naming it, and nothing is written', () => {
  it.each([
    ['title', { title: `供水改造-${tag}\n=cmd|' /C calc'!A0` }],
    ['title', { title: `供水改造-${tag}\r=1+1` }],
    ['title', { title: `供水改造-${tag}\u2028二期` }],
    ['sourceRef', { sourceRef: '安政办发\n〔2014〕134号' }],
    ['milestones.0.title', { milestones: [{ title: '一期\u0085完工', dueDate: addDays(today, 30) }] }],
  ])('POST /items: %s', async (field, over) => {
    const res = await api('POST', '/items', { token: office, headers: en, body: itemBody(over) });
    expectRefusal(res, field, 'must be one line, without line breaks');
    expect((await get(`/items?unit=${lead}&limit=100`)).json.items).toHaveLength(2);
  });

  it.each([
    ['name', { name: '汉滨\n区' }],
    ['contacts.0.name', { contacts: [{ name: '李\r\n四', email: 'li@example.gov.cn', role: 'head' }] }],
  ])('POST /units: %s', async (field, over) => {
    const id = `input-unit-${tag}`;
    const res = await api('POST', '/units', { token: office, headers: en, body: { id, name: '汉滨区', kind: 'county', ...over } });
    expectRefusal(res, field, 'must be one line, without line breaks');
    expect((await get(`/units/${id}`)).status).toBe(404);
  });

  it('keeps line breaks in a report, and the ledger CSV keeps a row per item even for a title stored with a break', async () => {
    const res = await api('POST', `/items/${itemB}/reports`, {
      token: leadToken,
      body: reportBody({ summary: '第一段\n第二段', answers: [{ requirement: 0, answer: '一\r\n二' }] }),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.summary).toBe('第一段\n第二段');

    // A title written before titles were one line: straight into the ledger, as an earlier version could.
    const { DynamoItemRepository } = await import('../../functions/adapters/dynamodb/item-repository');
    const { DynamoIdempotencyStore } = await import('../../functions/adapters/dynamodb/idempotency-store');
    const { DynamoUnitRepository } = await import('../../functions/adapters/dynamodb/unit-repository');
    const { registerItem } = await import('../../functions/use-cases/register-item');
    const deps = { items: new DynamoItemRepository(), units: new DynamoUnitRepository(), idempotency: new DynamoIdempotencyStore() };
    await registerItem({ ...deps, clock: { now: () => new Date() } }, { sub: 'test', role: 'office' }, {
      ...itemBody({ title: `旧数据-${tag}\n=cmd|' /C calc'!A0` }),
      description: '',
      coUnits: [],
      projectType: false,
      milestones: [],
    } as never);

    const csv = await api('GET', `/reports/ledger.csv?unit=${lead}`, { token: office });
    expect(csv.status, csv.text).toBe(200);
    // Outside quotes, any CR or LF ends a record, as Excel reads a bare one.
    const records = csv.text
      .replace(/^\uFEFF/, '')
      .match(/(?:"(?:[^"]|"")*"|[^",\r\n])*(?:,(?:"(?:[^"]|"")*"|[^",\r\n])*)*(?:\r\n|\r|\n|$)/g);
    const rows = (records ?? []).filter((r) => r !== '');
    expect(rows).toHaveLength(1 + 3);
    for (const row of rows) expect(row).not.toMatch(/(?:^|,)[=+\-@]/);
    expect(csv.text).toContain(`"旧数据-${tag}\n=cmd|' /C calc'!A0"`);
  });
});

describe('Idempotency-Key: any 1–255 printable ASCII characters', () => {
  const unitBody = (id: string) => ({ id, name: '幂等县', kind: 'county', contacts: [] });

  it('takes a one-character key and a key with spaces and punctuation, and replays the first answer', async () => {
    // Keys are scoped to who sends them: an office user of this file's own, so a one-letter key is this run's.
    const keyOwner = await tokenFor('office', undefined, { sub: `office-${tag}` });
    for (const [n, key] of [
      [1, 'k'],
      [2, `order #42 / ${tag} "retry"`],
    ] as const) {
      const id = `idem-${n}-${tag}`;
      const headers = { 'Idempotency-Key': `${key}` };
      const first = await api('POST', '/units', { token: keyOwner, headers, body: unitBody(id) });
      expect(first.status, first.text).toBe(201);
      const again = await api('POST', '/units', { token: keyOwner, headers, body: unitBody(id) });
      expect(again.status, again.text).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json).toEqual(first.json);
    }
  });

  it.each([
    ['256 characters', 'k'.repeat(256)],
    ['a character beyond ASCII', 'clé-1234'],
  ])('refuses %s, naming the header once, and writes nothing', async (_, key) => {
    const id = `idem-bad-${tag}`;
    const res = await api('POST', '/units', { token: office, headers: { ...en, 'Idempotency-Key': key }, body: unitBody(id) });
    expectRefusal(res, 'Idempotency-Key', 'must be 1–255 printable ASCII characters, with no space at either end');
    expect(res.json.error.message.match(/Idempotency-Key/g)).toHaveLength(1);
    expect((await get(`/units/${id}`)).status).toBe(404);
  });
});
