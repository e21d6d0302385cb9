/**
 * The local API Gateway: a Node http server that turns each request into the
 * REST API (v1) proxy event API Gateway would send, and hands it to the very
 * same handler module the Lambda function runs (`functions/http/<group>.ts`).
 *
 * What it imitates, on purpose: routing by the declared routes (404/405),
 * the Cognito authorizer (401 before the handler; the handler sees only the
 * verified claims, every value a string), the 10 MB payload limit (413), a
 * Lambda error or timeout as 502, and one cold start per function. Like the
 * distribution in AWS, it sends `GET /` to the console and refuses a query
 * string that is not percent-encoded UTF-8 (400, not an empty answer). Its own
 * refusals speak the language of Accept-Language, Chinese by default.
 *
 * Besides the API it serves the web console under /console/ (console-files.ts)
 * and, on this machine only, the console's sign-in service under /local/
 * (sign-in-service.ts): neither is a route of the API.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { requestEnded, requestStarted } from './busy';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { contentLanguage, languageOf } from '../../functions/http/language';
import { BINARY_MEDIA_TYPES } from '../../functions/http/media-types';
import { matchRoute, routes, type RouteDeclaration } from '../../functions/http/routes';
import { render, say, type Language, type Message } from '../../functions/messages/message';
import { isConsolePath, serveConsole } from './console-files';
import { projectRoot } from './defaults';
import { isSignInPath, serveSignIn } from './sign-in-service';
import { tokenRefusal, verifyToken } from './tokens';

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** API Gateway's own payload limit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const DEFAULT_HANDLERS_DIR = join(projectRoot, 'functions', 'http');

export interface LocalApiOptions {
  /** Secret the bearer tokens are verified with (see tokens.ts). */
  jwtSecret: string;
  /** Where `<group>.ts` handler modules are; default functions/http. */
  handlersDir?: string;
  /** Replaces module loading altogether (tests). */
  loadHandler?: (group: string) => Promise<ProxyHandler>;
  /** One line per request and handler errors; default console.log. */
  log?: (line: string) => void;
  /** One log line per request (default true); failures are logged either way. */
  logRequests?: boolean;
  maxBodyBytes?: number;
  /** The Lambda function's timeout: the context's budget, and a 502 when exceeded. Default 10 s. */
  functionTimeoutMs?: number;
  /** The built web console served at /console/ (default console/dist). */
  consoleDir?: string;
}

type ErrorCode =
  | 'not-found'
  | 'method-not-allowed'
  | 'unauthenticated'
  | 'payload-too-large'
  | 'bad-request'
  | 'invalid-input'
  | 'bad-gateway';

/** Where `GET /` sends a browser: the console (served under /console/ on the same origin). */
export const CONSOLE_PATH = '/console/';

const TEXT_CONTENT_TYPE = /^\s*(text\/|application\/(json|[\w.+-]+\+json|xml|[\w.+-]+\+xml|x-www-form-urlencoded|javascript|graphql)\b)/i;

/**
 * Text bodies (and bodies without a type) reach the handler as UTF-8; the stack's binary media types and any other
 * type base64-encoded, as API Gateway does.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType === '') return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  if ((BINARY_MEDIA_TYPES as readonly string[]).includes(type ?? '')) return false;
  return TEXT_CONTENT_TYPE.test(contentType);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Java's Date#toString in UTC ("Thu Nov 26 03:00:00 UTC 2026"): how Cognito's REST authorizer gives `exp` and `iat`. */
