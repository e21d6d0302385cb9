/**
 * `npm run bench [-- NAME]`: benchmarks, not tests. Each prints one JSON line
 * per figure; nothing here fails on a number (`bundle` says whether each
 * function keeps its limits, as `within`).
 */
import '../local/quiet-sdk-warning.mjs';
import { bundles } from './bundle';
import { burst } from './burst';
import { chainLag } from './chain-lag';
import { concurrentReports } from './concurrent-reports';
import { consoleBench } from './console';
import { intake } from './intake';
import { mailRate } from './mail-rate';
import { province } from './province';
import { reportQuality } from './report-quality';
import { reports } from './reports';
import { search } from './search';
import { sweep } from './sweep';

const benches: Record<string, () => Promise<Record<string, unknown> | Record<string, unknown>[]>> = {
  intake,
  bundle: bundles,
  sweep,
  reports,
  search,
  console: consoleBench,
  'concurrent-reports': concurrentReports,
  burst,
  'chain-lag': chainLag,
  'mail-rate': mailRate,
  province,
  'report-quality': reportQuality,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; the benches are: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
  const figures = await benches[name]!();
  for (const figure of [figures].flat()) console.log(JSON.stringify(figure));
}
