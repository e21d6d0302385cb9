#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test` (prestart/pretest): installs the
 * dependencies with `npm ci` when node_modules is missing or does not match
 * package-lock.json, and otherwise does nothing, in a few milliseconds. The
 * web console (console/) has a package of its own, checked the same way.
 *
 * "Does not match": npm records what it installed in
 * node_modules/.package-lock.json; when a package's version there differs
 * from package-lock.json (say after a `git pull` that bumped one), or a
 * package is missing, node_modules is stale. Optional packages for other
 * platforms (esbuild's, for instance) are never installed and do not count.
 *
 * Node built-ins only: it must run on a fresh clone, before any install.
 * Set SKIP_ENSURE_DEPS=1 to skip it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Why node_modules does not match the lockfile: [] when it does.
 * @param {Record<string, {version?: string, optional?: boolean, link?: boolean}>} locked  package-lock.json's `packages`
 * @param {Record<string, {version?: string, link?: boolean}> | undefined} installed  node_modules/.package-lock.json's `packages`
 * @returns {string[]}
 */
export function staleReasons(locked, installed) {
  if (!installed) return ['node_modules/.package-lock.json is missing (no completed npm install)'];
  const reasons = [];
  for (const [path, entry] of Object.entries(locked)) {
    if (path === '' || !path.includes('node_modules/')) continue; // the project itself, workspace folders
    const have = installed[path];
    if (!have) {
      if (!entry.optional) reasons.push(`${path} is not installed`);
      continue;
    }
    if ((have.version ?? null) !== (entry.version ?? null) || Boolean(have.link) !== Boolean(entry.link)) {
      reasons.push(`${path} is ${have.version ?? 'a link'}, the lockfile wants ${entry.version ?? 'a link'}`);
    }
  }
  for (const path of Object.keys(installed)) {
    if (!(path in locked)) reasons.push(`${path} is installed but no longer in the lockfile`);
  }
  return reasons;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${file}: ${error.message}`);
  }
}

/** @returns {string[]} why an install is needed, [] when it is not */
export function checkProject(root) {
  const lock = readJson(join(root, 'package-lock.json'));
  if (!lock) return existsSync(join(root, 'node_modules')) ? [] : ['node_modules is missing'];
  if (!existsSync(join(root, 'node_modules'))) return ['node_modules is missing'];
  return staleReasons(lock.packages ?? {}, readJson(join(root, 'node_modules', '.package-lock.json'))?.packages);
}

/** The packages installed here: the project, and the web console's own. */
export const PACKAGES = ['.', 'console'];

/** Installs one package's dependencies when they are stale; exits when npm fails. */
function ensure(dir) {
  const reasons = checkProject(dir);
  if (reasons.length === 0) return;
  const hasLock = existsSync(join(dir, 'package-lock.json'));
  const command = hasLock ? 'ci' : 'install';
  const shown = reasons
    .slice(0, 5)
    .map((r) => `  - ${r}`)
    .join('\n');
  const more = reasons.length > 5 ? `\n  … and ${reasons.length - 5} more` : '';
  const where = dir === root ? '' : ` in ${relative(root, dir)}/`;
  console.error(`ensure-deps: dependencies${where} out of date:\n${shown}${more}\nensure-deps: running npm ${command}${where} …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, [command], { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`ensure-deps: could not run npm ${command}${where}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function main() {
  if (process.env.SKIP_ENSURE_DEPS === '1') return;
  for (const dir of PACKAGES) ensure(join(root, dir));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
