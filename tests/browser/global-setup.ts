/**
 * The browser tests' own local system, started like the integration tests'
 * (DynamoDB Local in memory, the SES emulator, the local API on ports the
 * OS picks) and seeded with the demo ledger, serving the built console at
 * /console/. The console must be built and current: `npm test` builds it
 * first (scripts/ensure-console.mjs).
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDemoLedger } from '../../scripts/local/demo-ledger';
import { startLocalSystem } from '../../scripts/local/system';
import { randomJwtSecret } from '../../scripts/local/tokens';
import { SCREENSHOTS } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    consoleBaseUrl: string;
    consoleJwtSecret: string;
  }
}

export default async function setup(project: TestProject) {
  const ensure = (await import(/* @vite-ignore */ resolve('scripts/ensure-console.mjs'))) as {
    consoleBuildReason: (root: string) => string | undefined;
  };
  const stale = ensure.consoleBuildReason(resolve('.'));
  if (stale) throw new Error(`The console build is not current (${stale}): run \`npm test\`, which builds it first.`);
  // This run's pictures only.
  rmSync(SCREENSHOTS, { recursive: true, force: true });

  const system = await startLocalSystem({
    port: 0,
    dynamodbPort: 0,
    sesPort: 0,
    inMemory: true,
    scheduler: false,
    jwtSecret: randomJwtSecret(),
    logRequests: process.env.LOCAL_LOG_REQUESTS === '1',
    log: (line) => console.error(line),
  });
  try {
    // startLocalSystem pointed this process's AWS SDK at the system: the seed writes there.
    await seedDemoLedger();
  } catch (error) {
    await system.stop();
    throw error;
  }
  project.provide('consoleBaseUrl', system.apiUrl);
  project.provide('consoleJwtSecret', system.jwtSecret);
  return async () => {
    await system.stop();
  };
}
