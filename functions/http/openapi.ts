import middy from '@middy/core';
import document from '#openapi-document';
import { powertools } from '../powertools';
import { json } from './respond';

/**
 * GET /openapi.json (contract.getOpenApiDocument, route group `openapi`): the document generated from the contract
 * (openapi-document.ts). A Lambda bundle embeds it as generated at build time (`#openapi-document`), so a cold start
 * neither builds it nor loads zod: this handler stands apart from httpApi, whose parsing and error mapping a route
 * with no input and nothing to refuse does not need.
 */
const served = json(200, document, { 'cache-control': 'public, max-age=300' });

export const handler = middy()
  .use(powertools())
  .handler(async () => ({ ...served, headers: { ...served.headers } }));
