/**
 * The document GET /openapi.json serves, checked by two OpenAPI tools of
 * their own: a validator of the OpenAPI 3.1 schema and `redocly lint` with
 * the repository's rules (redocly.yaml: recommended, warnings as errors, and
 * what Spectral's spectral:oas adds: a tag on every operation, info.contact).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../functions/http/contract';
import { projectRoot } from '../../scripts/local/defaults';
import fc from 'fast-check';
import { DocumentArbitraries, type RequestCase } from './document-requests';
import { api, registerUnitWithHead, tokenFor } from './support';

type Document = any;

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

const REDOCLY = join(projectRoot, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

/** `redocly lint` of one file, its JSON report; it exits 1 when it finds an error, which is an answer here, not a failure. */
function lint(file: string): Promise<LintReport> {
  const args = [REDOCLY, 'lint', '--format=json', `--config=${join(projectRoot, 'redocly.yaml')}`, file];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: projectRoot, env }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as LintReport);
      } catch {
        reject(new Error(`redocly lint printed no report (${error?.message ?? 'exit 0'}): ${stderr}`));
      }
    });
  });
}

const problemsOf = (report: LintReport) => report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);

describe('GET /openapi.json', () => {
  let document: Document;
  let dir: string;

  beforeAll(async () => {
    const res = await api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    document = res.json;
    dir = mkdtempSync(join(tmpdir(), 'ducha-openapi-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('passes redocly lint, which fails a document without servers, operationIds, a tag on each operation or a contact', async () => {
    const served = join(dir, 'served.json');
    writeFileSync(served, JSON.stringify(document));
    const broken = structuredClone(document);
    delete broken.servers;
    delete broken.paths['/units'].get.operationId;
    delete broken.paths['/units'].post.tags;
    delete broken.info.contact;
    const spoiled = join(dir, 'spoiled.json');
    writeFileSync(spoiled, JSON.stringify(broken));

    const [good, bad] = await Promise.all([lint(served), lint(spoiled)]);
    expect(problemsOf(good)).toEqual([]);
    expect(bad.problems.map((p) => [p.ruleId, p.severity]).sort()).toEqual([
      ['info-contact', 'error'],
      ['no-empty-servers', 'error'],
      ['operation-operationId', 'error'],
      ['operation-tag-defined', 'error'],
      ['rule/operation-tags', 'error'],
    ]);
  });

  it('tags every operation by its route group, each tag declared', () => {
    const tags = Object.values(document.paths).flatMap((item) => Object.values(item as Document).map((op) => (op as Document).tags));
    expect(new Set(tags.flat())).toEqual(new Set(Object.values(contract).map((op) => op.group)));
  });

  it('names every operation with its camelCase key in the contract as operationId', () => {
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item as Document).map((op) => (op as Document).operationId));
    expect(ids.sort()).toEqual(Object.keys(contract).sort());
    for (const id of ids) expect(id).toMatch(/^[a-z]+(?:[A-Z][a-z]+)+$/);
  });

  it('explains every enum code in Chinese', () => {
    const enums = Object.entries(document.components.schemas as Record<string, Document>).filter(([, schema]) => schema.enum);
    expect(enums.map(([name]) => name)).toEqual(expect.arrayContaining(['Source', 'ItemStatus', 'Light', 'Role', 'HistoryEventType']));
    for (const [name, schema] of enums) {
      for (const code of schema.enum)
        expect(schema.description, `${name} ${code}`).toMatch(new RegExp(`\`${code.replaceAll('.', '\\.')}\`: \\p{Script=Han}`, 'u'));
    }
    expect(document.components.schemas.Source.description).toContain('`npc-suggestion`: 人大代表建议');
  });
});

/**
 * Issue 21, item 6: what the document allows, the server takes. Requests drawn from the served document
 * (document-requests.ts, a fixed seed, a bounded count) go to every operation as each of the four roles; a
 * refusal for a business reason (403, 404, 409, 412, 422) is an answer, a 400 `invalid-input` is the document
 * allowing what the server refuses.
 */
