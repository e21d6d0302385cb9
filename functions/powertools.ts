import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './observability';

/** Stands in for the Lambda context when a handler is called without one (a script, a test): the logger needs its fields. */
const absentContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'ducha-local',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:ducha-local',
  memoryLimitInMB: '0',
  awsRequestId: `local-${Date.now().toString(36)}`,
  logGroupName: 'local',
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 0,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const ensureContext = (): middy.MiddlewareObj => ({
  before: async (request) => {
    if (!request.context || typeof (request.context as Partial<Context>).awsRequestId !== 'string') {
      request.context = { ...absentContext(), ...(request.context ?? {}) } as Context;
    }
  },
});

/** The API Gateway request id (the one in the access log and in a client's error report) on every log line, as `correlation_id`. */
const correlationId = (): middy.MiddlewareObj => ({
  before: async (request) => {
    const requestId = (request.event as { requestContext?: { requestId?: unknown } } | undefined)?.requestContext?.requestId;
    if (typeof requestId === 'string') logger.setCorrelationId(requestId);
  },
});

/**
 * The Powertools middlewares of every function, outermost first: the Lambda
 * context on each log line (its keys reset after each invocation) and the
 * request's correlation id. Metrics are published where they are counted
 * (observability.ts), so a request that counts nothing emits nothing.
 *
 * Tracing is Lambda's own (active tracing: a segment per invocation, joined to API Gateway's trace) without
 * Powertools Tracer: its X-Ray SDK (with cls-hooked) was 88 KB of every bundle, a third of issue 20's 300 KB, for
 * subsegments per DynamoDB call. A call's time is in the logs' durations and the SDK's retry metrics instead.
 */
export function powertools(): middy.MiddlewareObj[] {
  return [ensureContext(), injectLambdaContext(logger, { resetKeys: true }) as middy.MiddlewareObj, correlationId()];
}
