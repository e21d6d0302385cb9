/**
 * The local API Gateway against stand-in handlers: the events it builds,
 * the authorizer it imitates, and how it writes results and failures.
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi, type ProxyHandler } from '../../scripts/local/http-server';
import { issueToken } from '../../scripts/local/tokens';
import { rawRequest } from '../raw-request';

const secret = 'http-server-test-secret-0123456789';
let api: LocalApi;
let seen: { event: APIGatewayProxyEvent; context: Context }[] = [];
let reply: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> | APIGatewayProxyResult;
const loads: string[] = [];

const standIn: ProxyHandler = async (event, context) => {
  seen.push({ event, context });
  return reply(event);
};

beforeAll(async () => {
  api = await startLocalApi({
    port: 0,
    jwtSecret: secret,
    loadHandler: async (group) => {
      loads.push(group);
      return standIn;
    },
    log: () => undefined,
    maxBodyBytes: 64 * 1024,
    functionTimeoutMs: 300,
  });
});
afterAll(() => api.close());
beforeEach(() => {
  seen = [];
  reply = () => ({ statusCode: 200, body: JSON.stringify({ ok: true }) });
});

const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string | Uint8Array } = {}) => {
  const res = await fetch(`${api.url}${path}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
};
const bearer = async (role: 'office' | 'unit' = 'office', unitId?: string) => ({
  authorization: `Bearer ${await issueToken({ role, unitId, secret })}`,
});

describe('the authorizer', () => {
  it('passes only the verified claims on, every value a string, as Cognito does', async () => {
    await call('GET', '/units', { headers: await bearer('unit', 'hanbin') });
    const claims = seen[0]!.event.requestContext.authorizer!.claims as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: 'local-unit-hanbin',
      'cognito:groups': 'unit',
      'custom:unitId': 'hanbin',
      token_use: 'id',
      iss: 'ducha-local',
      aud: 'ducha-local',
    });
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
    expect(claims.exp).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
    expect(claims.auth_time).toMatch(/^\d+$/);
  });

  it.each([
    ['no token', {}],
    ['another scheme', { authorization: 'Basic b2ZmaWNlOm9mZmljZQ==' }],
    ['a malformed token', { authorization: 'Bearer abc.def.ghi' }],
  ])('refuses %s with 401 and never calls the handler', async (_, headers) => {
    const res = await call('GET', '/units', { headers });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: 'unauthenticated', message: expect.any(String), details: [] } });
    expect(seen).toHaveLength(0);
  });

  it('refuses a token signed with another secret, or expired, saying which', async () => {
    const otherDataDir = await issueToken({ role: 'office', secret: 'someone-else-secret-0123456789ab' });
    const expired = await issueToken({ role: 'office', secret, issuedAt: Math.floor(Date.now() / 1000) - 100, expiresIn: 10 });
    const refusal = async (token: string, language = 'en') => {
      const res = await call('GET', '/units', { headers: { authorization: `Bearer ${token}`, 'accept-language': language } });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthenticated');
      return res.json.error.message as string;
    };
    expect(await refusal(otherDataDir)).toMatch(/^Token signed with another local secret: .*DATA_DIR.*npm run -s token/);
    expect(await refusal(expired)).toBe('Token expired');
    expect(await refusal('abc.def.ghi')).toBe('Invalid token');
    // Chinese unless the request asks for English.
    expect(await refusal(otherDataDir, 'zh-CN')).toMatch(/^登录令牌由另一个本地密钥签发.*DATA_DIR.*npm run -s token/);
    expect(seen).toHaveLength(0);
  });

  it('lets public routes through without a token, with no authorizer context', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(seen[0]!.event.requestContext.authorizer).toBeNull();
  });
});

describe('routing', () => {
  it('answers an unknown route with 404 and a known path with the wrong method with 405', async () => {
    const missing = await call('GET', '/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: 'not-found', message: '没有这个接口：GET /nowhere', details: [] } });
    const wrong = await call('DELETE', '/units');
    expect(wrong.status).toBe(405);
    expect(wrong.json.error.code).toBe('method-not-allowed');
    expect(wrong.headers.get('allow')).toBe('POST, GET');
    expect(seen).toHaveLength(0);
  });

  it('speaks English in its own refusals when the request asks for it, Chinese otherwise', async () => {
    const en = await call('DELETE', '/units', { headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' } });
    expect(en.json.error.message).toBe('DELETE is not allowed on /units; use POST, GET');
    expect(en.headers.get('content-language')).toBe('en');
    const zh = await call('DELETE', '/units', { headers: { 'accept-language': 'fr' } });
    expect(zh.json.error.message).toBe('/units 不接受 DELETE 请求，请使用 POST、GET');
    expect(zh.headers.get('content-language')).toBe('zh-CN');
  });

  it('sends GET / to the console with a 302, calling no function', async () => {
    const res = await fetch(`${api.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/');
    expect(seen).toHaveLength(0);
  });

  it('passes a percent-encoded UTF-8 query decoded, as API Gateway does', async () => {
    await call('GET', `/units?q=${encodeURIComponent('供水 管网')}&limit=5`, { headers: await bearer() });
    expect(seen[0]!.event.queryStringParameters).toEqual({ q: '供水 管网', limit: '5' });
  });

  it.each([
    ['a stray percent sign', '/units?q=%ZZ'],
    ['an escape cut short', '/units?q=%E4%BE'],
    ['bytes that are not UTF-8', '/units?q=%C0%AF'],
  ])('refuses %s in the query string with a 400 that says how to encode it', async (_, path) => {
    const res = await call('GET', path, { headers: await bearer() });
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({ code: 'invalid-input', message: expect.stringContaining('UTF-8'), details: [] });
    expect(res.json.error.message).toContain('百分号编码');
    expect(seen).toHaveLength(0);
  });

  it('answers a query of raw, unencoded bytes (curl ?q=供水) with a 400 in JSON, not an empty body', async () => {
    const request = Buffer.concat([Buffer.from('GET /units?q='), Buffer.from('供水'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n')]);
    const { head, body } = await rawRequest(
      api.url,
      Buffer.concat([request, Buffer.from('Accept-Language: en\r\nConnection: close\r\n\r\n')]),
    );
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(body).error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('percent-encode') });
    expect(seen).toHaveLength(0);
  });

  it('loads each group’s handler once (a cold start), then reuses it', async () => {
    const before = loads.length;
    await call('GET', '/openapi.json');
    await call('GET', '/openapi.json');
    expect(loads.length - before).toBeLessThanOrEqual(1);
    expect(loads.filter((g) => g === 'openapi')).toHaveLength(1);
  });
});

describe('the proxy event', () => {
  it('has what API Gateway’s REST proxy integration sends', async () => {
    const headers = { ...(await bearer()), 'X-Trace': 'one', 'content-type': 'application/json' };
    await call('POST', '/items', { headers, body: '{"title":"汉江"}' });
    await call('GET', '/items/it%2D1/history?status=assigned&unit=a&unit=b', { headers: await bearer() });
    const [post, get] = seen.map((s) => s.event);
    expect(post).toMatchObject({
      resource: '/items',
      path: '/items',
      httpMethod: 'POST',
      pathParameters: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      body: '{"title":"汉江"}',
      isBase64Encoded: false,
      requestContext: { stage: 'local', resourcePath: '/items', httpMethod: 'POST', identity: { sourceIp: '127.0.0.1' } },
    });
    expect(post!.headers['X-Trace']).toBe('one');
    expect(post!.multiValueHeaders['X-Trace']).toEqual(['one']);
    expect(post!.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(post!.requestContext.requestTimeEpoch - Date.now())).toBeLessThan(10_000);
    expect(get).toMatchObject({
      resource: '/items/{id}/history',
      pathParameters: { id: 'it-1' },
      queryStringParameters: { status: 'assigned', unit: 'b' },
      multiValueQueryStringParameters: { status: ['assigned'], unit: ['a', 'b'] },
      body: null,
    });
  });

  it('base64-encodes a body that is not text', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await call('POST', '/items', { headers: { ...(await bearer()), 'content-type': 'application/octet-stream' }, body: bytes });
    const event = seen[0]!.event;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('gives the handler a Lambda context with a time budget', async () => {
    await call('GET', '/units', { headers: await bearer() });
    const { context, event } = seen[0]!;
    expect(context.awsRequestId).toBe(event.requestContext.requestId);
    expect(context.functionName).toBe('ducha-local-units');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(300);
  });
});

describe('the answer', () => {
  it('writes status, headers, multi-value headers and a base64 body', async () => {
    reply = () => ({
      statusCode: 201,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'x-one': 'a' },
      multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
      body: Buffer.from('编号,标题\n1,汉江\n').toString('base64'),
      isBase64Encoded: true,
    });
    const res = await call('GET', '/units', { headers: await bearer() });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-one')).toBe('a');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(res.text).toBe('编号,标题\n1,汉江\n');
  });

  it('defaults the content type to JSON, as API Gateway does', async () => {
    const res = await call('GET', '/units', { headers: await bearer() });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json).toEqual({ ok: true });
  });

  it('turns a throwing handler into a 502, as API Gateway does', async () => {
    reply = () => {
      throw new Error('boom');
    };
    const res = await call('GET', '/units', { headers: await bearer() });
    expect(res.status).toBe(502);
    expect(res.json).toEqual({ error: { code: 'bad-gateway', message: '服务内部出错，请稍后重试', details: [] } });
  });

  it('turns a malformed result and a timed-out handler into a 502', async () => {
    reply = () => ({ body: 'no status' }) as unknown as APIGatewayProxyResult;
    expect((await call('GET', '/units', { headers: await bearer() })).status).toBe(502);
    reply = () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: '' }), 1000));
    expect((await call('GET', '/units', { headers: await bearer() })).status).toBe(502);
  });
});

describe('the payload limit', () => {
  it('refuses a declared-too-large body with 413 before reading it', async () => {
    const res = await call('POST', '/items', {
      headers: { ...(await bearer()), 'content-type': 'application/json' },
      body: 'x'.repeat(64 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload-too-large');
    expect(seen).toHaveLength(0);
  });

  it('refuses a chunked body as soon as it passes the limit', async () => {
    const headers = { ...(await bearer()), 'content-type': 'application/json' };
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.url}/items`, { method: 'POST', headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 40 && req.write(chunk)) sent++;
        if (sent < 40) req.once('drain', pump);
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(seen).toHaveLength(0);
  });
});

describe('handler modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ducha-handlers-'));
  let local: LocalApi;
  beforeAll(async () => {
    writeFileSync(
      join(dir, 'openapi.mjs'),
      `globalThis.__coldStarts = (globalThis.__coldStarts ?? 0) + 1;
       export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ coldStarts: globalThis.__coldStarts, path: event.path }) });`,
    );
    local = await startLocalApi({ port: 0, jwtSecret: secret, handlersDir: dir, log: () => undefined });
  });
  afterAll(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are loaded from the handlers folder once per group', async () => {
    const first = await (await fetch(`${local.url}/openapi.json`)).json();
    const second = (await (await fetch(`${local.url}/openapi.json`)).json()) as { coldStarts: number };
    expect(first).toEqual({ coldStarts: 1, path: '/openapi.json' });
    expect(second.coldStarts).toBe(1);
  });

  it('a missing module is a 502, not a crash', async () => {
    const res = await fetch(`${local.url}/units`, { headers: await bearer() });
    expect(res.status).toBe(502);
  });
});
