import { build } from 'esbuild';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../lib/bundling';

/**
 * The Lambda bundle as CDK builds it (same esbuild options, with the
 * credentials alias), run against DynamoDB Local: proves the bundle loads as
 * ESM and that the trimmed credential chain finds the credentials Lambda puts
 * in the environment.
 */
const out = mkdtempSync(join(tmpdir(), 'ducha-lambda-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a Lambda bundle', () => {
  it('serves a request with credentials from the environment only', async () => {
    const outfile = join(out, 'units.mjs');
    await build(esbuildOptions('http/units', outfile));
    expect(statSync(outfile).size).toBeLessThan(500 * 1024);
    const { handler } = await import(pathToFileURL(outfile).href);
    const res = await handler(
      {
        httpMethod: 'GET',
        path: '/units',
        resource: '/units',
        headers: {},
        queryStringParameters: { limit: '1' },
        pathParameters: null,
        body: null,
        isBase64Encoded: false,
        requestContext: { authorizer: { claims: { sub: 'bundle-test', 'cognito:groups': 'office' } } },
      },
      {},
    );
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('items');
  });
});
