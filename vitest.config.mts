import { availableParallelism } from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
// The test workers and the local system of the integration tests inherit this process's environment.
import './scripts/local/quiet-sdk-warning.mjs';
import { LongestFirst } from './tests/longest-first';

/**
 * The projects, one per tier (README, "Tests"; docs/design.md):
 *   npm test                             lint, typecheck and every project below but `deep` (what CI runs)
 *   npm run test:unit                    unit + console: domain rules and use cases on in-memory ports, no I/O
 *   npm run test:integration             the real handlers against DynamoDB Local (Java) and the SES emulator
 *   npm run test:infra                   the CDK stack, synthesized without bundling, and cdk-nag
 *   npm run test:browser                 the built console in Debian's Chromium against a local system
 *   npm run test:deep                    the schema-driven fuzzing at 10,000 requests instead of 1,000, and the
 *                                        `deep` project (tests/deep: a system killed with kill -9 and restarted)
 *
 * Every file is independent: an integration file gets a ledger table and an empty mail store of its own on its
 * worker's local system, a browser file a seeded table of its own on its worker's (setup-env.ts, decision 0012),
 * so files run side by side on every core. Integration files spend most of their time waiting on DynamoDB Local,
 * so there are more workers than the machine has cores.
 */
// DynamoDB Local's JVM (and any other Java a test starts) compiles with C1 alone and collects with one thread: a
// test run is minutes long, too short for C2's optimisations to repay their compile time. Measured on the integration
// tier here: the JVM's CPU time 61 s → 40 s, the tier 90 s → 82 s. Children inherit it from this process.
process.env.JDK_JAVA_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

const cores = availableParallelism();
const workers = Number(process.env.TEST_WORKERS) || Math.max(2, cores * 2);

/** The integration tier, in two projects: most files share their worker's modules; the few listed here get one of their own. */
const integration = {
  include: ['tests/integration/**/*.test.ts'],
  environment: 'node',
  // One DynamoDB Local for the run; each file its own table and mail store (setup-env.ts, before its imports).
  globalSetup: ['tests/integration/global-setup.ts'],
  setupFiles: ['tests/integration/setup-env.ts'],
  testTimeout: 30_000,
  // DynamoDB Local takes a few seconds to start (more on a busy machine).
  hookTimeout: 60_000,
  unstubEnvs: true,
  restoreMocks: true,
} satisfies TestProjectInlineConfiguration['test'];
const ALONE = ['tests/integration/faults.test.ts', 'tests/integration/table-upgrade.test.ts'];

export default defineConfig({
  test: {
    maxWorkers: workers,
    sequence: { sequencer: LongestFirst },
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
          ...integration,
          name: 'integration',
          exclude: ALONE,
          // A worker keeps its modules and its local system from file to file, as a Lambda container does; each
          // file gets a table and a mail store of its own all the same (setup-env.ts).
          isolate: false,
          pool: 'threads',
        },
      },
      {
        test: {
          ...integration,
          // The files that change what every later file of a worker would inherit: the SDK client's attempts
          // (faults), the DynamoDB endpoint (table-upgrade, on a DynamoDB Local of its own). A worker each.
          name: 'integration-alone',
          include: ALONE,
        },
      },
      {
        test: {
          // Tests that cost more than the gate's budget allows (README, "Tests"): npm test leaves them out
          // (scripts/test.mjs, --project=!deep), npm run test:deep runs them.
          name: 'deep',
          include: ['tests/deep/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'console',
          include: ['console/tests/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          pool: 'threads',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          // One DynamoDB Local for the run; each file its own seeded ledger on its worker's local API (setup-env.ts),
          // which keeps its modules and its local system from file to file, as the integration tier's do.
          globalSetup: ['tests/browser/global-setup.ts'],
          setupFiles: ['tests/browser/setup-env.ts'],
          isolate: false,
          pool: 'threads',
          // Each step drives real pages against DynamoDB Local on a shared 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
