import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ZodError } from 'zod';
import { Conflict, DomainError, Forbidden, InvalidInput, NotFound, RuleViolation, Unauthenticated } from '../domain/errors';
import { logger } from '../observability';
import { json } from './respond';

/** A request the HTTP layer refuses before it is parsed. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS: [abstract new (...args: never[]) => DomainError, number][] = [
  [InvalidInput, 400],
  [Unauthenticated, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [RuleViolation, 422],
];

/**
 * Every failure becomes `{ error: { code, message, details? } }` with the
 * status its kind deserves; this is the only place that mapping lives. Bad
 * input is never a 500. An unexpected error is logged (without the request
 * body) and answered with a 500 that reveals nothing.
 */
export function problemFor(error: unknown): APIGatewayProxyResult {
  if (error instanceof DomainError) {
    const status = STATUS.find(([kind]) => error instanceof kind)?.[1] ?? 500;
    return problem(status, error.code, error.message, error.details);
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    return problem(
      400,
      'invalid-input',
      `Invalid request: ${details.map((d) => `${d.path || '(body)'} ${d.message}`).join('; ')}`,
      details,
    );
  }
  if (error instanceof HttpRefusal) return problem(error.status, error.code, error.message);
  // Errors raised by middy's own middlewares carry a statusCode.
  const middyError = error as { statusCode?: number; message?: string; cause?: { package?: string } };
  if (middyError?.cause?.package === '@middy/http-json-body-parser') {
    return middyError.message === 'Unsupported Media Type'
      ? problem(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json')
      : problem(400, 'malformed-json', 'The request body is not valid JSON');
  }
  if (middyError?.cause?.package === '@middy/http-router') {
    return problem(404, 'no-such-route', 'No such route');
  }
  logger.error('Unhandled error', {
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return problem(500, 'internal', 'Something went wrong on our side; the request may be retried');
}

function problem(status: number, code: string, message: string, details?: unknown): APIGatewayProxyResult {
  return json(status, { error: details === undefined ? { code, message } : { code, message, details } });
}

export const problemResponses = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    request.response = problemFor(request.error);
  },
});
