import { contract, type HttpMethod, type Operation, type RouteGroup } from './contract';

export type { HttpMethod, RouteGroup };

/**
 * The HTTP routes of ducha, derived from the contract (contract.ts), where
 * each route is declared once. The CDK stack builds API Gateway resources
 * from this table, the local server routes requests by it, and each handler
 * group implements exactly the routes listed for it (httpApi checks at cold
 * start). `group` names the handler module `functions/http/<group>.ts`.
 */
export interface RouteDeclaration {
  method: HttpMethod;
  /** API Gateway resource path, with `{param}` placeholders. */
  path: string;
  group: RouteGroup;
  /** Public routes need no token; every other route is behind the authorizer. */
  public?: true;
}

export const routes: readonly RouteDeclaration[] = (Object.values(contract) as (Operation & { group: RouteGroup })[]).map(
  ({ method, path, group, roles }) => ({ method, path, group, ...(roles === 'public' ? { public: true as const } : {}) }),
);

export const routeGroups: readonly RouteGroup[] = [...new Set(routes.map((r) => r.group))];

/** The groups that tell people of their changes (use-cases/announce.ts) mark the outbox after sending and drop the batch. */
const SENDS_MAIL = ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;
/** The route groups whose changes send mail: they get MAIL_SENDER and ses:SendEmail (lib/ducha-stack.ts). */
export const mailingGroups: readonly RouteGroup[] = ['items', 'lifecycle', 'notices'];

/** What each group's function may do to the ledger table: least privilege, per function. */
export const tableAccess: Record<RouteGroup, readonly string[]> = {
  units: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:TransactWriteItems', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  items: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:TransactWriteItems',
    'dynamodb:PutItem',
    'dynamodb:ConditionCheckItem',
    ...SENDS_MAIL,
  ],
  // Every change is one transaction of Puts (item, event, report or request, idempotency record).
  lifecycle: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:TransactWriteItems',
    'dynamodb:PutItem',
    'dynamodb:BatchGetItem',
    ...SENDS_MAIL,
  ],
  // Notices also append to the named items' histories; both check what they name with BatchGetItem.
  notices: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:TransactWriteItems',
    'dynamodb:PutItem',
    ...SENDS_MAIL,
  ],
  referrals: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:TransactWriteItems', 'dynamodb:PutItem'],
  // Read only: the year's facts and the Due index (Query), unit names and not-excellent marks (BatchGetItem).
  statistics: ['dynamodb:Query', 'dynamodb:BatchGetItem'],
  // Read only: the ledger listing (Query) and the items behind index rows (BatchGetItem).
  exports: ['dynamodb:Query', 'dynamodb:BatchGetItem'],
  openapi: [],
};

/** Matches a concrete request path against a declared resource path; returns the path parameters or null. */
export function matchRoute(method: string, path: string): { route: RouteDeclaration; pathParameters: Record<string, string> } | null {
  const wanted = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  for (const route of routes) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(wanted);
    if (!match) continue;
    const pathParameters: Record<string, string> = {};
    names.forEach((name, i) => {
      pathParameters[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { route, pathParameters };
  }
  return null;
}
