/**
 * What the browser test files of one run share: Debian's Chromium (checked here), the built console
 * (checked current here), the run's DynamoDB Local (tests/run-dynamodb.ts) and the secret the local APIs verify tokens
 * with. Each file seeds a demo ledger of its own in a table of its own and serves it with the console
 * through its own local API (setup-env.ts), so files run side by side and none sees another's changes.
 * `npm test` builds the console first (scripts/ensure-console.mjs).
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { randomJwtSecret } from '../../scripts/local/tokens';
import { shareDynamoDbLocal } from '../run-dynamodb';
import { CHROMIUM, SCREENSHOTS } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    consoleDynamodbEndpoints: string[];
    consoleJwtSecret: string;
  }
}

export default async function setup(project: TestProject) {
  // Playwright downloads no browser here: the tests drive the machine's own Chromium.
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: the console's browser tests drive Debian's. Install it with ` +
        '`apt-get install -y chromium fonts-wqy-microhei` (as .ci/run does), or set CHROMIUM_PATH.',
    );
  }
  const ensure = (await import(/* @vite-ignore */ resolve('scripts/ensure-console.mjs'))) as {
    consoleBuildReason: (root: string) => string | undefined;
  };
  const stale = ensure.consoleBuildReason(resolve('.'));
  if (stale) throw new Error(`The console build is not current (${stale}): run \`npm test\`, which builds it first.`);
  // This run's pictures only.
  rmSync(SCREENSHOTS, { recursive: true, force: true });

  const dynamodb = await shareDynamoDbLocal();
  project.provide('consoleDynamodbEndpoints', dynamodb.endpoints);
  project.provide('consoleJwtSecret', randomJwtSecret());
  return dynamodb.release;
}
