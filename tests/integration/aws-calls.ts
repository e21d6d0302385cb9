/**
 * Every AWS call the functions make during the integration run, with the function that made it (its IAM role's
 * owner): each SDK command is resolved through @smithy/core's Command (sends and presigned URLs alike), so one
 * patch of it in this worker sees them all. Calls made outside a function (the tests' own setup and reads) are not
 * recorded. Each file's record is written beside the others' for `scripts/check-grants.ts`, which `npm test` runs
 * after the tiers and which compares it with the grants the stack gives (scripts/grants.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runningFunction } from '../../functions/running-function';
import { addPermissions, permissionsOf } from '../../scripts/grants';

/** Where each test file's record goes; check-grants reads them all. */
export const AWS_CALLS_DIR = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'ducha', 'aws-calls');

type Resolve = (
  this: { input?: Record<string, unknown> },
  stack: unknown,
  config: unknown,
  options: unknown,
  context: Record<string, unknown>,
) => unknown;
const PATCHED = Symbol.for('ducha.tests.awsCalls');
const holder = globalThis as { [PATCHED]?: Map<string, Set<string>> };

/** This worker's calls since the file began, by function. */
function calls(): Map<string, Set<string>> {
  if (holder[PATCHED]) return holder[PATCHED];
  const made = new Map<string, Set<string>>();
  holder[PATCHED] = made;
  // The SDK's own copy (CommonJS, as the clients load it), not one vitest would transform.
  const { Command } = createRequire(import.meta.url)('@smithy/core/client') as {
    Command: { prototype: { resolveMiddlewareWithContext: Resolve } };
  };
  const resolve = Command.prototype.resolveMiddlewareWithContext;
  Command.prototype.resolveMiddlewareWithContext = function (stack, config, options, context) {
    const fn = runningFunction.getStore();
    if (fn) {
      addPermissions(made, fn, permissionsOf(String(context.clientName), String(context.commandName), this.input ?? {}));
    }
    return resolve.call(this, stack, config, options, context);
  };
  return made;
}

/** Starts this file's record (the worker's earlier files wrote theirs). */
export function recordAwsCalls(): void {
  calls().clear();
}

/** Writes this file's record under its own name. */
export function writeAwsCalls(name: string): void {
  mkdirSync(AWS_CALLS_DIR, { recursive: true });
  const record = Object.fromEntries([...calls()].map(([fn, permissions]) => [fn, [...permissions].sort()]));
  writeFileSync(join(AWS_CALLS_DIR, `${name}.json`), JSON.stringify(record, null, 1));
}
