import type { APIGatewayProxyEvent } from 'aws-lambda';

export interface ProxyEventInput {
  method: string;
  /** The resource path with `{param}` placeholders. */
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | null;
  /** The authorizer's claims, every value a string as Cognito passes them; none for a public route. */
  claims?: Record<string, string>;
  requestId: string;
}

/** A lone surrogate cannot travel in a URL: API Gateway would have decoded its bytes to U+FFFD. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** An API Gateway (REST) proxy event, for calling a route group's handler in-process. */
export function proxyEvent(input: ProxyEventInput): APIGatewayProxyEvent {
  const params = input.pathParameters ?? {};
  const path = input.resource.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(params[name] ?? '')));
  const query = input.query && Object.keys(input.query).length > 0 ? input.query : null;
  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers: input.headers ?? {},
    multiValueHeaders: Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: query && Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: Object.keys(params).length > 0 ? params : null,
    stageVariables: null,
    body: input.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      authorizer: input.claims ? { claims: input.claims } : null,
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      identity: { sourceIp: '127.0.0.1', userAgent: 'vitest' } as APIGatewayProxyEvent['requestContext']['identity'],
      path,
      stage: 'test',
      requestId: input.requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'test',
      resourcePath: input.resource,
    },
  };
}

/** The claims of a caller, as the Cognito authorizer passes them. */
export const claimsOf = (role: string, unitId?: string): Record<string, string> => ({
  sub: unitId ? `test-${role}-${unitId}` : `test-${role}`,
  'cognito:groups': role,
  ...(unitId ? { 'custom:unitId': unitId } : {}),
});
