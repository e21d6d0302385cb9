import { describe, expect, it, vi } from 'vitest';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleViolation, Unauthenticated } from '../../functions/domain/errors';
import { callerFromClaims } from '../../functions/http/caller';
import { say } from '../../functions/messages/message';
import { problemFor } from '../../functions/http/problems';
import { ItemListQuery, ItemRegistrationBody, UnitRegistrationBody } from '../../functions/http/schemas';
import { logger } from '../../functions/observability';

const withClaims = (claims?: Record<string, string>) => ({ requestContext: { authorizer: claims ? { claims } : undefined } }) as never;

describe('the caller, from Cognito-shaped claims', () => {
  it('reads the role from cognito:groups in each shape Cognito passes it', () => {
    expect(callerFromClaims(withClaims({ sub: 's1', 'cognito:groups': 'office' }))).toEqual({ sub: 's1', role: 'office' });
    expect(callerFromClaims(withClaims({ sub: 's1', 'cognito:groups': 'unit,leader' })).role).toBe('leader');
    expect(callerFromClaims(withClaims({ sub: 's1', 'cognito:groups': '[inspector unit]' })).role).toBe('inspector');
  });

  it('gives a unit user their unit from custom:unitId', () => {
    expect(callerFromClaims(withClaims({ sub: 'u1', 'cognito:groups': 'unit', 'custom:unitId': 'hanbin-district' }))).toEqual({
      sub: 'u1',
      role: 'unit',
      unitId: 'hanbin-district',
    });
  });

  it('refuses no claims (401), no known role (403), and a unit user without a unit (403)', () => {
    expect(() => callerFromClaims(withClaims())).toThrow(Unauthenticated);
    expect(() => callerFromClaims(withClaims({ sub: 's', 'cognito:groups': 'admins' }))).toThrow(Forbidden);
    expect(() => callerFromClaims(withClaims({ sub: 's', 'cognito:groups': 'unit' }))).toThrow(Forbidden);
  });
});

describe('one mapping from failure to HTTP answer', () => {
  it.each([
    [new InvalidInput(say('request.bad-cursor')), 400, 'invalid-input'],
    [new Unauthenticated(say('auth.sign-in')), 401, 'unauthenticated'],
    [new Forbidden(say('auth.own-items-only')), 403, 'forbidden'],
    [new NotFound(say('missing.item', { id: 'x' })), 404, 'not-found'],
    [new Conflict(say('conflict.version', { itemId: 'x', version: 3 }), 'version-conflict'), 409, 'version-conflict'],
    [new RuleViolation('report-incomplete', say('rule.report-incomplete', { missing: [] })), 422, 'report-incomplete'],
  ])('%s → %i, with details a list even when empty', (error, status, code) => {
    const answer = problemFor(error);
    expect(answer.statusCode).toBe(status);
    expect(JSON.parse(answer.body).error).toMatchObject({ code, details: [] });
  });

  it('turns a zod failure into a 400 naming the fields', () => {
    const result = UnitRegistrationBody.safeParse({ id: 'X', name: '', kind: 'planet' });
    expect(result.success).toBe(false);
    const answer = problemFor(result.error);
    expect(answer.statusCode).toBe(400);
    const paths = JSON.parse(answer.body).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'kind']));
  });

  it('hides the text of an unexpected error behind a 500, and logs it', () => {
    // The error is expected here: caught, so the test output shows no ERROR line that looks like a failure.
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const answer = problemFor(new Error('secret connection string'));
    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toContain('secret');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith('Unhandled error', { error: expect.objectContaining({ message: 'secret connection string' }) });
  });
});

describe('input schemas', () => {
  const valid = {
    title: '事项',
    source: 'media-report',
    sourceRef: '《安康日报》',
    leadUnit: 'hanbin-district',
    dueDate: '2026-12-31',
    requirements: ['整改措施'],
  };

  it('accepts a minimal registration and fills the defaults', () => {
    expect(ItemRegistrationBody.parse(valid)).toMatchObject({ coUnits: [], milestones: [], projectType: false, description: '' });
  });

  it.each([
    ['an unknown field', { ...valid, priority: 'high' }],
    ['an unknown source', { ...valid, source: 'rumour' }],
    ['a date that does not exist', { ...valid, dueDate: '2026-02-30' }],
    ['a title over 200 characters', { ...valid, title: '长'.repeat(201) }],
    ['no requirements', { ...valid, requirements: [] }],
    ['a blank requirement', { ...valid, requirements: ['   '] }],
    ['a repeated co-unit', { ...valid, coUnits: ['a1', 'a1'] }],
    ['a malformed unit id', { ...valid, leadUnit: '../etc' }],
  ])('refuses %s', (_, body) => {
    expect(ItemRegistrationBody.safeParse(body).success).toBe(false);
  });

  it('refuses unknown list filters and out-of-range limits', () => {
    expect(ItemListQuery.safeParse({ light: 'blue' }).success).toBe(false);
    expect(ItemListQuery.safeParse({ colour: 'red' }).success).toBe(false);
    expect(ItemListQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(ItemListQuery.parse({ limit: '20', light: 'red' })).toEqual({ limit: 20, light: 'red' });
  });
});
