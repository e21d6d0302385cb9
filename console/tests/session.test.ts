import { describe, expect, it } from 'vitest';
import { jwtPayload, sessionFromIdToken } from '../src/auth/session';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: Record<string, unknown>) => `${b64url({ alg: 'none' })}.${b64url(claims)}.sig`;
const now = 1_800_000_000;

describe('the session an ID token opens', () => {
  it('reads the role with the API’s precedence and the unit of a unit user', () => {
    const unit = sessionFromIdToken(
      token({ sub: 'u1', exp: now + 60, 'cognito:groups': ['unit'], 'custom:unitId': 'hanbin-district' }),
      now,
    );
    expect(unit).toMatchObject({ role: 'unit', unitId: 'hanbin-district', sub: 'u1', expiresAt: now + 60 });
    // Cognito's authorizer form and several groups: the broadest role wins, as in functions/http/caller.ts.
    expect(sessionFromIdToken(token({ sub: 'x', exp: now + 60, 'cognito:groups': '[unit leader]' }), now)).toMatchObject({
      role: 'leader',
    });
    expect(sessionFromIdToken(token({ sub: 'x', exp: now + 60, 'cognito:groups': ['inspector', 'office'] }), now)).toMatchObject({
      role: 'office',
    });
  });

  it('opens none for an expired token, no role, or a unit user without a unit', () => {
    expect(sessionFromIdToken(token({ sub: 'x', exp: now - 1, 'cognito:groups': ['office'] }), now)).toBe('expired');
    expect(sessionFromIdToken(token({ sub: 'x', exp: now + 60, 'cognito:groups': ['admins'] }), now)).toBe('no-role');
    expect(sessionFromIdToken(token({ sub: 'x', exp: now + 60, 'cognito:groups': ['unit'] }), now)).toBe('no-unit');
    expect(sessionFromIdToken('not-a-token', now)).toBe('unreadable');
  });

  it('decodes UTF-8 claims (a Chinese user name)', () => {
    expect(jwtPayload(token({ name: '王督查' }))).toEqual({ name: '王督查' });
    expect(sessionFromIdToken(token({ sub: 's', exp: now + 1, 'cognito:groups': ['office'], name: '王督查' }), now)).toMatchObject({
      name: '王督查',
    });
  });
});
