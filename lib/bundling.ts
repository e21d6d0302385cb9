import type { BuildOptions } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as path from 'node:path';
import { openApiDocument } from '../functions/http/openapi-document';
import { functionEntry, projectRoot } from './paths';

/**
 * How a function is bundled, in one place: DuchaFunction passes these to
 * NodejsFunction, and the bundle bench and the bundle test build with
 * esbuildOptions() so that what they measure is what Lambda runs.
 */

/** middy and the SDK are ESM, some dependencies are CommonJS: give the ESM bundle a `require` so those still load. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __duchaCreateRequire } from 'node:module'; const require = __duchaCreateRequire(import.meta.url);";

/** Modules replaced in Lambda bundles (see the replacements, functions/adapters/aws/, for why). */
export const BUNDLE_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': path.join(projectRoot, 'functions', 'adapters', 'aws', 'lambda-credentials.ts'),
};

/**
 * The package.json "imports" condition under which `#openapi-document` is the document the build wrote
 * (OPENAPI_DOCUMENT_FILE), not the module that generates it. `module` stays on, as esbuild has it when it is given
 * no conditions of its own.
 */
export const BUNDLE_CONDITIONS = ['ducha-bundle', 'module'];

/** Where the build writes the OpenAPI document the openapi function embeds (package.json "imports"). */
export const OPENAPI_DOCUMENT_FILE = path.join(projectRoot, '.build', 'openapi-document.js');

/**
 * The build step before bundling `http/openapi`: the document generated from the contract, as a module that holds
 * it gzipped. As JSON it was 172 KB of the function's 305 KB; gzipped and base64-encoded it is a tenth of that, and
 * the cold start unzips it once (a few milliseconds).
 */
export function writeOpenApiDocument(file = OPENAPI_DOCUMENT_FILE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const zipped = gzipSync(JSON.stringify(openApiDocument()), { level: 9 }).toString('base64');
  writeFileSync(
    file,
    `import { gunzipSync } from 'node:zlib';\nexport default JSON.parse(gunzipSync(Buffer.from('${zipped}', 'base64')).toString('utf8'));\n`,
  );
}

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
    conditions: BUNDLE_CONDITIONS,
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    charset: 'utf8',
    logLevel: 'error',
  };
}
