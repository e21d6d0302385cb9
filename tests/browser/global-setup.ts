/**
 * The browser tests' own local system (DynamoDB Local in memory, the SES
 * emulator, the local API on ports the OS picks), seeded with the demo
 * ledger and serving the built console at /console/. It runs in a process of
 * its own: the integration tests' system runs in this one, and two systems
 * in one process would share one environment (the handlers read their AWS
 * endpoints from process.env). The console must be built and current:
 * `npm test` builds it first (scripts/ensure-console.mjs).
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChildSystem } from '../../scripts/local/child-system';
import { CHROMIUM, SCREENSHOTS } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    consoleBaseUrl: string;
    consoleJwtSecret: string;
    /** The system's DynamoDB Local and table: `npm run mail-event` injects delivery receipts there (delivery.test.ts). */
    consoleDynamodbEndpoint: string;
    consoleTableName: string;
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

  const { served, stop } = await startChildSystem({ seedDemo: true });
  project.provide('consoleBaseUrl', served.apiUrl);
  project.provide('consoleJwtSecret', served.jwtSecret);
  project.provide('consoleDynamodbEndpoint', served.dynamodbEndpoint);
  project.provide('consoleTableName', served.tableName);
  return stop;
}
