#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test`, after ensure-deps: builds the web
 * console (console/dist, and the API types it is compiled against) when it
 * is missing or stale, and otherwise does nothing, in well under a second.
 *
 * "Stale": the build records a digest of everything it is made from in
 * console/dist/.build-stamp — the console's sources and settings, and the
 * API contract and domain rules it is generated from or imports
 * (functions/http, functions/domain). Any change there means a new build.
 *
 * Node built-ins only. Set SKIP_CONSOLE_BUILD=1 to skip it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const STAMP = join('console', 'dist', '.build-stamp');
/** Written by the build itself from the contract: an output, not an input. */
const GENERATED = new Set([join('console', 'src', 'api', 'schema.d.ts'), join('console', 'src', 'api', 'openapi.json')]);
const INPUTS = [
  'console/index.html',
  'console/vite.config.ts',
  'console/tsconfig.json',
  'console/package.json',
  'console/package-lock.json',
  'console/src',
  'console/public',
  'console/scripts',
  'functions/http',
  'functions/domain',
];

function filesUnder(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(root, join(path, name)));
}

/** A digest of every file the console is built from (paths and contents). */
export function consoleInputsDigest(root) {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of filesUnder(root, input.split('/').join(sep))) {
      if (GENERATED.has(file)) continue;
      hash.update(relative(root, join(root, file)).split(sep).join('/'));
      hash.update('\0');
      hash.update(readFileSync(join(root, file)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** Why a build is needed, or undefined when console/dist is current. */
export function consoleBuildReason(root) {
  if (!existsSync(join(root, 'console', 'dist', 'index.html'))) return 'console/dist is missing';
  if (!existsSync(join(root, 'console', 'src', 'api', 'schema.d.ts'))) return 'the API types (console/src/api/schema.d.ts) are missing';
  const stamp = existsSync(join(root, STAMP)) ? readFileSync(join(root, STAMP), 'utf8').trim() : '';
  if (stamp !== consoleInputsDigest(root)) return 'its sources or the API contract changed since the last build';
  return undefined;
}

function main() {
  if (process.env.SKIP_CONSOLE_BUILD === '1') return;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const reason = consoleBuildReason(root);
  if (!reason) return;
  console.error(`ensure-console: building the web console (${reason}) …`);
  const started = Date.now();
  const digest = consoleInputsDigest(root);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '-s', 'build'], {
    cwd: join(root, 'console'),
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) {
    console.error(`ensure-console: could not run the console build: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
  // The digest of what was read before the build: a file edited during it makes the next run build again.
  writeFileSync(join(root, STAMP), `${digest}\n`);
  console.error(`ensure-console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
