import type { APIGatewayProxyEvent } from 'aws-lambda';
import { roles, type Caller, type Role } from '../domain/caller';
import { say } from '../messages/message';
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
  if (!claims || !sub) throw new Unauthenticated(say('auth.sign-in'));

  const groups = groupsOf(claims['cognito:groups']);
  const role = PRECEDENCE.find((r) => groups.includes(r));
  if (!role) throw new Forbidden(say('auth.no-role', { roles }));

  if (role !== 'unit') return { sub, role };
  const unitId = claims['custom:unitId'];
  if (typeof unitId !== 'string' || unitId === '') throw new Forbidden(say('auth.no-unit'));
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
