import { httpApi, implement } from './api';
import { contract } from './contract';
import { openApiDocument } from './openapi-document';

// Generated once per container: the contract does not change while it runs.
const document = openApiDocument();

export const handler = httpApi('openapi', [
  implement(contract.getOpenApiDocument, async () => ({ body: document, headers: { 'cache-control': 'public, max-age=300' } })),
]);
