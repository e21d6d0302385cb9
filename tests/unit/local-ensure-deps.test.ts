import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

type Lock = Record<string, { version?: string; optional?: boolean; link?: boolean }>;
const modulePath: string = resolve('scripts/ensure-deps.mjs');
const { staleReasons, checkProject } = (await import(/* @vite-ignore */ modulePath)) as {
  staleReasons: (locked: Lock, installed: Lock | undefined) => string[];
  checkProject: (root: string) => string[];
};

const locked: Lock = {
  '': { version: '0.1.0' },
  'node_modules/jose': { version: '6.2.18' },
  'node_modules/@esbuild/linux-x64': { version: '0.28.2', optional: true },
  'node_modules/@esbuild/darwin-arm64': { version: '0.28.2', optional: true },
};

describe('ensure-deps', () => {
  it('finds nothing to do when node_modules matches the lockfile (other platforms’ optional packages aside)', () => {
    expect(
      staleReasons(locked, { 'node_modules/jose': { version: '6.2.18' }, 'node_modules/@esbuild/linux-x64': { version: '0.28.2' } }),
    ).toEqual([]);
  });

  it('finds a changed version, a missing package, a removed package, no install record', () => {
    expect(staleReasons(locked, { 'node_modules/jose': { version: '6.2.17' } })).toEqual([expect.stringContaining('jose is 6.2.17')]);
    expect(staleReasons(locked, {})).toEqual([expect.stringContaining('jose is not installed')]);
    expect(staleReasons(locked, { 'node_modules/jose': { version: '6.2.18' }, 'node_modules/left-pad': { version: '1.0.0' } })).toEqual([
      expect.stringContaining('left-pad is installed but no longer in the lockfile'),
    ]);
    expect(staleReasons(locked, undefined)).toEqual([expect.stringContaining('.package-lock.json is missing')]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'ducha-deps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('wants an install on a fresh clone, none right after one', () => {
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: locked }));
    expect(checkProject(dir)).toEqual(['node_modules is missing']);
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(
      join(dir, 'node_modules', '.package-lock.json'),
      JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/jose': { version: '6.2.18' } } }),
    );
    expect(checkProject(dir)).toEqual([]);
  });

  it('is a quiet no-op on this checkout', () => {
    const run = spawnSync(process.execPath, ['scripts/ensure-deps.mjs'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });
});
