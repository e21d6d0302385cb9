/**
 * The web console on the local server: its files under /console/ (deep
 * links, cache headers, config.json) and the local-only sign-in service
 * under /local/, which the AWS stack must never have.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/http/openapi-document';
import { routes } from '../../functions/http/routes';
import { startLocalApi, type LocalApi } from '../../scripts/local/http-server';
import { verifyToken } from '../../scripts/local/tokens';

const secret = 'console-test-secret-0123456789abcdef';
const dist = mkdtempSync(join(tmpdir(), 'ducha-console-dist-'));
const INDEX = '<!doctype html><title>督查管理电子平台</title><div id="root"></div>';
let api: LocalApi;
let unbuilt: LocalApi;
const unitRequests: APIGatewayProxyEvent[] = [];

beforeAll(async () => {
  writeFileSync(join(dist, 'index.html'), INDEX);
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'index-AbC123.js'), 'console.log("board")');
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
  // The roster the sign-in page lists comes from the API's own GET /units (a stand-in here), two pages of it; the
  // offices to sign in for from its GET /offices.
  const loadHandler = async () => async (event: APIGatewayProxyEvent) => {
    if (event.path === '/offices') {
      const at = '2026-01-01T00:00:00.000Z';
      const office = { id: 'root', name: '市政府督查室', registeredAt: at };
      const below = [{ id: 'hanbin', name: '汉滨区政府督查室', parentId: 'root', unitId: 'hanbin-district', registeredAt: at }];
      return { statusCode: 200, body: JSON.stringify({ office, path: [office], below }) };
    }
    unitRequests.push(event);
    const second = event.queryStringParameters?.cursor === 'page-2';
    const items = second
      ? [{ id: 'pingli-county', name: '平利县人民政府', kind: 'county', contacts: [], registeredAt: '', version: 1 }]
      : [{ id: 'hanbin-district', name: '汉滨区人民政府', kind: 'county', contacts: [], registeredAt: '', version: 1 }];
    return { statusCode: 200, body: JSON.stringify(second ? { items } : { items, cursor: 'page-2' }) };
  };
  api = await startLocalApi({ port: 0, jwtSecret: secret, consoleDir: dist, loadHandler, log: () => undefined });
  unbuilt = await startLocalApi({ port: 0, jwtSecret: secret, consoleDir: join(dist, 'missing'), loadHandler, log: () => undefined });
});
afterAll(async () => {
  await Promise.all([api.close(), unbuilt.close()]);
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string, base = api, init: RequestInit = {}) => fetch(`${base.url}${path}`, { redirect: 'manual', ...init });

describe('the console’s files on the local server', () => {
  it('answers every deep link under /console/ with the app’s page, revalidated', async () => {
    for (const path of ['/console/', '/console/office/items/demo-1', '/console/unit/inbox?x=1']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX);
    }
    const bare = await get('/console');
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/console/']);
  });

  it('caches the hashed assets for a year, and a missing asset is a 404, not the app’s page', async () => {
    const js = await get('/console/assets/index-AbC123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("board")');
    expect((await get('/console/assets/index-Old999.js')).status).toBe(404);
    expect((await get('/console/favicon.svg')).headers.get('cache-control')).toBe('no-cache');
  });

  it('says local mode in config.json (AWS writes its Cognito settings there at deploy)', async () => {
    const res = await get('/console/config.json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ mode: 'local' });
  });

  it('serves nothing outside the build, and only reads', async () => {
    for (const path of ['/console/..%2f..%2fpackage.json', '/console/%2e%2e/%2e%2e/package.json']) {
      const res = await get(path);
      expect(await res.text()).not.toContain('"name"');
    }
    expect((await get('/console/office/board', api, { method: 'POST' })).status).toBe(405);
  });

  it('says in Chinese how to build a console that is not built', async () => {
    const res = await get('/console/office/board', unbuilt);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm start');
  });
});

describe('the local sign-in service', () => {
  const token = (body: unknown) =>
    fetch(`${api.url}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** POST /local/token with a Host and a Content-Type of the test's choosing (fetch would not send any Host). */
  const tokenAs = (headers: { host: string; 'content-type'?: string }) =>
    new Promise<{ status: number; json: { error?: { code: string; message: string }; idToken?: string } }>((resolve, reject) => {
      const body = JSON.stringify({ role: 'office' });
      const req = request(
        `${api.url}/local/token`,
        { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('hands out a token shaped like Cognito’s ID token, for a role or a unit', async () => {
    const unit = await token({ role: 'unit', unitId: 'hanbin-district' });
    expect(unit.status).toBe(200);
    const { idToken, expiresIn } = (await unit.json()) as { idToken: string; expiresIn: number };
    expect(expiresIn).toBe(12 * 3600);
    expect(await verifyToken(idToken, secret)).toMatchObject({
      'cognito:groups': ['unit'],
      'custom:unitId': 'hanbin-district',
      token_use: 'id',
    });
    const office = (await (await token({ role: 'office' })).json()) as { idToken: string };
    expect(await verifyToken(office.idToken, secret)).toMatchObject({ 'cognito:groups': ['office'] });
  });

  it('refuses an unknown role, a unit user without a unit and a unit for another role, in Chinese', async () => {
    for (const body of [{ role: 'admin' }, { role: 'unit' }, { role: 'leader', unitId: 'hanbin-district' }, 'not json']) {
      const res = await token(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('gives a token only to a page of this machine: a local Host, and JSON (which a cross-site form cannot send)', async () => {
    const json = 'application/json; charset=utf-8';
    for (const host of ['localhost:3000', 'localhost', '127.0.0.1:4000', '[::1]:3000', 'LOCALHOST:3000']) {
      const res = await tokenAs({ host, 'content-type': json });
      expect([host, res.status]).toEqual([host, 200]);
      expect(res.json.idToken).toBeDefined();
    }
    // A page of another site whose name was rebound to 127.0.0.1 sends its own name as the Host.
    for (const host of ['evil.example:3000', 'evil.example', 'localhost.evil.example:3000', '127.0.0.1.evil.example']) {
      const res = await tokenAs({ host, 'content-type': json });
      expect([host, res.status, res.json.error?.code]).toEqual([host, 403, 'not-local']);
      expect(res.json.error?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // A form or a no-cors fetch can post text/plain to any address without asking; JSON needs CORS, which this never allows.
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await tokenAs({ host: 'localhost:3000', ...(contentType ? { 'content-type': contentType } : {}) });
      expect([contentType, res.status, res.json.error?.code]).toEqual([contentType, 403, 'json-only']);
    }
  });

  it('lists the roles, the offices and the whole roster, read through GET /offices and GET /units page by page', async () => {
    const res = await get('/local/sign-in-options');
    expect(await res.json()).toEqual({
      roles: ['office', 'leader', 'unit', 'inspector'],
      offices: [
        { id: 'root', name: '市政府督查室' },
        { id: 'hanbin', name: '汉滨区政府督查室', parentId: 'root' },
      ],
      units: [
        { id: 'hanbin-district', name: '汉滨区人民政府', kind: 'county' },
        { id: 'pingli-county', name: '平利县人民政府', kind: 'county' },
      ],
      leaders: [],
    });
    expect(unitRequests.at(-1)?.requestContext.authorizer?.claims).toMatchObject({ 'cognito:groups': 'office' });
    // Another office's roster is read with a token of that office; an office id that is none is refused.
    await get('/local/sign-in-options?office=hanbin');
    expect(unitRequests.at(-1)?.requestContext.authorizer?.claims).toMatchObject({ 'custom:officeId': 'hanbin' });
    expect((await get('/local/sign-in-options?office=Not%20One')).status).toBe(400);
  });

  it('exists only on the local server: neither the route table (the AWS API is built from it) nor the contract has it', () => {
    const localOnly = (path: string) => path.startsWith('/local') || path.startsWith('/console');
    expect(routes.filter((r) => localOnly(r.path))).toEqual([]);
    expect(Object.keys(openApiDocument().paths ?? {}).filter(localOnly)).toEqual([]);
  });
});
