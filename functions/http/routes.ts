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
  /** Why it is public (cdk-nag's acknowledgement), and its own throttling. */
  publicBecause?: string;
  throttle?: { rateLimit: number; burstLimit: number };
}

export const routes: readonly RouteDeclaration[] = (Object.values(contract) as (Operation & { group: RouteGroup })[]).map(
  ({ method, path, group, roles, publicBecause, throttle }) => ({
    method,
    path,
    group,
    ...(roles === 'public' ? { public: true as const } : {}),
    ...(publicBecause ? { publicBecause } : {}),
    ...(throttle ? { throttle } : {}),
  }),
);

export const routeGroups: readonly RouteGroup[] = [...new Set(routes.map((r) => r.group))];

/**
 * What each group's function may do to the ledger table: least privilege, per function, and no more than the code
 * calls: `npm test` compares these with the calls the integration run recorded (scripts/grants.ts). IAM has no transaction
 * action: DynamoDB authorizes each part of a TransactWriteItems as its own PutItem, UpdateItem, DeleteItem or
 * ConditionCheckItem, so a group's transactions need exactly the actions of their parts.
 */
export const tableAccess: Record<RouteGroup, readonly string[]> = {
  // Unit edits are one transaction of Puts (the unit, its history event); their roster check reads the UNITS listing.
  // A unit registered without a code draws the next number (UpdateItem ADD on COUNTER#unit-code).
  // An office below is registered in one transaction: its record and its unit's (Puts), the unit checked in the
  // roster (ConditionCheckItem); the tree is one partition (Query).
  units: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  // 立项派发: one transaction of Puts (the item, its event, its unit rows, its mail batch), the units it names read first.
  // 分解下达 (POST /cascades) registers each child so, with its link to the parent and one more on the office's count
  // of items passed down (UpdateItem ADD); the parent is read up (GetItem), the children read down (Query, BatchGetItem).
  items: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // Every change is one transaction of Puts (item, event, report or request, idempotency record); an edit that
  // removes a unit deletes its membership row, and checks the units it names with BatchGetItem.
  lifecycle: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:DeleteItem',
    'dynamodb:UpdateItem',
  ],
  // Notices also append to the named items' histories; both check what they name with BatchGetItem.
  // A withdrawal also deletes the facts and marks the notice made (DeleteItem).
  notices: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ],
  referrals: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // 导入台账: units and existing items (Query, BatchGetItem), each new item's transaction, the marks of past deadlines and
  // the aliases the clerk confirmed (a unit's edit: its record and history event, one transaction of Puts); the rows
  // left to fix (PutItem), deleted once a later import settled them all (DeleteItem).
  imports: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  // 附件: the attachment records (PutItem, GetItem); the files themselves are the bucket's (lib/attachments.ts).
  attachments: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  // Read only: the year's facts and the Due index (Query), unit names and not-excellent marks (BatchGetItem).
  // 待办 reads the notices' listing and each standing notice's obligations and hand-ins (Query) too.
  // Every group a signed-in person calls reads the office of a token below the root once per container (GetItem,
  // http/caller-office.ts): the groups that read nothing else by key are granted it for that.
  statistics: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
  // Read only: the ledger listing (Query) and the items behind index rows (BatchGetItem); 考核's workbook reads as statistics does.
  exports: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
  openapi: [],
  // 一事一档, read only: the item (GetItem), its history, reports, requests and the roster (Query), the files' records (BatchGetItem).
  dossiers: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
  // The office's holiday entries: one partition, read whole (Query) and written a year at a time (PutItem).
  calendar: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
  // Read only: the notices listing (Query), the names and deadlines it names (BatchGetItem); the office a feed is
  // asked of (?office=, GetItem once per container).
  public: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
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

/** The route groups that read or write attachment files, and how (lib/attachments.ts grants exactly this). */
export const attachmentAccess: Partial<Record<RouteGroup, 'sign-uploads' | 'check' | 'dossiers'>> = {
  attachments: 'sign-uploads',
  dossiers: 'dossiers',
  lifecycle: 'check',
  notices: 'check',
};
