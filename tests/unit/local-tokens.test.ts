import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { issueToken, loadOrCreateJwtSecret, spanSeconds, verifyToken } from '../../scripts/local/tokens';

const secret = 'unit-test-secret-unit-test-secret';

describe('local tokens (the stand-in for Cognito)', () => {
  it('look like a Cognito ID token', async () => {
    const token = await issueToken({ role: 'unit', unitId: 'hanbin', secret });
    const claims = await verifyToken(token, secret);
    expect(claims).toMatchObject({
      sub: 'local-unit-hanbin',
      'cognito:groups': ['unit'],
      'cognito:username': 'local-unit-hanbin',
      'custom:unitId': 'hanbin',
      token_use: 'id',
      iss: 'ducha-local',
      aud: 'ducha-local',
    });
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });

  it('give office, leader and inspector users no unit, and take a subject', async () => {
    for (const role of ['office', 'leader', 'inspector'] as const) {
      const claims = decodeJwt(await issueToken({ role, secret }));
      expect(claims.sub).toBe(`local-${role}`);
      expect(claims['cognito:groups']).toEqual([role]);
      expect(claims).not.toHaveProperty('custom:unitId');
    }
    expect(decodeJwt(await issueToken({ role: 'office', sub: 'wang.wu', secret })).sub).toBe('wang.wu');
  });

  it('refuse a unit user without a unit, a unit for other roles, an unknown role', async () => {
    await expect(issueToken({ role: 'unit', secret })).rejects.toThrow(/needs a unit id/);
    await expect(issueToken({ role: 'office', unitId: 'x', secret })).rejects.toThrow(/Only unit users/);
    await expect(issueToken({ role: 'mayor' as never, secret })).rejects.toThrow(/Unknown role/);
  });

  it('fail verification when signed with another secret, expired, or not an ID token', async () => {
    const other = await issueToken({ role: 'office', secret: 'another-secret-another-secret-xx' });
    await expect(verifyToken(other, secret)).rejects.toThrow();
    const expired = await issueToken({ role: 'office', secret, issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresIn: 3600 });
    await expect(verifyToken(expired, secret)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    await expect(verifyToken('not.a.token', secret)).rejects.toThrow();
  });

  it('read spans', () => {
    expect(spanSeconds(90)).toBe(90);
    expect(spanSeconds('30m')).toBe(1800);
    expect(spanSeconds('12h')).toBe(43200);
    expect(spanSeconds('7d')).toBe(604800);
    expect(() => spanSeconds('soon')).toThrow(/time span/);
  });
});

describe('the local JWT secret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ducha-secret-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once, kept with mode 600, and found again', () => {
    const first = loadOrCreateJwtSecret(join(dir, 'data'), {});
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, 'data', 'local-jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(loadOrCreateJwtSecret(join(dir, 'data'), {})).toBe(first);
  });

  it('comes from LOCAL_JWT_SECRET when set', () => {
    expect(loadOrCreateJwtSecret(join(dir, 'other'), { LOCAL_JWT_SECRET: 'from-env' })).toBe('from-env');
  });
});
