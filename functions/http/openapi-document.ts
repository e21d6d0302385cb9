import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { contract, errorStatuses, type Operation, type RouteGroup } from './contract';
import { ErrorSchema, IdempotencyKey, IfMatchHeader, OfficeHeader } from './schemas';

const ERROR_ANSWERS: Record<number, string> = {
  400: 'Malformed request: wrong shape, unknown field or bad value (details name the fields)',
  401: 'No valid bearer token',
  403: 'Your role may not do this, or the firewall refused the request',
  404: 'No such thing, or not yours to see',
  409: 'State or version conflict',
  413: 'Request body too large',
  415: 'Body is not JSON',
  412: 'If-Match names a version that is no longer the current one: read it again and edit that',
  422: 'A rule of the notice or of the ledger forbids it',
  428: 'An edit must send If-Match with the version it edits',
  429: 'Too many requests: the API is throttled; retry later',
  503: 'Busy: nothing was written; send the same request again after Retry-After seconds (timed-out: a change’s outcome is unknown, look first; a read may be sent again)',
};
const PUBLIC_ANSWERS: Record<number, string> = {
  400: 'A bad limit or cursor (details name it); any other query parameter is ignored',
  403: 'The firewall refused the request',
  404: 'No such office (?office=): each office of the tree publishes its own',
};

/**
 * Each operation's tag is its route group (routes.ts: one Lambda function each), so a generated client and the
 * reference group the operations as the code does. Typed by the groups, so a new group without words fails to compile.
 */
const TAGS: Record<RouteGroup, string> = {
  units: '责任单位 and 督查机构: the responsible units, their contacts, the history of their edits; the tree of offices',
  items: '督查事项: registering items and reading the ledger, each item and its history',
  imports: '导入台账: bringing an existing ledger in',
  lifecycle: "An item's life: 签收, 报送, 延期, completion, 核查, and the office's corrections",
  notices: '通报: notices, the rectifications they call for, their review and withdrawal',
  referrals: '移送监察机关: referrals of misconduct clues (confidential)',
  statistics: 'The overview of the ledger and the yearly assessment (考核)',
  exports: '督查台账 as a spreadsheet (CSV, Excel)',
  attachments: '附件: files attached to reports, completions, 核查 and rectifications',
  dossiers: '一事一档: an item’s whole file as one archive',
  calendar: 'The working-day calendar: statutory holidays and 调休 makeup days',
  public: '公开曝光: the public feed of notices issued with media exposure',
  openapi: 'This document',
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito ID token (locally: `npm run token`). Claims: sub, cognito:groups (role), custom:unitId.',
  });
  for (const [operationId, op] of Object.entries(contract) as [string, Operation][]) {
    const errorAnswer = (status: number) =>
      (op.roles === 'public' ? PUBLIC_ANSWERS[status] : undefined) ?? ERROR_ANSWERS[status] ?? 'Error';
    registry.registerPath({
      operationId,
      method: op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch',
      path: op.path,
      summary: op.summary,
      tags: [op.group],
      description: op.roles === 'public' ? 'Public.' : `Roles: ${op.roles.join(', ')}.`,
      security: op.roles === 'public' ? [] : [{ [bearer.name]: [] }],
      request: {
        ...(op.params ? { params: op.params as never } : {}),
        ...(op.query ? { query: op.query as never } : {}),
        ...(op.idempotent || op.ifMatch || op.roles !== 'public'
          ? {
              headers: z.object({
                ...(op.roles !== 'public' ? { 'X-Ducha-Office': OfficeHeader } : {}),
                ...(op.idempotent ? { 'Idempotency-Key': IdempotencyKey.optional() } : {}),
                ...(op.ifMatch ? { 'If-Match': IfMatchHeader } : {}),
              }),
            }
          : {}),
        ...(op.body ? { body: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
        ...(op.upload
          ? {
              body: {
                required: true,
                description: op.upload.description,
                content: {
                  ...Object.fromEntries(op.upload.mediaTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
                  ...(op.upload.json ? { 'application/json': { schema: op.upload.json } } : {}),
                },
              },
            }
          : {}),
      },
      responses: {
        [op.success.status]: {
          description: op.success.description,
          ...(op.success.schema ? { content: { [op.success.contentType ?? 'application/json']: { schema: op.success.schema } } } : {}),
        },
        ...(op.redirect
          ? {
              [op.redirect.status]: {
                description: op.redirect.description,
                headers: { Location: { description: 'Where the answer is', schema: { type: 'string', format: 'uri' } } },
                content: { 'application/json': { schema: op.redirect.schema } },
              },
            }
          : {}),
        ...Object.fromEntries(
          errorStatuses(op).map((s) => [s, { description: errorAnswer(s), content: { 'application/json': { schema: ErrorSchema } } }]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'ducha — 督查管理电子平台',
      version: '1.0.0',
      description:
        "The supervision office's ledger (督查台账): items, units, progress reports, notices and assessment. " +
        'Error messages are in Chinese; send Accept-Language: en for English (codes and paths are the same in both).',
      contact: { name: '督查室 — the supervision office that keeps the ledger' },
    },
    tags: (Object.entries(TAGS) as [RouteGroup, string][]).map(([name, description]) => ({ name, description })),
    // The deployed stage only: the local system (`npm start`) answers the same paths at http://localhost:3000.
    servers: [
      {
        url: 'https://{restApiId}.execute-api.{region}.amazonaws.com/v1',
        description: 'The deployed stage; `cdk deploy` prints its URL',
        variables: {
          restApiId: { default: 'restApiId', description: "The REST API's id" },
          region: { default: 'ap-east-1', description: 'The AWS region ducha is deployed to' },
        },
      },
    ],
  });
}