export function cognitoDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/** The claims as the Cognito authorizer of a REST API passes them on: every value a string. */
export function claimsAsAuthorizerStrings(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if ((name === 'exp' || name === 'iat') && typeof value === 'number') claims[name] = cognitoDate(value);
    else if (Array.isArray(value)) claims[name] = value.map(String).join(',');
    else if (typeof value === 'object') claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

function lambdaContext(group: string, requestId: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const functionName = `ducha-local-${group}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Imports `<dir>/<group>.{ts,mts,js,mjs}` and returns its `handler`. */
function importFrom(handlersDir: string) {
  return async (group: string): Promise<ProxyHandler> => {
    const file = ['.ts', '.mts', '.js', '.mjs'].map((ext) => join(handlersDir, group + ext)).find((f) => existsSync(f));
    if (!file) throw new Error(`No handler module for route group "${group}" in ${handlersDir}`);
    const mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    if (typeof mod.handler !== 'function') throw new Error(`${file} does not export a handler function`);
    return mod.handler as ProxyHandler;
  };
}

/** One load per group (a cold start per function), kept for later requests; a failed init is retried, as Lambda does. */
function loadOncePerGroup(load: (group: string) => Promise<ProxyHandler>) {
  const loaded = new Map<string, Promise<ProxyHandler>>();
  return (group: string): Promise<ProxyHandler> => {
    let pending = loaded.get(group);
    if (!pending) {
      pending = load(group);
      loaded.set(group, pending);
      pending.catch(() => loaded.delete(group));
    }
    return pending;
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A refusal of the server's own, in the handlers' error shape and in the language the request asks for. */
function sendError(res: ServerResponse, status: number, code: ErrorCode, message: Message, headers: Record<string, string> = {}): void {
  const language = requestLanguage(res.req);
  const text = render(message, language);
  sendJson(res, status, { error: { code, message: text, details: [] } }, { 'content-language': contentLanguage(language), ...headers });
}

const requestLanguage = (req: IncomingMessage | undefined): Language => languageOf(req ? headerValue(req, 'accept-language') : undefined);

/**
 * Whether a raw query string is percent-encoded UTF-8: every `%` starts an
 * escape of two hex digits and the bytes decode as UTF-8. URLSearchParams
 * would take `%ZZ` literally and turn bad bytes into U+FFFD, searching for
 * something nobody typed; API Gateway refuses a malformed escape.
 */
export function isWellFormedQuery(rawQuery: string): boolean {
  try {
    for (const part of rawQuery.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

class BodyTooLarge extends Error {}

/** Reads the body up to the limit; stops reading (without buffering the rest) as soon as it is exceeded. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** How much of a refused upload is read and dropped before the connection is cut. */
const DRAIN_AT_MOST = 16 * 1024 * 1024;

/**
 * Answers 413 at once, then drains the rest of the upload unread (never
 * buffered). The connection is not cut while the client is still sending,
 * since it would then see a reset instead of the answer; a client that keeps
 * sending far past the limit, or for too long, is cut off.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  sendError(res, 413, 'payload-too-large', say('gateway.too-large', { limit }));
  if (req.readableEnded) return;
  let drained = 0;
  const cutOff = setTimeout(() => req.socket.destroy(), 10_000);
  cutOff.unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_AT_MOST) req.socket.destroy();
  });
  req.once('end', () => clearTimeout(cutOff));
  req.resume();
}

function headerMaps(rawHeaders: string[]) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  return { headers, multiValueHeaders };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function queryMaps(search: URLSearchParams) {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of search) {
    single[name] = value;
    multi[name] = [...(multi[name] ?? []), value];
  }
  const any = Object.keys(single).length > 0;
  return { queryStringParameters: any ? single : null, multiValueQueryStringParameters: any ? multi : null };
}

/** API Gateway's requestTime form: 26/Nov/2026:11:16:21 +0000 */
function requestTime(d: Date): string {
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${time} +0000`;
}

export interface BuildEventInput {
  req: IncomingMessage;
  route: RouteDeclaration;
  path: string;
  search: URLSearchParams;
  pathParameters: Record<string, string>;
  body: Buffer;
  claims: Record<string, string> | null;
  requestId: string;
  receivedAt: Date;
}

export function buildProxyEvent(input: BuildEventInput): APIGatewayProxyEvent {
  const { req, route, path, pathParameters, body, claims, requestId, receivedAt } = input;
  const { headers, multiValueHeaders } = headerMaps(req.rawHeaders);
  const contentType = headerValue(req, 'content-type');
  const binary = body.length > 0 && !isTextContentType(contentType);
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return {
    resource: route.path,
    path,
    httpMethod: route.method,
    headers,
    multiValueHeaders,
    ...queryMaps(input.search),
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
    stageVariables: null,
    body: body.length === 0 ? null : binary ? body.toString('base64') : body.toString('utf8'),
    isBase64Encoded: binary,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: claims ? { claims } : null,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: route.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp,
        user: null,
        userAgent: headerValue(req, 'user-agent') ?? null,
        userArn: null,
      },
      path: `/local${path}`,
      stage: 'local',
      requestId,
      extendedRequestId: requestId,
      requestTime: requestTime(receivedAt),
      requestTimeEpoch: receivedAt.getTime(),
      resourceId: 'local',
      resourcePath: route.path,
      domainName: headerValue(req, 'host') ?? 'localhost',
    },
  };
}

