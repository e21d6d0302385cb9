/**
 * What went wrong, as the console shows it: the API's own message (which
 * the API words for the clerk who reads it), never a stack trace or
 * `[object Object]`; and the fields a 400 or 422 names, to mark on the form.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR_MESSAGE = '无法连接服务器，请检查网络后重试';

/** The ApiError for an answer that is not a success: the API's `{ error: { code, message, details } }` when it sent one. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof message === 'string' && message !== '') {
      return new ApiError(status, typeof code === 'string' ? code : `http-${status}`, message, details);
    }
  }
  return new ApiError(status, `http-${status}`, fallbackMessage(status));
}

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '您的角色无权进行此操作';
  if (status === 404) return '未找到，或您无权查看';
  if (status === 413) return '提交的内容过大';
  if (status >= 500) return `服务器出错（${status}），请稍后重试`;
  return `请求未成功（${status}）`;
}

/** The message to show for any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return NETWORK_ERROR_MESSAGE;
  if (error instanceof Error && error.message) return error.message;
  return '操作未成功，请重试';
}

export interface FieldError {
  /** The field's path as a form names it: `['milestones', 0, 'dueDate']`. */
  name: (string | number)[];
  message: string;
}

/**
 * The fields a refusal names. `details` is a list of `{ path, message }`
 * (paths like `milestones.0.dueDate`; `query.`/`path.` prefixes name no form
 * field). Anything else carries no field errors.
 */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  const fields: FieldError[] = [];
  for (const detail of error.details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { path, message } = detail as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const parts = Array.isArray(path) ? path.map(String) : typeof path === 'string' && path !== '' ? path.split('.') : [];
    if (parts.length === 0 || parts[0] === 'query' || parts[0] === 'path') continue;
    fields.push({ name: parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part)), message });
  }
  return fields;
}
