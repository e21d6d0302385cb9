/**
 * The build step before the openapi function is bundled (lib/ducha-function.ts runs it, `cdk synth` does):
 * writes the OpenAPI document generated from the contract to .build/openapi-document.mjs (gzipped), which the bundle embeds.
 */
import { OPENAPI_DOCUMENT_FILE, writeOpenApiDocument } from '../lib/bundling';

writeOpenApiDocument();
console.log(`openapi document → ${OPENAPI_DOCUMENT_FILE}`);