const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Writes a proxy result as API Gateway would; false if the result is malformed. */
function writeProxyResult(res: ServerResponse, result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return false;
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } = result as Partial<APIGatewayProxyResult>;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return false;
  if (body !== undefined && body !== null && typeof body !== 'string') return false;
  const out = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    out.set(name.toLowerCase(), { name, values: [String(value)] });
  }
  // Where both maps name a header, API Gateway keeps the multi-value one.
  for (const [name, values] of Object.entries(multiValueHeaders ?? {})) {
    out.set(name.toLowerCase(), { name, values: (values ?? []).map(String) });
  }
  for (const key of HOP_BY_HOP) out.delete(key);
  if (!out.has('content-type')) out.set('content-type', { name: 'Content-Type', values: ['application/json'] });
  const payload = body ? Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  for (const { name, values } of out.values()) res.setHeader(name, values.length === 1 ? values[0]! : values);
  res.setHeader('content-length', payload.length);
  res.writeHead(statusCode);
  res.end(payload);
  return true;
}

function allowedMethods(path: string): string[] {
  const methods = [...new Set(routes.map((r) => r.method))];
  return methods.filter((m) => matchRoute(m, path) !== null);
}

export function createLocalApiServer(options: LocalApiOptions): Server {
  const log = options.log ?? ((line: string) => console.log(line));
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const timeoutMs = options.functionTimeoutMs ?? 10_000;
  const loadHandler = loadOncePerGroup(options.loadHandler ?? importFrom(options.handlersDir ?? DEFAULT_HANDLERS_DIR));

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, receivedAt: Date) {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (isConsolePath(path)) return serveConsole(req, res, path, options.consoleDir);
    if (isSignInPath(path)) return serveSignIn(req, res, path, options.jwtSecret);

    if ((method === 'GET' || method === 'HEAD') && path === '/') {
      res.writeHead(302, { location: CONSOLE_PATH, 'content-length': 0 });
      return res.end();
    }
    const rawQuery = (req.url ?? '').split('?').slice(1).join('?');
    if (!isWellFormedQuery(rawQuery)) return sendError(res, 400, 'invalid-input', say('request.malformed-query'));

    let match: ReturnType<typeof matchRoute>;
    try {
      match = matchRoute(method, path);
    } catch {
      return sendError(res, 400, 'bad-request', say('gateway.malformed-path', { path }));
    }
    if (!match) {
      const allow = allowedMethods(path);
      if (allow.length > 0) {
        return sendError(res, 405, 'method-not-allowed', say('gateway.method-not-allowed', { method, path, allow }), {
          allow: allow.join(', '),
        });
      }
      return sendError(res, 404, 'not-found', say('gateway.no-route', { method, path }));
    }
    const { route, pathParameters } = match;

    const declaredLength = Number(headerValue(req, 'content-length') ?? 0);
    if (declaredLength > limit) return refuseTooLarge(req, res, limit);

    let claims: Record<string, string> | null = null;
    if (!route.public) {
      const authorization = headerValue(req, 'authorization') ?? '';
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (!token) return sendError(res, 401, 'unauthenticated', say('gateway.missing-token'));
      try {
        claims = claimsAsAuthorizerStrings(await verifyToken(token, options.jwtSecret));
      } catch (error) {
        return sendError(res, 401, 'unauthenticated', tokenRefusal(error));
      }
    }

    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuseTooLarge(req, res, limit);
      throw error;
    }

    const event = buildProxyEvent({ req, route, path, search: url.searchParams, pathParameters, body, claims, requestId, receivedAt });
    let result: unknown;
    let timer: NodeJS.Timeout | undefined;
    try {
      const handler = await loadHandler(route.group);
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Task timed out after ${timeoutMs / 1000} seconds`)), timeoutMs);
        timer.unref();
      });
      result = await Promise.race([handler(event, lambdaContext(route.group, requestId, timeoutMs)), timedOut]);
    } catch (error) {
      // Logged without the request body: it may carry personal data.
      log(`[api] ${route.group} function failed on ${method} ${path} (request ${requestId}): ${(error as Error)?.stack ?? String(error)}`);
      return sendError(res, 502, 'bad-gateway', say('gateway.function-failed'));
    } finally {
      clearTimeout(timer);
    }
    if (res.destroyed) return;
    if (!writeProxyResult(res, result)) {
      log(`[api] ${route.group} function returned a malformed proxy response on ${method} ${path} (request ${requestId})`);
      sendError(res, 502, 'bad-gateway', say('gateway.malformed-response'));
    }
  }

  const server = createServer({ requestTimeout: 60_000 }, (req, res) => {
    const requestId = randomUUID();
    const receivedAt = new Date();
    if (options.logRequests !== false)
      res.on('finish', () => {
        log(`[api] ${req.method} ${req.url} → ${res.statusCode} ${Date.now() - receivedAt.getTime()} ms`);
      });
    req.on('error', () => undefined);
    requestStarted();
    res.on('close', requestEnded);
    handle(req, res, requestId, receivedAt).catch((error: unknown) => {
      log(`[api] local server error on ${req.method} ${req.url}: ${(error as Error)?.stack ?? String(error)}`);
      sendError(res, 502, 'bad-gateway', say('gateway.function-failed'));
    });
  });
  server.on('clientError', (error: Error & { code?: string; rawPacket?: Buffer }, socket) => answerClientError(error, socket));
  return server;
}

/**
 * A request Node's parser refuses before there is a request to answer. A URL
 * with bytes that are not percent-encoded (`?q=供水` as raw UTF-8) gets a 400
 * saying so, in the handlers' error shape, instead of Node's bare empty 400;
 * the rest get the statuses Node's own handler gives them.
 */
function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  if (error.code !== 'HPE_INVALID_URL') {
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    return;
  }
  // No request to read headers from: the language comes from the raw bytes received, if they got that far.
  const accept = /\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(error.rawPacket?.toString('latin1') ?? '')?.[1];
  const language = languageOf(accept);
  const body = JSON.stringify({ error: { code: 'invalid-input', message: render(say('request.malformed-query'), language), details: [] } });
  socket.end(
    [
      'HTTP/1.1 400 Bad Request',
      'Content-Type: application/json; charset=utf-8',
      `Content-Language: ${contentLanguage(language)}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

export interface LocalApi {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the server; port 0 lets the OS choose. */
export async function startLocalApi(options: LocalApiOptions & { port: number; host?: string }): Promise<LocalApi> {
  const host = options.host ?? '127.0.0.1';
  const server = createLocalApiServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    url: `http://${urlHost}:${port}`,
    close: () => closeServer(server),
  };
}

/** Stops listening and drops keep-alive connections, so a stop takes milliseconds. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