describe('requests generated from /openapi.json', () => {
  const SEED = 21;
  /**
   * Per operation: this many requests for each role allowed to call it, one for each role refused (403 before any
   * parsing). Two, not four: about 250 requests, every operation × role still drawn, half the gate's minute
   * (npm run test:deep's fuzzing draws thousands against the schemas themselves).
   */
  const PER_ALLOWED_ROLE = 2;
  const roles = ['office', 'unit', 'inspector', 'leader'] as const;
  const tag = randomUUID().slice(0, 8);
  const lead = `doc-lead-${tag}`;
  const co = `doc-co-${tag}`;
  const fixtures: Record<string, string[]> = { unitId: [lead, co], id: [], requestId: [] };
  const tokens = {} as Record<(typeof roles)[number], string>;

  async function ok(method: string, path: string, token: string, body?: unknown) {
    const res = await api(method, path, { token, body });
    if (res.status >= 300) throw new Error(`fixture ${method} ${path} answered ${res.status}: ${res.text}`);
    return res.json;
  }

  beforeAll(async () => {
    tokens.office = await tokenFor('office');
    tokens.unit = await tokenFor('unit', lead);
    tokens.inspector = await tokenFor('inspector');
    tokens.leader = await tokenFor('leader', undefined, { leaderId: `doc-leader-${tag}` });
    for (const id of [lead, co]) await registerUnitWithHead(tokens.office, { id, name: `契约单位 ${id}`, kind: 'department' });
    const registration = {
      source: 'work-report',
      sourceRef: '纪要',
      leadUnit: lead,
      coUnits: [co],
      dueDate: '2099-12-31',
      requirements: ['进展'],
    };
    const item = (await ok('POST', '/items', tokens.office, { ...registration, title: `契约 ${tag}` })).id as string;
    await ok('POST', `/items/${item}/acknowledge`, tokens.unit);
    await ok('POST', `/items/${item}/reports`, tokens.unit, {
      summary: '推进',
      percentComplete: 10,
      answers: [{ requirement: 0, answer: '一' }],
    });
    const request = await ok('POST', `/items/${item}/extension-requests`, tokens.unit, { newDueDate: '2100-06-30', reason: '汛期' });
    const notice = await ok('POST', '/notices', tokens.office, { level: 'office', unitIds: [lead], reason: '未按期报送' });
    fixtures.id = [item, notice.id];
    fixtures.requestId = [request.id];
  }, 60_000);

  it(`answers no request the document allows with 400 invalid-input, for every operation and role (seed ${SEED})`, async () => {
    const res = await api('GET', '/openapi.json');
    const generating = Date.now();
    const arbitraries = new DocumentArbitraries(res.json);
    const cases: { role: (typeof roles)[number]; request: RequestCase }[] = [];
    for (const [path, item] of Object.entries(res.json.paths as Document)) {
      for (const [method, operation] of Object.entries(item as Document)) {
        const allowed = (contract as Document)[(operation as Document).operationId].roles;
        // The notice's id for the notice routes, the item's for the others.
        const ids = { ...fixtures, id: [fixtures.id?.[path.startsWith('/notices') ? 1 : 0] as string] };
        const requests = fc.sample(arbitraries.requestsOf(path, method, ids), { numRuns: PER_ALLOWED_ROLE * roles.length, seed: SEED });
        // Let the event loop turn between operations: a pooled connection left idle past the server's keep-alive
        // while the loop was blocked would be reused as it closes (ECONNRESET), a fault of the test, not the API.
        await new Promise((resolve) => setImmediate(resolve));
        roles.forEach((role, r) => {
          const count = allowed === 'public' || allowed.includes(role) ? PER_ALLOWED_ROLE : 1;
          for (const request of requests.slice(r * PER_ALLOWED_ROLE, r * PER_ALLOWED_ROLE + count)) cases.push({ role, request });
        });
      }
    }
    console.info(`generated ${cases.length} requests in ${((Date.now() - generating) / 1000).toFixed(1)} s`);
    const failures: string[] = [];
    const byStatus: Record<number, number> = {};
    const started = Date.now();
    let next = 0;
    await Promise.all(
      // Most of a request's time is DynamoDB Local's: eight in flight keep the two cores busy.
      Array.from({ length: 8 }, async () => {
        while (next < cases.length) {
          const { role, request } = cases[next++] as (typeof cases)[number];
          const sent = `${role} ${request.method} ${request.url} ${JSON.stringify(request.body ?? request.rawBody ?? '').slice(0, 300)}`;
          try {
            const answer = await api(request.method, request.url, {
              token: tokens[role],
              headers: request.headers,
              ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : request.body !== undefined ? { body: request.body } : {}),
            });
            byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
            if (answer.status >= 500 || (answer.status === 400 && answer.json?.error?.code === 'invalid-input')) {
              failures.push(`${sent} → ${answer.status} ${JSON.stringify(answer.json?.error?.details ?? answer.text).slice(0, 300)}`);
            }
          } catch (error) {
            failures.push(
              `${sent} headers=${JSON.stringify(request.headers)} → ${(error as Error).message.slice(0, 300)} ${String((error as Error).cause ?? '')}`,
            );
          }
        }
      }),
    );
    console.info(
      `${cases.length} requests from the document in ${((Date.now() - started) / 1000).toFixed(1)} s, by status ${JSON.stringify(byStatus)}`,
    );
    expect(failures).toEqual([]);
    // The requests got past validation too: many answered 2xx.
    expect(
      Object.entries(byStatus)
        .filter(([status]) => Number(status) < 300)
        .reduce((n, [, c]) => n + c, 0),
    ).toBeGreaterThan(cases.length / 5);
  }, 60_000);
});
