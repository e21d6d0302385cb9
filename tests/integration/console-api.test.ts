/**
 * What the web console needs of the API, through the local HTTP server and
 * the real handlers: messages in Chinese (English on request), one shape of
 * error details, text search over the ledger, and `GET /` sending a browser
 * to the console.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { rawRequest } from '../raw-request';
import { api, apiUrl, tokenFor } from './support';

const tag = randomUUID().slice(0, 8);
const lead = `search-lead-${tag}`;
const other = `search-other-${tag}`;
const today = shanghaiDate(new Date());
let office: string;

const itemBody = (over: Record<string, unknown> = {}) => ({
  title: '推进重点工作',
  source: 'work-report',
  sourceRef: '2026年《政府工作报告》',
  leadUnit: lead,
  dueDate: addDays(today, 30),
  requirements: ['工程进度', '资金到位情况'],
  ...over,
});
const register = async (over: Record<string, unknown>) => {
  const res = await api('POST', '/items', { token: office, body: itemBody(over) });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
};
const en = { 'accept-language': 'en' };

beforeAll(async () => {
  office = await tokenFor('office');
  for (const [id, name] of [
    [lead, '检索县'],
    [other, '他县'],
  ]) {
    const res = await api('POST', '/units', {
      token: office,
      body: { id, name, kind: 'county', contacts: [{ name: '联络员', email: `l@${id}.example.gov.cn`, role: 'liaison' }] },
    });
    expect(res.status).toBe(201);
  }
});

describe('messages a clerk reads', () => {
  it('a 400 names each field in Chinese, and in English when the request asks for it', async () => {
    const body = itemBody({ title: '', dueDate: '2026-02-30', colour: 'red' });
    const zh = await api('POST', '/items', { token: office, body });
    expect(zh.status).toBe(400);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.json.error.code).toBe('invalid-input');
    expect(zh.json.error.details).toEqual(
      expect.arrayContaining([
        { path: 'title', message: '不能为空' },
        { path: 'dueDate', message: '应为真实存在的日期，格式 YYYY-MM-DD' },
        { path: '', message: '不认识的字段：colour' },
      ]),
    );
    expect(zh.json.error.message).toMatch(/^请求有误：/);
    expect(zh.json.error.message).not.toMatch(/Invalid|expected/);

    const english = await api('POST', '/items', { token: office, body, headers: en });
    expect(english.headers['content-language']).toBe('en');
    expect(english.json.error.details.map((d: { path: string }) => d.path)).toEqual(
      zh.json.error.details.map((d: { path: string }) => d.path),
    );
    expect(english.json.error.details).toContainEqual({ path: 'dueDate', message: 'must be a real calendar date, YYYY-MM-DD' });
  });

  it('a query parameter’s problem says where it was', async () => {
    const res = await api('GET', '/items?limit=0&light=blue', { token: office });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      { path: 'query.light', message: '应为以下之一：green、yellow、red' },
      { path: 'query.limit', message: '不能小于 1' },
    ]);
  });

  it('a 422 of a rule speaks Chinese, with its fields in the same list shape', async () => {
    const res = await api('POST', '/items', { token: office, body: itemBody({ coUnits: [lead] }) });
    expect(res.status).toBe(422);
    expect(res.json.error).toEqual({
      code: 'lead-unit-also-co-unit',
      message: '牵头单位不能同时是协办单位',
      details: [{ path: 'coUnits', message: `包含了牵头单位 ${lead}` }],
    });
    const english = await api('POST', '/items', { token: office, body: itemBody({ coUnits: [lead] }), headers: en });
    expect(english.json.error.message).toBe('The lead unit cannot also be a co-unit');
    expect(english.json.error.details).toEqual([{ path: 'coUnits', message: `contains the lead unit ${lead}` }]);
  });

  it('a 409 speaks Chinese and lists its details like every other status', async () => {
    const id = await register({ title: '重复签收的事项' });
    const unit = await tokenFor('unit', lead);
    expect((await api('POST', `/items/${id}/acknowledge`, { token: unit })).status).toBe(200);
    const twice = await api('POST', `/items/${id}/acknowledge`, { token: unit });
    expect(twice.status).toBe(409);
    expect(twice.json.error).toEqual({ code: 'already-acknowledged', message: '贵单位已签收该督查事项', details: [] });
    const claim = await api('POST', `/items/${id}/completion`, { token: unit, body: { summary: '已完成' }, headers: en });
    expect(claim.status).toBe(409);
    expect(claim.json.error.message).toBe(
      `Cannot claim completion of item ${id}: its status is acknowledged (no progress has been reported yet)`,
    );
    expect(claim.json.error.details).toEqual([
      {
        message: 'claimCompletion is allowed from: in-progress',
        status: 'acknowledged',
        action: 'claimCompletion',
        allowedFrom: ['in-progress'],
      },
    ]);
  });

  it('401, 403 and 404 speak Chinese too', async () => {
    const anonymous = await api('GET', '/items');
    expect(anonymous.json.error).toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/^请先登录/), details: [] });
    const unit = await tokenFor('unit', lead);
    const forbidden = await api('POST', '/units', { token: unit, body: { id: `x-${tag}`, name: 'x', kind: 'county' } });
    expect(forbidden.json.error.message).toBe('POST /units 仅限督查室使用；您当前的身份是责任单位');
    const missing = await api('GET', `/items/none-${tag}`, { token: office });
    expect(missing.json.error).toEqual({ code: 'not-found', message: `没有督查事项 none-${tag}`, details: [] });
  });
});

describe('GET /items?q= (text search)', () => {
  const matching: string[] = [];
  let othersMatch: string;
  beforeAll(async () => {
    // Seven that match `供水 <tag>`, by title, source reference or description (Latin in another case), on different dates.
    for (let i = 0; i < 7; i += 1) {
      const where = i % 3;
      matching.push(
        await register({
          title: where === 0 ? `城区供水管网改造 ${tag} 第${i}期` : `第${i}期重点工程`,
          sourceRef: where === 1 ? `供水专项（${tag.toUpperCase()}）` : '2026年《政府工作报告》',
          description: where === 2 ? `涉及供水 ${tag.toUpperCase()} 工程` : '',
          dueDate: addDays(today, 10 + i),
          source: i % 2 ? 'media-report' : 'work-report',
        }),
      );
    }
    // Near misses: only one of the two words.
    await register({ title: `城区排水管网 ${tag}` });
    await register({ title: '城区供水管网（另一批）' });
    othersMatch = await register({ title: `供水 ${tag} 他县事项`, leadUnit: other });
  });

  const search = async (query: string, token = office) => {
    const res = await api('GET', `/items?${query}`, { token });
    expect(res.status, res.text).toBe(200);
    return res.json as { items: { id: string; dueDate: string }[]; cursor?: string };
  };
  const q = (words: string) => `q=${encodeURIComponent(words)}`;

  it('finds every item holding all the words, in its title, source reference or description, in due-date order', async () => {
    const found = await search(`${q(`供水 ${tag}`)}&unit=${lead}&limit=100`);
    expect(found.items.map((i) => i.id)).toEqual(matching);
    expect(found.cursor).toBeUndefined();
  });

  it('pages through the matches of the whole ledger with the cursor, each once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await search(`${q(`供水 ${tag}`)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expect.arrayContaining([...matching, othersMatch]));
    expect(seen).toHaveLength(8);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('combines with the other filters: status and light through the open-items index, source, due dates', async () => {
    const byStatus = await search(`${q(`供水 ${tag}`)}&status=assigned&limit=100`);
    expect(byStatus.items.map((i) => i.id).sort()).toEqual([...matching, othersMatch].sort());
    const green = await search(`${q(`${tag} 供水`)}&light=green&source=media-report&limit=100`);
    expect(green.items.map((i) => i.id)).toEqual([matching[1], matching[3], matching[5]]);
    const due = await search(`${q(`供水 ${tag}`)}&unit=${lead}&dueAfter=${addDays(today, 13)}&limit=100`);
    expect(due.items.map((i) => i.id)).toEqual(matching.slice(4));
  });

  it('matches Latin letters in any case and full-width forms', async () => {
    const upper = await search(`${q(`供水 ${tag.toUpperCase()}`)}&unit=${lead}&limit=100`);
    expect(upper.items).toHaveLength(7);
    const fullWidth = tag.replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const wide = await search(`${q(`供水 ${fullWidth}`)}&unit=${lead}&limit=100`);
    expect(wide.items).toHaveLength(7);
  });

  it('shows a unit only its own matches', async () => {
    const found = await search(`${q(`供水 ${tag}`)}&limit=100`, await tokenFor('unit', other));
    expect(found.items.map((i) => i.id)).toEqual([othersMatch]);
  });

  it('filters the ledger spreadsheet the same way', async () => {
    const csv = await api('GET', `/reports/ledger.csv?${q(`供水 ${tag}`)}&unit=${lead}`, { token: office });
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + matching.length);
  });

  it('treats an empty q as no filter', async () => {
    const all = await search(`q=&unit=${lead}&limit=100`);
    expect(all.items.length).toBeGreaterThan(matching.length);
  });

  it.each([
    ['a stray percent sign', 'q=%ZZ'],
    ['an escape cut short', 'q=%E4%BE'],
    ['bytes that are not UTF-8', 'q=%FF%FE'],
  ])('refuses %s with a 400 that says how to encode', async (_, query) => {
    const res = await api('GET', `/items?${query}`, { token: office });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid-input');
    expect(res.json.error.message).toContain('UTF-8');
    const english = await api('GET', `/items?${query}`, { token: office, headers: en });
    expect(english.json.error.message).toMatch(/percent-encode/);
  });

  it('refuses a query sent as raw UTF-8 bytes (not percent-encoded) with a 400 in JSON, not an empty answer', async () => {
    const { head, body } = await rawRequest(
      apiUrl(),
      Buffer.from(`GET /items?q=供水 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${office}\r\nConnection: close\r\n\r\n`),
    );
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(body).error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('百分号编码') });
  });

  it('refuses what a gateway decodes from bytes that are not UTF-8 (U+FFFD), at the handler', async () => {
    // API Gateway decodes the query string before the function sees it: the handler checks the text itself.
    const { handler } = await import('../../functions/http/items');
    const res = await handler(
      {
        httpMethod: 'GET',
        path: '/items',
        resource: '/items',
        headers: {},
        queryStringParameters: { q: '供\uFFFD' },
        pathParameters: null,
        body: null,
        isBase64Encoded: false,
        requestContext: { authorizer: { claims: { sub: 'console-api-test', 'cognito:groups': 'office' } } },
      } as never,
      {} as never,
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.details).toEqual([
      { path: 'query.q', message: '搜索词含有无法识别的字符：请按 UTF-8 对查询参数进行百分号编码' },
    ]);
  });
});

describe('GET /', () => {
  it('sends a browser to the console', async () => {
    const res = await fetch(`${apiUrl()}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/');
  });
});
