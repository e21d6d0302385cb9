import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, tracer } from './observability';

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
 * context on each log line (its keys reset after each invocation), the
 * request's correlation id, and an X-Ray segment per invocation (without the
 * response, which may hold personal data). Metrics are published where they
 * are counted (observability.ts), so a request that counts nothing emits nothing.
 */
export function powertools(): middy.MiddlewareObj[] {
  return [
    ensureContext(),
    injectLambdaContext(logger, { resetKeys: true }) as middy.MiddlewareObj,
    correlationId(),
    captureLambdaHandler(tracer, { captureResponse: false }) as middy.MiddlewareObj,
  ];
}
