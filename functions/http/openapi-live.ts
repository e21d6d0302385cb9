import { openApiDocument } from './openapi-document';

/**
 * `#openapi-document` outside a Lambda bundle (the local server, tests, scripts): the document generated from the
 * contract as this module loads, so it is always the current one. In a bundle the same import is the file the
 * build wrote (package.json "imports", lib/bundling.ts), and neither zod nor the generator is loaded.
 */
export default openApiDocument();
