/**
 * `node --import tsx scripts/check-grants.ts`: compares the AWS calls the last integration run recorded
 * (tests/integration/aws-calls.ts, one file per test file) with the grants the stack gives each function
 * (scripts/grants.ts). Exits 1 naming each call not granted and each grant never used. `npm test` runs it after
 * a whole run; after a partial one (a file) the record is partial too, and it says so and checks nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_CALLS_DIR } from '../tests/integration/aws-calls';
import { addPermissions, compareGrants, grantsOfStack, type Permission } from './grants';

const integrationFiles = readdirSync(join(import.meta.dirname, '..', 'tests', 'integration')).filter((f) => f.endsWith('.test.ts'));
const records = (() => {
  try {
    return readdirSync(AWS_CALLS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
})();
// npm test empties the folder before the run (scripts/test.mjs): a whole run leaves one record per file.
if (records.length < integrationFiles.length) {
  console.log(`grants: ${records.length} of ${integrationFiles.length} integration files recorded their AWS calls; not checked`);
  process.exit(0);
}
const used = new Map<string, Set<Permission>>();
for (const file of records) {
  const record = JSON.parse(readFileSync(join(AWS_CALLS_DIR, file), 'utf8')) as Record<string, Permission[]>;
  for (const [fn, permissions] of Object.entries(record)) addPermissions(used, fn, permissions);
}
const findings = compareGrants(grantsOfStack(), used);
for (const f of findings)
  console.log(
    `grants: ${f.fn} ${f.problem === 'not-granted' ? 'calls, without a grant,' : 'is granted, and never calls,'} ${f.permission}`,
  );
console.log(
  `grants: ${used.size} functions' calls against their grants: ${findings.length === 0 ? 'each call granted, each grant used' : `${findings.length} differences`}`,
);
process.exit(findings.length === 0 ? 0 : 1);
