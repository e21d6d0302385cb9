import type { APIGatewayProxyEvent } from 'aws-lambda';
import { systemClock } from '../adapters/clock';
import { DynamoPublicNotices } from '../adapters/dynamodb/public-notices';
import { atomFeed } from '../domain/public-feed';
import { listPublicNotices } from '../use-cases/read-public-notices';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { ATOM_MEDIA_TYPE } from './media-types';
import { PUBLIC_CACHE } from './respond';

const source = new DynamoPublicNotices();
const headers = { 'cache-control': PUBLIC_CACHE };

/** The feed's own address, as the client reached it (CloudFront or API Gateway set these headers). */
function selfUrl(event: APIGatewayProxyEvent): string {
  const h = event.headers ?? {};
  const host = h['x-forwarded-host'] ?? h.host ?? 'localhost';
  const proto = h['x-forwarded-proto'] ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  // Reached at API Gateway's own domain, the address carries the stage (https://….execute-api…/v1/public/…).
  const stage = host.includes('.execute-api.') && event.requestContext?.stage ? `/${event.requestContext.stage}` : '';
  return `${proto}://${host}${stage}/public/notices.atom`;
}

export const handler = httpApi('public', [
  implement(contract.listPublicNotices, async ({ query }) => ({ body: await listPublicNotices(source, query), headers })),
  implement(contract.getPublicNoticesAtom, async ({ event }) => {
    const { items } = await listPublicNotices(source, { limit: 50 });
    return {
      body: undefined,
      headers,
      text: { contentType: ATOM_MEDIA_TYPE, content: atomFeed(items, { selfUrl: selfUrl(event), generatedAt: systemClock.now() }) },
    };
  }),
]);
