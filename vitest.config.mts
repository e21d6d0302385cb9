import { defineConfig } from 'vitest/config';
// The test workers and the local system of the integration tests inherit this process's environment.
import './scripts/local/quiet-sdk-warning.mjs';

/**
 * Three projects, one per test level (docs/design.md):
 *   npx vitest run                       all of them
 *   npx vitest run --project unit        domain rules, fast, no I/O
 *   npx vitest run --project integration one local system (DynamoDB Local + SES emulator + API) per run
 *   npx vitest run --project infra       the CDK stack, synthesized without bundling
 *   npx vitest run --project console     the web console's own rules (console/tests), no browser
 *   npx vitest run --project browser     the built console in Chromium against its own local system
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // The files share one module registry in one worker thread: most of an isolated run (17-25 s here)
          // went to importing the same modules again for every file; shared, the run takes 6-10 s. So a unit
          // test leaves nothing behind: spies, stubbed env vars and globals are undone after each test (below),
          // and a test that needs a module mocked (vi.mock) or process.env changed otherwise belongs in a
          // project of its own with isolate: true.
          isolate: false,
          pool: 'threads',
          restoreMocks: true,
          unstubEnvs: true,
          unstubGlobals: true,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          environment: 'node',
          // Synthesizing the stack takes seconds, the first time tens of seconds on 2 cores.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          setupFiles: ['tests/integration/setup-env.ts'],
          testTimeout: 30_000,
          // DynamoDB Local takes a few seconds to start (more on a busy machine).
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'console',
          include: ['console/tests/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          // A local system of its own (seeded with the demo ledger) and one Chromium for every page.
          globalSetup: ['tests/browser/global-setup.ts'],
          // Each step drives real pages against DynamoDB Local on a shared 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
