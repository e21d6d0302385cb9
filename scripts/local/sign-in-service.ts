/**
 * The local sign-in service behind the console's local sign-in page: the
 * stand-in for Cognito's login, on the local server only. It is not in the
 * route table (functions/http/routes.ts), so neither the CDK stack nor
 * /openapi.json ever has it.
 *
 *   GET  /local/sign-in-options[?office=ID]  the roles, the offices, and that office's roster to act for
 *   POST /local/token            { role, unitId?, leaderId?, officeId? } → { idToken, expiresIn }
 *
 * Both answer only a local Host, and the token only a JSON body (403 otherwise): see isLocalHost and isJson.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOfficeId, ROOT_OFFICE } from '../../functions/domain/offices';
import { isRole, issueToken, ROLES, spanSeconds } from './tokens';

export const SIGN_IN_BASE = '/local/';
const TOKEN_LIFETIME = '12h';

export function isSignInPath(path: string): boolean {
  return path.startsWith(SIGN_IN_BASE);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

const refuse = (res: ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { error: { code, message } });

async function readJson(req: IncomingMessage, limit = 4096): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

/**
 * A page of this machine names this machine in its Host header. A page of another site whose name an attacker
 * rebound to 127.0.0.1 (DNS rebinding) reaches the port but still sends its own name, so only local names may sign in.
 */
const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

function isLocalHost(host: string | undefined): boolean {
  return host !== undefined && LOCAL_HOST.test(host);
}

/**
 * JSON only: any page may post a form or text/plain to any address without asking, but a cross-origin
 * application/json request needs a CORS preflight, which this server never grants.
 */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** This very server's address, from the connection the request came in on. */
function selfUrl(req: IncomingMessage): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}`;
}

/** The tree of offices, read through the API itself (GET /offices) as the root office: every office of it. */
async function offices(req: IncomingMessage, secret: string) {
  const token = await issueToken({ role: 'office', sub: 'local-sign-in', secret, expiresIn: '1m' });
  const response = await fetch(`${selfUrl(req)}/offices`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /offices answered ${response.status}`);
  const tree = (await response.json()) as {
    office: { id: string; name: string };
    below: { id: string; name: string; parentId?: string }[];
  };
  return [tree.office, ...tree.below].map(({ id, name, ...rest }) => ({
    id,
    name,
    ...('parentId' in rest ? { parentId: rest.parentId } : {}),
  }));
}

/** An office's roster, read through the API itself (GET /units) with a token of that office, page by page. */
async function roster(req: IncomingMessage, secret: string, officeId: string | undefined) {
  const token = await issueToken({ role: 'office', sub: 'local-sign-in', secret, expiresIn: '1m', ...(officeId ? { officeId } : {}) });
  const units: { id: string; name: string; kind: string }[] = [];
  const leaders: { leaderId: string; name: string; unitId: string }[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${selfUrl(req)}/units?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET /units answered ${response.status}`);
    const page = (await response.json()) as {
      items: { id: string; name: string; kind: string; contacts?: { name: string; leaderId?: string }[] }[];
      cursor?: string;
    };
    units.push(...page.items.map(({ id, name, kind }) => ({ id, name, kind })));
    leaders.push(
      ...page.items.flatMap((u) =>
        (u.contacts ?? []).flatMap((c) => (c.leaderId ? [{ leaderId: c.leaderId, name: c.name, unitId: u.id }] : [])),
      ),
    );
    cursor = page.cursor;
  } while (cursor);
  return { units, leaders };
}

export async function serveSignIn(req: IncomingMessage, res: ServerResponse, path: string, secret: string): Promise<void> {
  const method = req.method ?? 'GET';
  if (!isLocalHost(req.headers.host)) {
    return refuse(res, 403, 'not-local', '本机登录只接受本机页面（localhost、127.0.0.1 或 [::1]）的请求');
  }
  if (path === `${SIGN_IN_BASE}sign-in-options` && method === 'GET') {
    try {
      const office = new URL(req.url ?? '/', 'http://local').searchParams.get('office') ?? undefined;
      if (office !== undefined && !isOfficeId(office)) return refuse(res, 400, 'invalid-office', `督查机构编号“${office}”无效`);
      const [tree, { units, leaders }] = await Promise.all([offices(req, secret), roster(req, secret, office)]);
      sendJson(res, 200, { roles: ROLES, offices: tree, units, leaders });
    } catch (error) {
      refuse(res, 502, 'roster-unavailable', `读取单位名册失败：${(error as Error).message}`);
    }
    return;
  }
  if (path === `${SIGN_IN_BASE}token` && method === 'POST') {
    if (!isJson(req.headers['content-type'])) {
      return refuse(res, 403, 'json-only', '本机登录请求须为 JSON（Content-Type: application/json）');
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return refuse(res, 400, 'malformed-json', '请求内容应为 JSON：{ "role": "office" } 或 { "role": "unit", "unitId": "…" }');
    }
    const { role, unitId, leaderId, officeId } = (typeof body === 'object' && body !== null ? body : {}) as {
      role?: unknown;
      unitId?: unknown;
      leaderId?: unknown;
      officeId?: unknown;
    };
    if (officeId !== undefined && (typeof officeId !== 'string' || !isOfficeId(officeId))) {
      return refuse(res, 400, 'invalid-office', '督查机构编号（officeId）无效');
    }
    if (!isRole(role)) return refuse(res, 400, 'invalid-role', `角色应为 ${ROLES.join('、')} 之一`);
    if (role === 'unit' && (typeof unitId !== 'string' || !/^[a-z0-9][a-z0-9-]{1,47}$/.test(unitId))) {
      return refuse(res, 400, 'invalid-unit', '责任单位登录须给出单位编码（unitId）');
    }
    if (role !== 'unit' && unitId !== undefined) return refuse(res, 400, 'invalid-unit', '只有责任单位账号属于某个单位');
    // A leader may sign in as a person of the roster (分管领导): the token then carries their leaderId.
    if (leaderId !== undefined && (role !== 'leader' || typeof leaderId !== 'string' || !/^[a-z0-9][a-z0-9-]{1,47}$/.test(leaderId))) {
      return refuse(res, 400, 'invalid-leader', '只有领导账号可以带有领导编码（leaderId）');
    }
    const idToken = await issueToken({
      role,
      ...(role === 'unit' ? { unitId: unitId as string } : {}),
      ...(typeof leaderId === 'string' ? { leaderId } : {}),
      // The root office's people carry none, as before there were offices.
      ...(typeof officeId === 'string' && officeId !== ROOT_OFFICE ? { officeId } : {}),
      secret,
      expiresIn: TOKEN_LIFETIME,
    });
    sendJson(res, 200, { idToken, expiresIn: spanSeconds(TOKEN_LIFETIME) });
    return;
  }
  refuse(res, 404, 'not-found', `No route for ${method} ${path}`);
}
