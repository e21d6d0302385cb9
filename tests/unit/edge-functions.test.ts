/**
 * The CloudFront Functions of the distribution (lib/edge/), run exactly as
 * they are deployed: the file's text, evaluated, its `handler` called with
 * the viewer-request event CloudFront gives it.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EDGE_FUNCTIONS } from '../../lib/web-console';

type Request = { method: string; uri: string; querystring: Record<string, { value: string }>; headers: Record<string, { value: string }> };
type Handler = (event: { version: '1.0'; context: { eventType: 'viewer-request' }; viewer: { ip: string }; request: Request }) => unknown;

const load = (file: string): Handler => new Function(`${readFileSync(file, 'utf8')}\nreturn handler;`)() as Handler;
const viewerRequest = (uri: string, querystring: Request['querystring'] = {}) => ({
  version: '1.0' as const,
  context: { eventType: 'viewer-request' as const },
  viewer: { ip: '203.0.113.7' },
  request: { method: 'GET', uri, querystring, headers: { host: { value: 'd111111abcdef8.cloudfront.net' } } },
});

describe('the console path function (/console/*)', () => {
  const handler = load(EDGE_FUNCTIONS.consolePaths);
  const uriAfter = (uri: string) => (handler(viewerRequest(uri)) as Request).uri;

  it.each([
    ['/console/', '/console/index.html'],
    ['/console/items', '/console/index.html'],
    ['/console/items/20261129T134449352Z-e604229a', '/console/index.html'],
    ['/console/items/2026-001/reports/', '/console/index.html'],
    ['/console/units/hanbin-district', '/console/index.html'],
  ])('serves the deep link %s as the app (%s)', (uri, expected) => {
    expect(uriAfter(uri)).toBe(expected);
  });

  it.each([
    '/console/index.html',
    '/console/config.json',
    '/console/favicon.svg',
    '/console/assets/index-B3x9Qf2a.js',
    '/console/assets/echarts-Cd81.css',
  ])('fetches the file %s as it is', (uri) => {
    expect(uriAfter(uri)).toBe(uri);
  });

  it('keeps the query string and headers of a deep link', () => {
    const request = handler(viewerRequest('/console/items', { q: { value: '供水' } })) as Request;
    expect(request).toMatchObject({
      uri: '/console/index.html',
      querystring: { q: { value: '供水' } },
      headers: { host: expect.any(Object) },
    });
  });
});

describe('the API path function (every other path)', () => {
  const handler = load(EDGE_FUNCTIONS.apiPaths);

  it.each(['/', '/console'])('sends %s to the console with a 302', (uri) => {
    expect(handler(viewerRequest(uri))).toEqual({
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: '/console/' }, 'cache-control': { value: 'no-store' } },
    });
  });

  it.each(['/items', '/items/abc/reports', '/openapi.json', '/reports/ledger.xlsx', '/consoles'])(
    'passes %s to the API untouched',
    (uri) => {
      const event = viewerRequest(uri, { q: { value: '供水' } });
      expect(handler(event)).toBe(event.request);
      expect(event.request.uri).toBe(uri);
    },
  );
});

describe('both', () => {
  it.each(Object.entries(EDGE_FUNCTIONS))('%s fits CloudFront Functions: under 10 KB, a plain script without modules', (_, file) => {
    expect(statSync(file).size).toBeLessThan(10 * 1024);
    expect(readFileSync(file, 'utf8')).not.toMatch(/\b(import|export|require)\b/);
  });
});
