/**
 * The order files start in: project by project (PROJECT_ORDER, below), and within a project the longest first, so
 * the two cores stay busy to the end instead of waiting on one long file that started last. vitest's own order runs
 * the projects by name and only then by duration. Durations come from vitest's cache of the last run; a fresh
 * clone has none, so a file's size, weighed by what its tier costs per line, stands in.
 */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds per kilobyte of test file, roughly, by project (measured on this 2-core machine, December 2026). */
const COST_PER_KB: Record<string, number> = { browser: 2, 'integration-alone': 1, integration: 0.5, infra: 0.3 };

/**
 * Files whose size says little of their cost (120 units, fuzzed requests, JVMs and child processes started, a
 * document's worth of generated requests), in seconds of a whole warm `npm test` here (December 7, 2026, the files
 * queued project by project): a first run (a fresh clone, CI) starts them early all the same.
 */
const KNOWN_LONG: Record<string, number> = {
  'tests/integration/lifecycle.test.ts': 27,
  'tests/integration/big-notice.test.ts': 26,
  'tests/integration/change-mail.test.ts': 20,
  'tests/integration/openapi.test.ts': 19,
  'tests/integration/jobs.test.ts': 19,
  'tests/integration/role-matrix.test.ts': 16,
  'tests/integration/ledger-chain.test.ts': 15,
  'tests/integration/assessment-year.test.ts': 13,
  'tests/integration/lambda-bundle.test.ts': 12,
  'tests/integration/fuzz.test.ts': 12,
  'tests/integration/faults.test.ts': 11,
  'tests/integration/edits.test.ts': 11,
  'tests/integration/mail-events.test.ts': 11,
  'tests/integration/table-upgrade.test.ts': 20,
  'tests/integration/local-system.test.ts': 8,
  'tests/integration/backup-restore.test.ts': 8,
};

/**
 * The projects in the order their files are queued. vitest hands a worker the next file in the queue, and keeps a
 * worker of a non-isolated project (unit, console, integration) for its next file only when that file is of the same
 * project: interleaved by length, the integration files each started a new worker (its modules imported again, its
 * local system started again) after every browser file, and the unit files after every console file.
 * The browser files are the longest, so they start first; each project's own files go longest first.
 */
const PROJECT_ORDER = ['browser', 'integration-alone', 'integration', 'infra', 'unit', 'console'];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const expected = new Map(files.map((spec) => [spec, this.expectedSeconds(spec)]));
    const rank = (spec: TestSpecification) => {
      const at = PROJECT_ORDER.indexOf(spec.project.name);
      return at === -1 ? PROJECT_ORDER.length : at;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || (expected.get(b) ?? 0) - (expected.get(a) ?? 0));
  }

  private expectedSeconds(spec: TestSpecification): number {
    const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
    const last = this.ctx.cache.getFileTestResults(key);
    if (last && !last.failed) return last.duration / 1000;
    const known = KNOWN_LONG[relative(this.ctx.config.root, spec.moduleId)];
    if (known !== undefined) return known;
    const kilobytes = statSync(spec.moduleId).size / 1024;
    return kilobytes * (COST_PER_KB[spec.project.name] ?? 0.05);
  }
}
