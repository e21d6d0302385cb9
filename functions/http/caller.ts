import type { APIGatewayProxyEvent } from 'aws-lambda';
import { roles, type Caller, type Role } from '../domain/caller';
import { Forbidden, Unauthenticated } from '../domain/errors';

/** When a person is in several groups, the broadest role answers. */
const PRECEDENCE: readonly Role[] = ['office', 'leader', 'inspector', 'unit'];

/**
 * The caller, from the claims the authorizer verified and passed on (Cognito
 * in AWS, the local server's token check on one machine). Handlers never see
 * the token itself. Cognito passes `cognito:groups` as a string ("office",
 * "office,leader" or "[office leader]"), custom attributes as `custom:*`.
 */
export function callerFromClaims(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller {
  const claims = (event.requestContext?.authorizer?.claims ?? undefined) as Record<string, unknown> | undefined;
  const sub = typeof claims?.sub === 'string' ? claims.sub : undefined;
  if (!claims || !sub) throw new Unauthenticated('Sign in: this route needs a bearer token');

  const groups = groupsOf(claims['cognito:groups']);
  const role = PRECEDENCE.find((r) => groups.includes(r));
  if (!role) throw new Forbidden(`Your account has no ducha role (one of ${roles.join(', ')})`);

  if (role !== 'unit') return { sub, role };
  const unitId = claims['custom:unitId'];
  if (typeof unitId !== 'string' || unitId === '') throw new Forbidden('Your unit account names no unit (custom:unitId)');
  return { sub, role, unitId };
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}
