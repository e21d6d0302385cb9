import type { APIGatewayProxyEvent } from 'aws-lambda';
import { roleFromGroups, roles, type Caller } from '../domain/caller';
import { say } from '../messages/message';
import { Forbidden, Unauthenticated } from '../domain/errors';
import { isOfficeId } from '../domain/offices';

/**
 * The caller, from the claims the authorizer verified and passed on (Cognito
 * in AWS, the local server's token check on one machine). Handlers never see
 * the token itself. Cognito passes custom attributes as `custom:*`.
 */
export function callerFromClaims(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller {
  const claims = (event.requestContext?.authorizer?.claims ?? undefined) as Record<string, unknown> | undefined;
  const sub = typeof claims?.sub === 'string' ? claims.sub : undefined;
  if (!claims || !sub) throw new Unauthenticated(say('auth.sign-in'));

  const role = roleFromGroups(claims['cognito:groups']);
  if (!role) throw new Forbidden(say('auth.no-role', { roles }));

  // The office the person belongs to (纵向到底); none is the root office, as every account was before offices.
  const office = claims['custom:officeId'];
  if (office !== undefined && office !== '' && (typeof office !== 'string' || !isOfficeId(office)))
    throw new Forbidden(say('auth.bad-office', { office: String(office) }));
  const inOffice = typeof office === 'string' && office !== '' ? { officeId: office } : {};

  // A leader in the roster carries the leaderId whose portfolio (分管) `?leader=me` reads.
  const leaderId = claims['custom:leaderId'];
  if (role === 'leader' && typeof leaderId === 'string' && leaderId !== '') return { sub, role, leaderId, ...inOffice };
  if (role !== 'unit') return { sub, role, ...inOffice };
  const unitId = claims['custom:unitId'];
  if (typeof unitId !== 'string' || unitId === '') throw new Forbidden(say('auth.no-unit'));
  return { sub, role, unitId, ...inOffice };
}
