import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { contract, type Operation } from './contract';
import { ErrorSchema } from './schemas';

const ERROR_ANSWERS: Record<number, string> = {
  400: 'Malformed request: wrong shape, unknown field or bad value (details name the fields)',
  401: 'No valid bearer token',
  403: 'Your role may not do this',
  404: 'No such thing, or not yours to see',
  409: 'State or version conflict',
  413: 'Request body too large',
  415: 'Body is not JSON',
  422: 'A rule of the notice or of the ledger forbids it',
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
  for (const op of Object.values(contract) as Operation[]) {
    const errors = op.roles === 'public' ? [] : [400, 401, 403, 404, ...(op.method === 'POST' ? [409, 413, 415, 422] : [])];
    registry.registerPath({
      method: op.method.toLowerCase() as 'get' | 'post',
      path: op.path,
      summary: op.summary,
      description: op.roles === 'public' ? 'Public.' : `Roles: ${op.roles.join(', ')}.`,
      security: op.roles === 'public' ? [] : [{ [bearer.name]: [] }],
      request: {
        ...(op.params ? { params: op.params as never } : {}),
        ...(op.query ? { query: op.query as never } : {}),
        ...(op.idempotent
          ? {
              headers: z.object({
                'Idempotency-Key': z
                  .string()
                  .optional()
                  .meta({ description: 'A retry with the same key returns the first answer and creates nothing new' }),
              }),
            }
          : {}),
        ...(op.body ? { body: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
      },
      responses: {
        [op.success.status]: {
          description: op.success.description,
          ...(op.success.schema ? { content: { [op.success.contentType ?? 'application/json']: { schema: op.success.schema } } } : {}),
        },
        ...Object.fromEntries(
          errors.map((s) => [s, { description: ERROR_ANSWERS[s] ?? 'Error', content: { 'application/json': { schema: ErrorSchema } } }]),
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
    },
  });
}
