/**
 * The document GET /openapi.json serves, checked by two OpenAPI tools of
 * their own: a validator of the OpenAPI 3.1 schema and `redocly lint` with
 * the repository's rules (redocly.yaml: recommended, warnings as errors).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../functions/http/contract';
import { projectRoot } from '../../scripts/local/defaults';
import { api } from './support';

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

  it('passes redocly lint, which fails a document without servers or operationIds', async () => {
    const served = join(dir, 'served.json');
    writeFileSync(served, JSON.stringify(document));
    const broken = structuredClone(document);
    delete broken.servers;
    delete broken.paths['/units'].get.operationId;
    const spoiled = join(dir, 'spoiled.json');
    writeFileSync(spoiled, JSON.stringify(broken));

    const [good, bad] = await Promise.all([lint(served), lint(spoiled)]);
    expect(problemsOf(good)).toEqual([]);
    expect(bad.problems.map((p) => [p.ruleId, p.severity]).sort()).toEqual([
      ['no-empty-servers', 'error'],
      ['operation-operationId', 'error'],
    ]);
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
