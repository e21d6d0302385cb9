import { describe, expect, it } from 'vitest';
import { contract } from '../../functions/http/contract';
import { matchRoute, routeGroups, routes } from '../../functions/http/routes';

describe('the route table, the contract and the handlers agree', () => {
  it('declares every contract operation as a route and nothing more', () => {
    const declared = routes.map((r) => `${r.method} ${r.path}`).sort();
    const contracted = Object.values(contract)
      .map((o) => `${o.method} ${o.path}`)
      .sort();
    expect(declared).toEqual(contracted);
  });

  it('marks exactly the public operations public', () => {
    for (const op of Object.values(contract)) {
      const route = routes.find((r) => r.method === op.method && r.path === op.path);
      expect(route?.public === true, `${op.method} ${op.path}`).toBe(op.roles === 'public');
    }
  });

  it.each(routeGroups)('group %s loads and implements exactly its routes', async (group) => {
    // httpApi refuses at import to serve a group that differs from the table.
    const module = await import(`../../functions/http/${group}.ts`);
    expect(typeof module.handler).toBe('function');
  });

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
