import { ROOT_OFFICE } from './offices';

/**
 * Who is calling: the verified claims reduced to what the rules need.
 * Rule 6 of the notice: units act only on their own items, the office on
 * all, leaders read all, inspectors read and add verification findings.
 */
export const roles = ['office', 'leader', 'unit', 'inspector'] as const;
export type Role = (typeof roles)[number];

/** When a person is in several groups, the broadest role answers. */
const PRECEDENCE: readonly Role[] = ['office', 'leader', 'inspector', 'unit'];

/**
 * The role Cognito's `cognito:groups` claim gives, or none. The authorizer
 * passes it as a string ("office", "office,leader" or "[office leader]"), an
 * ID token as a list. Shared with the web console, which reads the same claim
 * from the ID token to choose its pages.
 */
export function roleFromGroups(claim: unknown): Role | undefined {
  const groups = groupsOf(claim);
  return PRECEDENCE.find((r) => groups.includes(r));
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export interface Caller {
  /** Opaque subject id of the signed-in person; never their name or email. */
  sub: string;
  role: Role;
  /** Set for unit users only: the responsible unit they act for. */
  unitId?: string;
  /** Set for a leader who is in the roster (a person of a `leadership` unit): whose portfolio `?leader=me` reads. */
  leaderId?: string;
  /**
   * The office the person works in or for (Cognito's `custom:officeId`); absent, the root office. A unit's and a
   * leader's ids are of that office's roster.
   */
  officeId?: string;
}

/** The office a caller acts in: their token's, or the root's. */
export const officeOf = (caller: Pick<Caller, 'officeId'>): string => caller.officeId ?? ROOT_OFFICE;

/** What the history records of who did something. */
export type Actor = Caller;

/** Keep only what identifies the actor; claims carry nothing else. */
export function actorOf(caller: Caller): Actor {
  return caller.unitId ? { sub: caller.sub, role: caller.role, unitId: caller.unitId } : { sub: caller.sub, role: caller.role };
}
