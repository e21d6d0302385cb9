import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { TryAgainLater } from '../../functions/domain/errors';
import { problemFor, problemResponses, throttled } from '../../functions/http/problems';
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

describe('a read that fails says it failed, never that a change is in doubt (issue 20, item 9)', () => {
  const timeout = () => Object.assign(new Error('[AbortError]: The operation was aborted.'), { name: 'TimeoutError' });

  it('a GET or HEAD cut off or failing: 503 timed-out or 500 internal, saying the read failed and may be sent again', () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    for (const method of ['GET', 'HEAD', 'get']) {
      expect(body(problemFor(timeout(), 'zh', method))).toEqual({
        code: 'timed-out',
        message: '请求未能及时完成，读取失败，请稍后重试',
        details: [],
      });
      expect(body(problemFor(new Error('secret'), 'zh', method))).toEqual({
        code: 'internal',
        message: '服务器内部出错，读取失败，请稍后重试',
        details: [],
      });
      expect(body(problemFor(new Error('secret'), 'en', method)).message).toBe(
        'Something went wrong on our side: the read failed; try again shortly',
      );
    }
  });

  it('the handlers’ error mapping passes the request’s method: a failed GET answers as a read', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const failed = (httpMethod: string) =>
      ({ event: { httpMethod, headers: {} }, error: new Error('secret') }) as { response?: { body: string } };
    const [read, write] = [failed('GET'), failed('POST')];
    await problemResponses().onError?.(read as never);
    await problemResponses().onError?.(write as never);
    expect(body(read.response!).message).toBe('服务器内部出错，读取失败，请稍后重试');
    expect(body(write.response!).message).toMatch(/修改是否已生效未知/);
  });

  it('a change (POST, PUT, PATCH, DELETE), or a failure whose request is not known: the outcome is unknown, as before', () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', undefined]) {
      expect(body(problemFor(timeout(), 'zh', method)).message).toMatch(/^请求未能及时完成，修改是否已生效未知/);
      expect(body(problemFor(new Error('secret'), 'zh', method)).message).toMatch(/^服务器内部出错：修改是否已生效未知/);
    }
  });
});
