/**
 * Who is signed in, read from the ID token the console sends to the API
 * (Cognito's, or the local token service's, shaped alike): the role from
 * `cognito:groups` with the same precedence as the API (office, leader,
 * inspector, unit), the unit from `custom:unitId`. The console only uses it
 * to choose pages; the API decides what each person may see and do.
 */
import { roleFromGroups } from '../../../functions/domain/caller';
import type { Role } from '../api/types';
import { actingUnit } from '../api/office-view';

export interface Session {
  role: Role;
  unitId?: string;
  /** A leader of the roster (分管领导): `custom:leaderId`, whose portfolio `?leader=me` reads. */
  leaderId?: string;
  /** The office the person works in (`custom:officeId`; none is the root office). */
  officeId?: string;
  /** Set while an office's clerk acts as their government's unit in the office above (api/office-view.ts). */
  actingFor?: 'office';
  sub: string;
  /** Shown in the header: the Cognito user name or e-mail when the token carries one. */
  name?: string;
  idToken: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** A JWT's payload, without checking anything (the API checks the signature). */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const base64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export type SessionProblem = 'unreadable' | 'expired' | 'no-role' | 'no-unit';

/** The session an ID token opens, or why it opens none. */
export function sessionFromIdToken(idToken: string, nowSeconds = Date.now() / 1000): Session | SessionProblem {
  const claims = jwtPayload(idToken);
  if (!claims || typeof claims.sub !== 'string') return 'unreadable';
  const expiresAt = typeof claims.exp === 'number' ? claims.exp : 0;
  if (expiresAt <= nowSeconds) return 'expired';
  const role = roleFromGroups(claims['cognito:groups']);
  if (!role) return 'no-role';
  const unitId = typeof claims['custom:unitId'] === 'string' && claims['custom:unitId'] !== '' ? claims['custom:unitId'] : undefined;
  if (role === 'unit' && !unitId) return 'no-unit';
  // A person's name or address; never the username, which Cognito may make a UUID (and the local tokens their sub).
  const name = [claims.name, claims.email].find((v): v is string => typeof v === 'string' && v !== '');
  const leaderId =
    typeof claims['custom:leaderId'] === 'string' && claims['custom:leaderId'] !== '' ? claims['custom:leaderId'] : undefined;
  return {
    role,
    ...(role === 'unit' ? { unitId } : {}),
    ...(role === 'leader' && leaderId ? { leaderId } : {}),
    ...(typeof claims['custom:officeId'] === 'string' && claims['custom:officeId'] !== '' ? { officeId: claims['custom:officeId'] } : {}),
    sub: claims.sub,
    ...(name ? { name } : {}),
    idToken,
    expiresAt,
  };
}

export const sessionProblemMessages: Record<SessionProblem, string> = {
  unreadable: '登录凭证无法识别，请重新登录',
  expired: '登录已过期，请重新登录',
  'no-role': '您的账号尚未分配督查平台角色，请联系督查室',
  'no-unit': '您的责任单位账号未关联单位，请联系督查室',
};

/** Where each role starts. */
export const homeOf: Record<Role, string> = {
  office: '/office/board',
  unit: '/unit/inbox',
  leader: '/leader/dashboard',
  inspector: '/inspector/queue',
};

/**
 * The session the pages see: the person's own, or — while an office's clerk acts in the office above as their
 * government's unit — that unit's, so that the unit's pages (待办事项, 报送, 整改) are theirs. The API checks it all.
 */
export function actingSession(session: Session | null): Session | null {
  const unitId = actingUnit();
  if (session?.role !== 'office' || !unitId) return session;
  return { ...session, role: 'unit', unitId, actingFor: 'office' };
}
