import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ZodError } from 'zod';
import {
  Conflict,
  DomainError,
  Forbidden,
  InvalidInput,
  NotFound,
  PreconditionFailed,
  PreconditionRequired,
  RuleViolation,
  TryAgainLater,
  Unauthenticated,
} from '../domain/errors';
import { DEFAULT_LANGUAGE, render, say, type Language, type Message } from '../messages/message';
import { logger } from '../observability';
import { contentLanguage, headerOf, languageOf } from './language';
import { json } from './respond';
import { issueMessage } from './validation';

/** A request the HTTP layer refuses before it is parsed. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    readonly problem: Message,
  ) {
    super(render(problem, 'en'));
  }
}

const STATUS: [abstract new (...args: never[]) => DomainError, number][] = [
  [InvalidInput, 400],
  [Unauthenticated, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [RuleViolation, 422],
  [PreconditionFailed, 412],
  [PreconditionRequired, 428],
  [TryAgainLater, 503],
];

/**
 * DynamoDB's refusals for load, still failing after the SDK's own retries. A refused request changed nothing
 * (a TransactWriteItems is refused whole), and every write of a request is one transaction, so the same request
 * may be sent again: 503 with Retry-After, never 500.
 */
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
]);
const THROTTLED_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict', 'RequestLimitExceeded']);

export function throttled(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  if (typeof name !== 'string') return false;
  if (THROTTLED.has(name)) return true;
  if (name !== 'TransactionCanceledException') return false;
  // Cancelled for load alone: no condition failed (that would be a refusal of its own, named elsewhere).
  const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return codes.some((c) => THROTTLED_REASONS.has(c)) && codes.every((c) => c === 'None' || THROTTLED_REASONS.has(c));
}

/** The methods that only read (RFC 9110's safe methods): a failure of one leaves no change in doubt. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isRead = (method: string | undefined) => READS.has((method ?? '').toUpperCase());

/** Seconds a 503 asks the client to wait before sending the same request again. */
export const RETRY_AFTER_SECONDS = 1;

/** One problem of a failure: the field it is about (when it is about one), what is wrong, and any machine-readable values. */
export interface RenderedDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * Every failure becomes `{ error: { code, message, details } }` with the
 * status its kind deserves; this is the only place that mapping lives.
 * `details` is always a list of `{ path?, message, … }` (empty when there
 * is nothing more to say), and every message is in the caller's language.
 * Bad input is never a 500. An unexpected error is logged (without the
 * request body) and answered with a 500 that reveals nothing. A 500 or a timeout of a change says its outcome is
 * unknown; of a read (`method` GET, HEAD), only that it failed: no change was asked for, so none is in doubt.
 */
export function problemFor(error: unknown, language: Language = DEFAULT_LANGUAGE, method?: string): APIGatewayProxyResult {
  const text = (message: Message) => render(message, language);
  if (error instanceof DomainError) {
    const status = STATUS.find(([kind]) => error instanceof kind)?.[1] ?? 500;
    const details = error.details.map((detail) => ({ ...detail, message: text(detail.message) }));
    const answer = problem(language, status, error.code, text(error.problem), details);
    return error instanceof TryAgainLater ? retryAfter(answer, error.retryAfterSeconds) : answer;
  }
  if (throttled(error)) {
    logger.warn('DynamoDB refused for load', { error: { name: (error as Error).name } });
    return retryAfter(problem(language, 503, 'throttled', text(say('unavailable.throttled'))), RETRY_AFTER_SECONDS);
  }
  if (error instanceof ZodError) {
    const problems = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issueMessage(issue) }));
    const details = problems.map((p) => ({ path: p.path, message: text(p.message) }));
    return problem(language, 400, 'invalid-input', text(say('request.invalid', { problems })), details);
  }
  if (error instanceof HttpRefusal) return problem(language, error.status, error.code, text(error.problem));
  // Errors raised by middy's own middlewares carry a statusCode.
  const middyError = error as { statusCode?: number; message?: string; cause?: { package?: string } };
  if (middyError?.cause?.package === '@middy/http-json-body-parser') {
    return middyError.message === 'Unsupported Media Type'
      ? problem(language, 415, 'unsupported-media-type', text(say('request.unsupported-media-type')))
      : problem(language, 400, 'malformed-json', text(say('request.malformed-json')));
  }
  if (middyError?.cause?.package === '@middy/http-router') {
    return problem(language, 404, 'no-such-route', text(say('request.no-such-route')));
  }
  // middy's own timeout (just before the function's): a write may be in flight, so its outcome is unknown and the
  // answer does not invite a retry (no Retry-After); a read's says only that it failed. The HTTP edge stops starting
  // work well before (api.ts).
  if (error instanceof Error && error.name === 'TimeoutError' && /abort/i.test(error.message)) {
    logger.error('Timed out', { error: { name: error.name, message: error.message } });
    return problem(language, 503, 'timed-out', text(say(isRead(method) ? 'unavailable.timed-out-read' : 'unavailable.timed-out')));
  }
  logger.error('Unhandled error', {
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return problem(language, 500, 'internal', text(say(isRead(method) ? 'request.internal-read' : 'request.internal')));
}

const retryAfter = (answer: APIGatewayProxyResult, seconds: number): APIGatewayProxyResult => ({
  ...answer,
  headers: { ...answer.headers, 'retry-after': String(seconds) },
});

function problem(language: Language, status: number, code: string, message: string, details: RenderedDetail[] = []): APIGatewayProxyResult {
  return json(status, { error: { code, message, details } }, { 'content-language': contentLanguage(language), vary: 'Accept-Language' });
}

/** The language a request asks for (Accept-Language), Chinese by default. */
export const requestLanguage = (event: Pick<APIGatewayProxyEvent, 'headers'> | undefined) =>
  languageOf(headerOf(event?.headers, 'accept-language'));

export const problemResponses = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    request.response = problemFor(request.error, requestLanguage(request.event), request.event?.httpMethod);
  },
});
