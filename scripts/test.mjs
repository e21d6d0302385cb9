#!/usr/bin/env node
/**
 * `npm test`: lint (seconds), then the typecheck of both programs beside every vitest project, so the two
 * cores are busy from the start rather than one after the other. Arguments go to vitest
 * (`npm test -- --project unit`); with a --project or a file named, only vitest runs (a tier, not the gate).
 * Exits non-zero when any part fails, after all have finished, each part's output under its own heading.
 *
 * Node built-ins only.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const args = process.argv.slice(2);
const narrowed = args.some((a) => a === '--project' || a.startsWith('--project=') || !a.startsWith('-'));

/** Runs a command, its output kept for the end (typecheck) or passed through as it comes (vitest). */
function run(name, command, commandArgs, { buffered }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (buffered) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (buffered && output.trim()) process.stdout.write(`\n==> ${name}\n${output}`);
      const ok = code === 0;
      console.log(`${name}: ${ok ? 'passed' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      resolve(ok);
    });
  });
}

const bin = (name) => `node_modules/.bin/${name}`;

const parts = [];
if (!narrowed) {
  if (!(await run('lint', bin('biome'), ['check', '.'], { buffered: true }))) process.exit(1);
  // Incremental: a warm run rechecks what changed since the last (about half the time of a full check here); the
  // build info lives in node_modules/.cache, which a fresh clone does not have.
  const tsc = (project, name) =>
    `${bin('tsc')} --noEmit -p ${project} --incremental --tsBuildInfoFile node_modules/.cache/ducha/tsc-${name}.tsbuildinfo`;
  parts.push(run('typecheck', 'sh', ['-c', `${tsc('.', 'root')} && ${tsc('console', 'console')}`], { buffered: true }));
}
// The integration files record the AWS calls their functions make (tests/integration/aws-calls.ts): from none.
const AWS_CALLS = 'node_modules/.cache/ducha/aws-calls';
if (!narrowed) rmSync(AWS_CALLS, { recursive: true, force: true });
// The deep tier (the `deep` project) is for npm run test:deep, not the gate: a minute for one kill -9 test.
parts.push(run('vitest', bin('vitest'), ['run', ...(narrowed ? [] : ['--project=!deep']), ...args], { buffered: false }));
const results = await Promise.all(parts);
// Each function's grants against the calls it made: after the whole run, when every integration file recorded.
if (!narrowed && results.every(Boolean))
  results.push(await run('grants', 'node', ['--import', 'tsx', 'scripts/check-grants.ts'], { buffered: false }));
process.exit(results.every(Boolean) ? 0 : 1);
