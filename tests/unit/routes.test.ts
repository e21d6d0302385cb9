import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ENV } from '../../functions/config';
import { contract } from '../../functions/http/contract';
import { matchRoute, routeGroups, routes } from '../../functions/http/routes';

describe('the route table, derived from the contract, and the handlers agree', () => {
  it('declares each method and path once', () => {
    const declared = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared).toHaveLength(Object.keys(contract).length);
  });

  it('marks exactly the public operations public', () => {
    expect(routes.filter((r) => r.public).map((r) => r.path)).toEqual(
      Object.values(contract)
        .filter((o) => o.roles === 'public')
        .map((o) => o.path),
    );
  });

  // The public group reads its base URL at cold start, as in AWS where the stack always sets it.
  beforeEach(() => void vi.stubEnv(ENV.publicBaseUrl, 'https://ducha.example.gov.cn'));

  it.each(routeGroups)(
    'group %s loads and implements exactly its routes',
    async (group) => {
      // httpApi refuses at import to serve a group that differs from the table.
      const module = await import(`../../functions/http/${group}.ts`);
      expect(typeof module.handler).toBe('function');
      // The first group loads the wiring, and with it every adapter's SDK client: seconds on a busy 2-core machine.
    },
    30_000,
  );

  it('matches concrete paths to declared routes with their parameters', () => {
    expect(matchRoute('GET', '/items/abc-1/history')).toMatchObject({
      route: { path: '/items/{id}/history' },
      pathParameters: { id: 'abc-1' },
    });
    expect(matchRoute('GET', '/units/')).toMatchObject({ route: { path: '/units' } });
    expect(matchRoute('DELETE', '/units')).toBeNull();
    expect(matchRoute('GET', '/items/a/b')).toBeNull();
  });
});
