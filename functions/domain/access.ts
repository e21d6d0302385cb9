import type { Caller, Role } from './caller';
import { say } from '../messages/message';
import { Forbidden, NotFound } from './errors';
import { responsibleUnits, type Item } from './items';

/**
 * Rule 6: units see and act only on their own items (as lead or co-unit);
 * the office, the leaders and the inspectors read every item.
 */
export function canRead(caller: Caller, item: Pick<Item, 'leadUnit' | 'coUnits'>): boolean {
  if (caller.role !== 'unit') return true;
  return caller.unitId !== undefined && responsibleUnits(item).includes(caller.unitId);
}

/**
 * An item a unit may not see answers exactly like one that does not exist,
 * so a unit cannot learn what the ledger holds for others.
 */
export function assertCanRead<T extends Pick<Item, 'id' | 'leadUnit' | 'coUnits'>>(caller: Caller, item: T | null, id: string): T {
  if (!item || !canRead(caller, item)) throw new NotFound(say('missing.item', { id }));
  return item;
}

/** Referrals (移送) are confidential: the office and the leaders read them (as GET /referrals); units and inspectors do not. */
export const seesReferrals = (caller: Caller): boolean => caller.role === 'office' || caller.role === 'leader';

/** A unit reads the notices that name it; the other roles read every notice. */
export const canReadNotice = (caller: Caller, notice: { unitIds: readonly string[] }): boolean =>
  caller.role !== 'unit' || (caller.unitId !== undefined && notice.unitIds.includes(caller.unitId));

export function assertRole(caller: Caller, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(caller.role)) {
    throw new Forbidden(say('auth.role-not-allowed', { what, allowed, role: caller.role }));
  }
}
