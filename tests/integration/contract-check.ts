/**
 * Contract tests: every answer the integration tests get is checked against
 * the contract (functions/http/contract.ts) that /openapi.json is generated
 * from, so the documentation cannot drift from what the API sends. The status
 * must be one the operation documents, with its media type; a JSON body must
 * pass the zod schema of that status and hold no field the schema leaves out.
 */
import type * as z from 'zod';
import { contract, errorStatuses, type Operation, type OperationId } from '../../functions/http/contract';
import { matchRoute } from '../../functions/http/routes';
import { ErrorSchema } from '../../functions/http/schemas';

export interface CheckedAnswer {
  status: number;
  /** Names in lower case. */
  headers: Record<string, string>;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** What answers an unknown path or method: the local server's and API Gateway's own refusals. */
const NO_OPERATION_STATUSES = [400, 404, 405];

const JSON_MEDIA_TYPE = 'application/json';

/** Throws, saying what differs, unless the answer to `method url` is one the contract documents. */
export function assertAnswersContract(method: string, url: string, answer: CheckedAnswer): void {
  const path = new URL(url, 'http://localhost').pathname;
  const { where, schema, mediaType } = documented(`${method} ${path} answered ${answer.status}`, operationFor(method, path), answer.status);
  assertBody(where, schema, mediaType, answer);
}

/** What the contract says the answer of this status must be. */
function documented(where: string, found: [OperationId, Operation] | undefined, status: number) {
  const refusal = { schema: ErrorSchema, mediaType: JSON_MEDIA_TYPE };
  if (!found) {
    if (!NO_OPERATION_STATUSES.includes(status)) throw new Error(`${where}, but no operation serves it`);
    return { where, ...refusal };
  }
  const [id, op] = found;
  if (status === op.success.status) {
    return { where: `${where} (${id})`, schema: op.success.schema, mediaType: op.success.contentType ?? JSON_MEDIA_TYPE };
  }
  if (op.redirect && status === op.redirect.status)
    return { where: `${where} (${id})`, schema: op.redirect.schema, mediaType: JSON_MEDIA_TYPE };
  if (errorStatuses(op).includes(status)) return { where: `${where} (${id})`, ...refusal };
  throw new Error(
    `${where}, a status ${id} does not document (${[op.success.status, ...(op.redirect ? [op.redirect.status] : []), ...errorStatuses(op)].join(', ')})`,
  );
}

function operationFor(method: string, path: string): [OperationId, Operation] | undefined {
  let route: ReturnType<typeof matchRoute>;
  try {
    route = matchRoute(method, path);
  } catch {
    return undefined; // a malformed path (bad %-encoding) matches no operation
  }
  if (!route) return undefined;
  return (Object.entries(contract) as [OperationId, Operation][]).find(
    ([, op]) => op.method === route.route.method && op.path === route.route.path,
  );
}

function assertBody(where: string, schema: z.ZodType | undefined, mediaType: string, answer: CheckedAnswer): void {
  const contentType = answer.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith(mediaType)) {
    throw new Error(`${where} as ${contentType || 'no content type'}; the contract says ${mediaType}`);
  }
  // Files (the ledger spreadsheets) are checked for their media type only.
  if (!schema || mediaType !== JSON_MEDIA_TYPE) return;
  const result = schema.safeParse(answer.json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw new Error(`${where} with a body the contract does not describe:\n  ${problems.join('\n  ')}`);
  }
  // zod drops the fields an object schema does not name: whatever it dropped is sent but undocumented.
  const extra = undocumented(answer.json, result.data, '');
  if (extra.length > 0) throw new Error(`${where} with fields the contract does not document: ${extra.join(', ')}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The paths of `sent` that are missing from `kept` (the schema's parse of it). */
function undocumented(sent: unknown, kept: unknown, at: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((value, i) => undocumented(value, kept[i], `${at}[${i}]`));
  if (!isObject(sent) || !isObject(kept)) return [];
  return Object.keys(sent).flatMap((key) => {
    const path = at ? `${at}.${key}` : key;
    return key in kept ? undocumented(sent[key], kept[key], path) : [path];
  });
}
