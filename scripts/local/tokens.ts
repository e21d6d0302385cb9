/**
 * The local stand-in for Cognito: HS256 tokens shaped like a Cognito ID
 * token, so the handlers read the same claims locally as behind the API
 * Gateway Cognito authorizer. Never used in AWS.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { type Message, say } from '../../functions/messages/message';

export const LOCAL_ISSUER = 'ducha-local';
export const LOCAL_AUDIENCE = 'ducha-local';
export const ROLES = ['office', 'leader', 'unit', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export interface IssueTokenOptions {
  role: Role;
  /** Required for the unit role, refused for the others. */
  unitId?: string;
  /** For the leader role only: the leaderId of a person of a leadership unit (分管领导). */
  leaderId?: string;
  /** The office the person works in (custom:officeId); none is the root office. */
  officeId?: string;
  sub?: string;
  secret: string;
  /** Seconds, or a span like '90s', '30m', '12h', '7d'; default 12 hours. */
  expiresIn?: string | number;
  /** Seconds since the epoch the token is issued at; default now (tests issue expired tokens with it). */
  issuedAt?: number;
}

export interface LocalIdToken extends JWTPayload {
  sub: string;
  'cognito:groups': string[];
  'cognito:username': string;
  'custom:unitId'?: string;
  'custom:leaderId'?: string;
  'custom:officeId'?: string;
  token_use: 'id';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

const key = (secret: string) => new TextEncoder().encode(secret);

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** Seconds in a span: a number of seconds, or '90s' / '30m' / '12h' / '7d'. */
export function spanSeconds(span: string | number): number {
  if (typeof span === 'number' && Number.isFinite(span)) return Math.trunc(span);
  const match = /^(-?\d+)\s*([smhd])$/.exec(String(span).trim());
  if (!match) throw new Error(`Cannot read "${String(span)}" as a time span (e.g. 3600, 30m, 12h, 7d)`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

export async function issueToken(options: IssueTokenOptions): Promise<string> {
  const { role, unitId, leaderId, secret } = options;
  if (!isRole(role)) throw new Error(`Unknown role "${String(role)}": one of ${ROLES.join(', ')}`);
  if (role === 'unit' && !unitId) throw new Error('A unit user needs a unit id (--unit UNIT_ID)');
  if (role !== 'unit' && unitId) throw new Error(`Only unit users belong to a unit, not the ${role} role`);
  if (role !== 'leader' && leaderId) throw new Error(`Only leaders have a leader id, not the ${role} role`);
  if (!secret) throw new Error('No signing secret');
  // A stable default subject: the same local user every time, so its history and idempotency keys line up.
  const sub = options.sub ?? (unitId ? `local-${role}-${unitId}` : leaderId ? `local-${role}-${leaderId}` : `local-${role}`);
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresIn ?? '12h';
  const claims: Omit<LocalIdToken, 'sub'> = {
    'cognito:groups': [role],
    'cognito:username': sub,
    token_use: 'id',
    auth_time: issuedAt,
    ...(unitId ? { 'custom:unitId': unitId } : {}),
    ...(leaderId ? { 'custom:leaderId': leaderId } : {}),
    ...(options.officeId ? { 'custom:officeId': options.officeId } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + spanSeconds(expiresIn))
    .sign(key(secret));
}

/** Verifies signature, issuer, audience and expiry; throws on any failure. */
export async function verifyToken(token: string, secret: string): Promise<LocalIdToken> {
  const { payload } = await jwtVerify(token, key(secret), {
    algorithms: ['HS256'],
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    requiredClaims: ['sub', 'exp'],
  });
  if (payload.token_use !== 'id') throw new Error('Not an ID token');
  return payload as LocalIdToken;
}

/**
 * Why verifyToken refused a token, for the 401's message. A well-formed token whose signature does not
 * match was almost always minted by `npm run token` against another data folder's secret (each DATA_DIR
 * keeps its own): saying so saves the operator a search.
 */
export function tokenRefusal(error: unknown): Message {
  switch ((error as { code?: string })?.code) {
    case 'ERR_JWT_EXPIRED':
      return say('gateway.token-expired');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return say('gateway.token-other-secret');
    default:
      return say('gateway.token-invalid');
  }
}

export const JWT_SECRET_FILE = 'local-jwt-secret';

/**
 * The secret `npm start` and `npm run token` share: LOCAL_JWT_SECRET, else a
 * random one made once and kept in <dataDir>/local-jwt-secret (mode 600).
 */
export function loadOrCreateJwtSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOCAL_JWT_SECRET) return env.LOCAL_JWT_SECRET;
  const file = join(dataDir, JWT_SECRET_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another process (npm start vs npm run token) wins the race, use its secret.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

export function randomJwtSecret(): string {
  return randomBytes(32).toString('base64url');
}
