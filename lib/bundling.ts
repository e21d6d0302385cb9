import type { BuildOptions } from 'esbuild';
import * as path from 'node:path';
import { functionEntry, projectRoot } from './paths';

/**
 * How a function is bundled, in one place: DuchaFunction passes these to
 * NodejsFunction, and the bundle bench and the bundle test build with
 * esbuildOptions() so that what they measure is what Lambda runs.
 */

/** middy and the SDK are ESM, some dependencies are CommonJS: give the ESM bundle a `require` so those still load. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __duchaCreateRequire } from 'node:module'; const require = __duchaCreateRequire(import.meta.url);";

/** Modules replaced in Lambda bundles (see functions/adapters/aws/lambda-credentials.ts for why). */
export const BUNDLE_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': path.join(projectRoot, 'functions', 'adapters', 'aws', 'lambda-credentials.ts'),
};

/** The esbuild options equivalent to DuchaFunction's bundling, for `functions/<entry>.ts`. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [functionEntry(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    alias: BUNDLE_ALIASES,
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    charset: 'utf8',
    logLevel: 'error',
  };
}
