import { say } from '../messages/message';
import { RuleViolation, type ProblemDetail } from './errors';
import { nameKey } from './unit-names';
import type { Contact, Unit, UnitKind } from './units';

/**
 * Keeping the roster true: the office corrects a unit (name, kind, contacts),
 * recorded before → after; and the leaders of the roster (分管领导), people of
 * `leadership` units with a leaderId, whom items name as their leader in charge.
 * Apart from units.ts, which stays data only (labels.ts reads its codes).
 */

/** Every leaderId of the roster, with the unit whose person holds it. */
export function leadersOf(units: readonly Pick<Unit, 'id' | 'kind' | 'contacts'>[]): Map<string, string> {
  const leaders = new Map<string, string>();
  for (const unit of units) for (const c of unit.contacts) if (c.leaderId !== undefined) leaders.set(c.leaderId, unit.id);
  return leaders;
}

/**
 * A leaderId belongs to a person of a `leadership` unit, and to one person in
 * the whole roster: it is how an item names its leader in charge.
 */
export function assertLeaderIds(
  unit: Pick<Unit, 'id' | 'kind' | 'contacts'>,
  roster: readonly Pick<Unit, 'id' | 'name' | 'kind' | 'contacts'>[],
): void {
  const others = leadersOf(roster.filter((u) => u.id !== unit.id));
  const nameOf = (id: string) => roster.find((u) => u.id === id)?.name ?? id;
  const problems: ProblemDetail[] = [];
  unit.contacts.forEach((c, i) => {
    if (c.leaderId === undefined) return;
    if (unit.kind !== 'leadership') {
      problems.push({ path: `contacts.${i}.leaderId`, message: say('rule.leader-id-outside-leadership') });
      return;
    }
    const holder = others.get(c.leaderId);
    if (holder !== undefined)
      problems.push({
        path: `contacts.${i}.leaderId`,
        message: say('rule.leader-id-taken', { leaderId: c.leaderId, unitId: holder, unitName: nameOf(holder) }),
      });
  });
  if (problems.length > 0) throw new RuleViolation('leader-id-invalid', problems[0]!.message, problems);
}

/** An item's leader in charge must be a leaderId of the roster. */
export function assertLeaderKnown(
  leaderId: string | undefined,
  roster: readonly Pick<Unit, 'id' | 'kind' | 'contacts'>[],
  path = 'leaderInCharge',
): void {
  if (leaderId === undefined || leadersOf(roster).has(leaderId)) return;
  throw new RuleViolation('unknown-leader', say('missing.leader', { leaderId }), [{ path, message: say('missing.leader', { leaderId }) }]);
}

/** What `PATCH /units/{unitId}` may change. */
export interface UnitEdit {
  name?: string;
  /** null clears it. */
  shortName?: string | null;
  aliases?: string[];
  kind?: UnitKind;
  contacts?: Contact[];
}

/** A change of a unit as its history keeps it: who, when, each field before → after. `seq` is the unit's version it made. */
export interface UnitEvent {
  seq: number;
  type: 'unit.edited';
  actor: { sub: string; role: string; unitId?: string };
  at: string;
  data: { changes: Record<string, { before: unknown; after: unknown }> };
}

/**
 * The office corrects a unit: its name, kind or contacts. Recorded field by
 * field (before → after); the jobs read the contacts when they send, so the
 * next run's reminders go to the new ones. Returns null when nothing changes.
 */
export function editUnit(
  unit: Unit,
  edit: UnitEdit,
  context: { actor: UnitEvent['actor']; now: Date; roster: readonly Unit[] },
): { unit: Unit; event: UnitEvent } | null {
  // An address that bounced stays undeliverable through an edit that keeps it; a new address is deliverable again.
  if (edit.contacts) edit = { ...edit, contacts: keepDeliverability(unit.contacts, edit.contacts) };
  const changes: UnitEvent['data']['changes'] = {};
  for (const field of ['name', 'shortName', 'aliases', 'kind', 'contacts'] as const) {
    const after = edit[field] === null ? undefined : edit[field];
    if (edit[field] !== undefined && JSON.stringify(after ?? null) !== JSON.stringify(unit[field] ?? null))
      changes[field] = { before: unit[field] ?? null, after: after ?? null };
  }
  if (Object.keys(changes).length === 0) return null;
  const { shortName, ...rest } = edit;
  const next: Unit = { ...unit, ...rest, version: unit.version + 1 };
  if (shortName === null) delete next.shortName;
  else if (shortName !== undefined) next.shortName = shortName;
  assertLeaderIds(next, context.roster);
  assertNamesFree(next, context.roster);
  const at = context.now.toISOString();
  return {
    unit: { ...next, updatedAt: at },
    event: { seq: next.version, type: 'unit.edited', actor: context.actor, at, data: { changes } },
  };
}

/**
 * A name, 简称 or alias answers for one unit only: an import matching 市发改委 must find one unit. Compared as the
 * import compares names (unit-names.ts nameKey: spaces and full-width forms aside).
 */
export function assertNamesFree(unit: Pick<Unit, 'id' | 'name' | 'shortName' | 'aliases'>, roster: readonly Unit[]): void {
  const held = new Map<string, Unit>();
  for (const other of roster) {
    if (other.id === unit.id) continue;
    for (const n of [other.name, other.shortName, ...(other.aliases ?? [])]) if (n) held.set(nameKey(n), other);
  }
  const problems: ProblemDetail[] = [];
  const own = [['shortName', unit.shortName] as const, ...(unit.aliases ?? []).map((alias, i) => [`aliases.${i}`, alias] as const)];
  for (const [path, n] of own) {
    const holder = n === undefined ? undefined : held.get(nameKey(n));
    if (n !== undefined && holder !== undefined)
      problems.push({ path, message: say('rule.unit-name-taken', { name: n, unitId: holder.id, unitName: holder.name }) });
  }
  if (problems.length > 0) throw new RuleViolation('unit-name-taken', problems[0]!.message, problems);
}

/** Two addresses are one mailbox whatever their case (as SES reports them). */
export const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The office's contacts for a unit (PATCH /units/{unitId}) keep what the platform knows of their addresses: a
 * contact at an address that bounced stays undeliverable, one at a new address is deliverable again.
 */
export function keepDeliverability(before: readonly Contact[], after: readonly Contact[]): Contact[] {
  return after.map((contact) => {
    const { undeliverableSince: _since, bounce: _bounce, ...given } = contact;
    const known = before.find((b) => sameAddress(b.email, contact.email) && b.undeliverableSince !== undefined);
    return known ? { ...given, undeliverableSince: known.undeliverableSince!, ...(known.bounce ? { bounce: known.bounce } : {}) } : given;
  });
}
