import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { TryAgainLater } from '../../functions/domain/errors';
import { problemFor, throttled } from '../../functions/http/problems';
import { say } from '../../functions/messages/message';
import { logger } from '../../functions/observability';

/** Issue 11, items 1 and 6: a 503 with Retry-After only where nothing was written; never a bare 500 for load or a timeout. */
const named = (name: string) => Object.assign(new Error('x'), { name });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const body = (res: { body: string }) => JSON.parse(res.body).error;

describe('503 only when retrying is safe', () => {
  it('a change that gave up at its deadline: 503 + Retry-After, in the caller’s language', () => {
    const res = problemFor(new TryAgainLater(say('unavailable.item-busy', { itemId: 'i-1' }), 'item-busy'), 'en');
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(body(res)).toEqual({
      code: 'item-busy',
      message: 'Item i-1 is taking many changes at once; nothing of this request was written: send it again shortly',
      details: [],
    });
  });

  it('DynamoDB refusing for load, after the SDK’s retries: 503 throttled + Retry-After', () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    for (const error of [
      named('ProvisionedThroughputExceededException'),
      named('ThrottlingException'),
      named('RequestLimitExceeded'),
      named('TransactionConflictException'),
      cancelled('ThrottlingError', 'None'),
      cancelled('None', 'TransactionConflict'),
      cancelled('ProvisionedThroughputExceeded'),
    ]) {
      expect(throttled(error), error.name).toBe(true);
      const res = problemFor(error, 'zh');
      expect(res.statusCode).toBe(503);
      expect(res.headers?.['retry-after']).toBe('1');
      expect(body(res)).toMatchObject({ code: 'throttled', message: '数据库繁忙，本次请求未写入任何内容，请稍后重新提交' });
    }
  });

  it('a cancellation with a failed condition is not load: no 503 invites a retry of it', () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    expect(throttled(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(throttled(cancelled('None'))).toBe(false);
    expect(problemFor(cancelled('ConditionalCheckFailed', 'ThrottlingError')).statusCode).toBe(500);
  });

  it('middy’s timeout: 503 timed-out without Retry-After (the outcome is unknown), not an "Unhandled error"', () => {
    const errors = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const timeout = Object.assign(new Error('[AbortError]: The operation was aborted.'), { name: 'TimeoutError' });
    const res = problemFor(timeout, 'en');
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBeUndefined();
    expect(body(res).code).toBe('timed-out');
    expect(body(res).message).toMatch(/whether a change took effect is unknown/);
    expect(errors).toHaveBeenCalledWith('Timed out', expect.anything());
    expect(errors).not.toHaveBeenCalledWith('Unhandled error', expect.anything());
  });
});
