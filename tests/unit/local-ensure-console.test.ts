import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const modulePath: string = resolve('scripts/ensure-console.mjs');
const { consoleInputsDigest, consoleBuildReason, STAMP } = (await import(/* @vite-ignore */ modulePath)) as {
  consoleInputsDigest: (root: string) => string;
  consoleBuildReason: (root: string) => string | undefined;
  STAMP: string;
};

const root = mkdtempSync(join(tmpdir(), 'ducha-console-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

describe('ensure-console', () => {
  write('console/package-lock.json', '{}');
  write('console/src/main.tsx', 'render()');
  write('functions/http/contract.ts', 'export const contract = {}');

  it('builds when there is no build, and not again while nothing it is made from changes', () => {
    expect(consoleBuildReason(root)).toBe('console/dist is missing');
    write('console/dist/index.html', '<html>');
    write('console/src/api/schema.d.ts', '// generated');
    write(STAMP, consoleInputsDigest(root));
    expect(consoleBuildReason(root)).toBeUndefined();
    // What the build itself generates is not an input.
    write('console/src/api/schema.d.ts', '// generated again');
    expect(consoleBuildReason(root)).toBeUndefined();
  });

  it('builds again when a console source or the API contract changes', () => {
    write('console/src/main.tsx', 'render(<App />)');
    expect(consoleBuildReason(root)).toMatch(/changed/);
    write(STAMP, consoleInputsDigest(root));
    write('functions/http/contract.ts', 'export const contract = { listItems: {} }');
    expect(consoleBuildReason(root)).toMatch(/changed/);
    write(STAMP, consoleInputsDigest(root));
    rmSync(join(root, 'console/src/api/schema.d.ts'));
    expect(consoleBuildReason(root)).toMatch(/API types/);
  });
});
