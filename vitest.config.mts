import { defineConfig } from 'vitest/config';

/**
 * Three projects, one per test level (CONVENTIONS.md, habit 9):
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
