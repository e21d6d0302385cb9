/**
 * bundle: each function's minified bundle, built the way DuchaFunction builds
 * it (ESM, AWS SDK inside, minified), its size, and the time a fresh Node
 * process takes to import it, less the time an empty script takes (median of
 * 5), each against issue 20's limits: `within` says whether it keeps them.
 * The times mean something only on a quiet machine.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routeGroups } from '../../functions/http/routes';
import { jobNames } from '../../functions/jobs/schedules';
import { esbuildOptions, writeOpenApiDocument } from '../../lib/bundling';
import { round } from './pool';

const RUNS = 5;

/** Issue 20, item 8: an HTTP function at most 300 KB and 100 ms to import, a job at most 350 KB. */
export const LIMITS = {
  http: { bytes: 300 * 1024, initMs: 100 },
  jobs: { bytes: 350 * 1024, initMs: Number.POSITIVE_INFINITY },
} as const;

function timeMs(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, {
    stdio: 'ignore',
    env: { ...process.env, LEDGER_TABLE_NAME: 'bench', AWS_REGION: 'us-east-1', PUBLIC_BASE_URL: 'https://ducha.example.gov.cn' },
  });
  return performance.now() - started;
}

/** Median of (import the bundle − run an empty script), the two interleaved so machine noise hits both alike. */
function importCostMs(bundle: string, empty: string): number {
  const differences: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const baseline = timeMs([empty]);
    differences.push(timeMs(['--input-type=module', '-e', `await import(${JSON.stringify(bundle)})`]) - baseline);
  }
  differences.sort((a, b) => a - b);
  return differences[Math.floor(RUNS / 2)] as number;
}

export async function bundles(): Promise<Record<string, unknown>[]> {
  const out = mkdtempSync(join(tmpdir(), 'ducha-bundle-'));
  try {
    const entries = [...routeGroups.map((g) => `http/${g}`), ...jobNames.map((j) => `jobs/${j}`)];
    const empty = join(out, 'empty.mjs');
    await build({ stdin: { contents: '' }, outfile: empty, format: 'esm' });
    writeOpenApiDocument();
    const figures: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const outfile = join(out, `${entry.replace('/', '-')}.mjs`);
      await build(esbuildOptions(entry, outfile));
      const bytes = statSync(outfile).size;
      const initMs = round(Math.max(0, importCostMs(outfile, empty)), 1);
      const limit = LIMITS[entry.startsWith('http/') ? 'http' : 'jobs'];
      const within = bytes <= limit.bytes && initMs <= limit.initMs;
      figures.push({ bench: 'bundle', function: entry, bytes, initMs, within });
    }
    return figures;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
