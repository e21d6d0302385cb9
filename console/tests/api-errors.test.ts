import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from '../src/api/download';
import { ApiError, apiErrorOf, fieldErrorsOf, messageOf } from '../src/api/errors';

describe('what the console shows when the API refuses', () => {
  it('shows the API’s own message, whatever language the API speaks', () => {
    const error = apiErrorOf(422, { error: { code: 'report-incomplete', message: '报送漏项：要求 2 未回答', details: [] } });
    expect(error).toMatchObject({ status: 422, code: 'report-incomplete', message: '报送漏项：要求 2 未回答' });
    expect(messageOf(error)).toBe('报送漏项：要求 2 未回答');
  });

  it('never shows [object Object] or a stack for an answer that is not the API’s shape', () => {
    expect(apiErrorOf(502, '<html>Bad Gateway</html>').message).toBe('服务器出错（502），请稍后重试');
    expect(apiErrorOf(404, undefined).message).toBe('未找到，或您无权查看');
    expect(apiErrorOf(400, { error: { code: 'x', message: { nested: true } } }).message).toBe('请求未成功（400）');
    expect(messageOf(new TypeError('Failed to fetch'))).toBe('无法连接服务器，请检查网络后重试');
    expect(messageOf({})).toBe('操作未成功，请重试');
  });

  it('turns details paths into form field names, leaving query and path problems to the page', () => {
    const error = new ApiError(422, 'milestone-outside-deadline', 'm', [
      { path: 'milestones.1.dueDate', message: '超出完成时限' },
      { path: 'coUnits', message: '含牵头单位' },
      { path: 'query.limit', message: 'too big' },
      { message: 'no path' },
    ]);
    expect(fieldErrorsOf(error)).toEqual([
      { name: ['milestones', 1, 'dueDate'], message: '超出完成时限' },
      { name: ['coUnits'], message: '含牵头单位' },
    ]);
    // 409's details are an object today: no fields to mark.
    expect(fieldErrorsOf(new ApiError(409, 'illegal-transition', 'm', { status: 'closed' }))).toEqual([]);
  });
});

describe('a download keeps the name the API gives it', () => {
  it('prefers the UTF-8 name (Chinese) over the ASCII one', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="ducha-ledger-2026-11-29.csv"; filename*=UTF-8''${encodeURIComponent('督查台账-2026-11-29.csv')}`,
      ),
    ).toBe('督查台账-2026-11-29.csv');
    expect(filenameFromDisposition('attachment; filename="ledger.xlsx"')).toBe('ledger.xlsx');
    expect(filenameFromDisposition('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(filenameFromDisposition(null)).toBeUndefined();
  });
});
