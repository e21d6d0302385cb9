/**
 * Stands in for `semver` in the Lambda bundles (an esbuild alias, lib/bundling.ts). The X-Ray SDK under Powertools
 * Tracer asks it one question, `gte`: cls-hooked whether Node.js is at least 8 (to pick async_hooks), the SDK v2
 * patcher (unused here) whether aws-sdk is recent enough. The whole package, with the regular expressions it
 * compiles on load, is 28 KB of every bundle; this answers that question for plain `major.minor.patch` versions.
 */
export function gte(version: string, minimum: string): boolean {
  const parts = (v: string) => v.replace(/^v/, '').split(/[.+-]/).slice(0, 3).map(Number);
  const [a, b] = [parts(version), parts(minimum)];
  for (let i = 0; i < 3; i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}
