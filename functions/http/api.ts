import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { withDeadline } from '../use-cases/deadline';
import type * as z from 'zod';
import { assertRole } from '../domain/access';
import type { Caller } from '../domain/caller';
import { say } from '../messages/message';
import { powertools } from '../powertools';
import { callerFromClaims } from './caller';
import { requestPlace } from './caller-office';
import { inOffice } from '../adapters/office-scope';
import type { Operation } from './contract';
import { HttpRefusal, problemResponses } from './problems';
import { fileResponse, json, textResponse } from './respond';
import { routes, type RouteGroup } from './routes';
import { IdempotencyKey, IfMatchHeader } from './schemas';
import { PreconditionRequired } from '../domain/errors';
import { runningFunction } from '../running-function';
import { parseRequestPart } from './validation';

/** Far above any honest request; refused before parsing (API Gateway itself allows 10 MB). */
export const MAX_BODY_BYTES = 256 * 1024;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Request<O extends Operation> {
  caller: O['roles'] extends 'public' ? undefined : Caller;
  body: Parsed<O['body']>;
  query: Parsed<O['query']>;
  params: Parsed<O['params']>;
  idempotencyKey?: string;
  /** An edit's If-Match: the version it was made against (always there for an `ifMatch` operation). */
  ifMatch: O['ifMatch'] extends true ? number : undefined;
  event: APIGatewayProxyEvent;
}

export interface Answer {
  body: unknown;
  headers?: Record<string, string>;
  /** Overrides the operation's success status (e.g. 200 for a replayed creation). */
  status?: number;
  /** A file instead of JSON (the ledger spreadsheets): text as is, bytes base64-encoded for API Gateway. */
  file?: { contentType: string; filename: string; asciiFilename: string; content: string | Buffer };
  /** A text shown as is (the Atom feed), with its media type. */
  text?: { contentType: string; content: string };
}

export interface Implementation {
  operation: Operation;
  handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
}

/** An edit names the version it edits: 428 without it, 400 when it is no version. */
function ifMatchOf(raw: string | undefined): number {
  if (raw === undefined) throw new PreconditionRequired(say('precondition.if-match-required'));
  return parseRequestPart(IfMatchHeader, raw, 'If-Match');
}

/**
 * Binds an operation of the contract to its use case. Order matters and is
 * the same for every route: authenticate (401), authorise the role (403), the
 * caller's office registered (403; the use case then runs in it),
 * refuse oversized or non-JSON bodies (413/415), parse (400), validate (400),
 * then run the use case.
 */
export function implement<O extends Operation>(operation: O, run: (request: Request<O>) => Promise<Answer>): Implementation {
  const handle = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const headers = event.headers ?? {};
    const signedIn = operation.roles === 'public' ? undefined : callerFromClaims(event);
    // The caller's office, or the one X-Ducha-Office names and as whom the caller acts there (caller-office.ts).
    const place = signedIn ? await requestPlace(signedIn, operation.method, headers['x-ducha-office']) : undefined;
    const caller = place?.caller;
    if (caller && operation.roles !== 'public') assertRole(caller, operation.roles, `${operation.method} ${operation.path}`);
    const rawKey = headers['idempotency-key'];
    const idempotencyKey =
      operation.idempotent && rawKey !== undefined ? parseRequestPart(IdempotencyKey, rawKey, 'Idempotency-Key') : undefined;
    const request = {
      caller,
      body: operation.body ? parseRequestPart(operation.body, event.body) : undefined,
      query: operation.query ? parseRequestPart(operation.query, event.queryStringParameters ?? {}, 'query') : undefined,
      params: operation.params ? parseRequestPart(operation.params, event.pathParameters ?? {}, 'path') : undefined,
      idempotencyKey,
      // After the body: a malformed edit is a 400 whatever its If-Match.
      ifMatch: operation.ifMatch ? ifMatchOf(headers['if-match']) : undefined,
      event,
    } as Request<O>;
    // Every key the use case reads or writes is then the caller's office's (adapters/office-scope.ts).
    const answer = place ? await inOffice(place.office, () => run(request)) : await run(request);
    if (answer.file) return fileResponse(answer.file);
    if (answer.text) return textResponse(answer.text.contentType, answer.text.content, answer.headers);
    return json(answer.status ?? operation.success.status, answer.body, answer.headers);
  };

  const withBody = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .before(async (request) => {
      // Refuse what no honest client sends before spending time parsing it.
      const body = request.event.body ?? '';
      if (Buffer.byteLength(body, request.event.isBase64Encoded ? 'base64' : 'utf8') > MAX_BODY_BYTES) {
        throw new HttpRefusal(413, 'payload-too-large', say('request.too-large', { kb: MAX_BODY_BYTES / 1024 }));
      }
    })
    .use(httpJsonBodyParser())
    .handler(handle);

  return {
    operation,
    handler: operation.body ? (event) => withBody(event, {} as never) : handle,
  };
}

/**
 * The Lambda handler of one route group: Powertools (logger context, tracing), header normalisation, one error
 * mapping, and middy's router over the group's operations. Refuses at cold
 * start to serve a group whose operations differ from the route table.
 */
export function httpApi(group: RouteGroup, implementations: Implementation[]) {
  const declared = routes
    .filter((r) => r.group === group)
    .map((r) => `${r.method} ${r.path}`)
    .sort();
  const implemented = implementations.map((i) => `${i.operation.method} ${i.operation.path}`).sort();
  if (declared.join('\n') !== implemented.join('\n')) {
    throw new Error(`Route group ${group} implements [${implemented.join(', ')}] but the route table declares [${declared.join(', ')}]`);
  }
  const router = httpRouterHandler(
    implementations.map(
      (i): Route<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
        method: i.operation.method,
        path: i.operation.path,
        handler: i.handler,
      }),
    ),
  );
  const api = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(powertools())
    .use(httpHeaderNormalizer())
    .use(problemResponses())
    .handler(router as never);
  // Use cases stop starting work STOP_BEFORE_MS before the function's end (deadline.ts, change-item.ts), so a
  // request under load answers a clean 503 instead of being cut off by middy's or Lambda's timeout mid-write.
  return (event: APIGatewayProxyEvent, context: Context) =>
    runningFunction.run(`http:${group}`, () => withDeadline(deadlineOf(context), () => api(event, context)));
}

/** Time left for a write in flight to finish and the answer to be sent, once no new work starts. */
export const STOP_BEFORE_MS = 3_500;

const deadlineOf = (context: Partial<Context> | undefined) =>
  typeof context?.getRemainingTimeInMillis === 'function' ? Date.now() + context.getRemainingTimeInMillis() - STOP_BEFORE_MS : undefined;
