import { build } from 'esbuild';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_HEADER_ROW } from '../../functions/adapters/spreadsheet/assessment-file';
import { assessmentColumns } from '../../functions/domain/assessment-sheet';
import { ledgerColumns } from '../../functions/domain/ledger-sheet';
import { openApiDocument } from '../../functions/http/openapi-document';
import { esbuildOptions, writeOpenApiDocument } from '../../lib/bundling';

/**
 * The Lambda bundle as CDK builds it (same esbuild options, with the
 * credentials alias), run against DynamoDB Local: proves the bundle loads as
 * ESM and that the trimmed credential chain finds the credentials Lambda puts
 * in the environment.
 */
const out = mkdtempSync(join(tmpdir(), 'ducha-lambda-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const officeEvent = (path: string, query: Record<string, string>) => ({
  httpMethod: 'GET',
  path,
  resource: path,
  headers: {},
  queryStringParameters: query,
  pathParameters: null,
  body: null,
  isBase64Encoded: false,
  requestContext: { authorizer: { claims: { sub: 'bundle-test', 'cognito:groups': 'office' } } },
});

describe('a Lambda bundle', () => {
  it('serves a request with credentials from the environment only', async () => {
    const outfile = join(out, 'units.mjs');
    const built = await build({ ...esbuildOptions('http/units', outfile), metafile: true });
    // One wiring module makes every adapter (functions/http/wiring.ts), each @__PURE__: the roster's Lambda carries
    // none of the S3 or SES clients its routes never call.
    const bundled = Object.entries(Object.values(built.metafile.outputs).find((o) => o.entryPoint)?.inputs ?? {});
    const sdks = bundled.flatMap(([file, { bytesInOutput }]) =>
      bytesInOutput > 0 ? (/node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//.exec(file)?.[1] ?? []) : [],
    );
    expect([...new Set(sdks)]).toEqual(['client-dynamodb']);
    // Nor the workbook library: only the exports group's bundle carries exceljs.
    expect(bundled.filter(([file, { bytesInOutput }]) => bytesInOutput > 0 && file.includes('node_modules/exceljs/'))).toEqual([]);
    // 387 KB before Powertools metrics and tracer (with the X-Ray SDK) added 138 KB to every function: 555 KB;
    // 527 KB with semver replaced (lib/bundling.ts); 545 KB once the catalogue and the schemas took the import's
    // and the console's messages (issue 22); 454 KB with Powertools Tracer and its X-Ray SDK gone (88 KB). Issue 20's
    // 300 KB needs zod's or the SDK's share cut further. 490 KB with the tree of offices, the office check every
    // request makes and the roster's office routes (issue 23). 546 KB with the office role's credentials (STS, 50 KB),
    // imported only when a request below the root first needs them: bytes on disk, not work at a cold start.
    expect(statSync(outfile).size).toBeLessThan(560 * 1024);
    const { handler } = await import(pathToFileURL(outfile).href);
    const res = await handler(officeEvent('/units', { limit: '1' }), {});
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('items');
  });

  it('exports the ledger and 年度考核: the workbook library, loaded lazily, works inside the ESM bundle', async () => {
    const outfile = join(out, 'exports.mjs');
    await build(esbuildOptions('http/exports', outfile));
    const { handler } = await import(pathToFileURL(outfile).href);
    // A unit with no items: the files are just their header rows.
    const query = { unit: 'no-such-unit-in-bundle-test' };
    const xlsx = await handler(officeEvent('/reports/ledger.xlsx', query), {});
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.isBase64Encoded).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.body, 'base64') as never);
    expect((workbook.getWorksheet('督查台账')!.getRow(1).values as unknown[]).slice(1)).toEqual([...ledgerColumns]);
    const csv = await handler(officeEvent('/reports/ledger.csv', query), {});
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toBe(`\ufeff${ledgerColumns.join(',')}\r\n`);
    // 年度考核's workbook from the same bundle: its title row, then the table's header row.
    const assessment = await handler(officeEvent('/reports/assessment.xlsx', { year: '2099' }), {});
    expect(assessment.statusCode, assessment.body).toBe(200);
    const graded = new ExcelJS.Workbook();
    await graded.xlsx.load(Buffer.from(assessment.body, 'base64') as never);
    const sheet = graded.getWorksheet('2099年度督查考核')!;
    expect(sheet.getCell('A1').value).toBe('2099年度督查考核');
    expect((sheet.getRow(ASSESSMENT_HEADER_ROW).values as unknown[]).slice(1)).toEqual([...assessmentColumns]);
  });

  it('serves the OpenAPI document generated from the contract, embedded at build time without zod', async () => {
    writeOpenApiDocument();
    const outfile = join(out, 'openapi.mjs');
    const built = await build({ ...esbuildOptions('http/openapi', outfile), metafile: true });
    const inputs = Object.keys(built.metafile.inputs);
    expect(inputs.filter((file) => /node_modules\/(zod|@asteasolutions)\//.test(file))).toEqual([]);
    // The document embedded gzipped (lib/bundling.ts): 305 KB with it as JSON, the X-Ray SDK 80 KB of the rest.
    expect(statSync(outfile).size).toBeLessThan(200 * 1024);
    const { handler } = await import(pathToFileURL(outfile).href);
    const res = await handler({ ...officeEvent('/openapi.json', {}), requestContext: {} }, {});
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' });
    expect(res.body).toBe(JSON.stringify(openApiDocument()));
  });
});
