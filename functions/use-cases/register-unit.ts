import { assertRole } from '../domain/access';
import type { Caller } from '../domain/caller';
import { assertLeaderIds, assertNamesFree } from '../domain/unit-edits';
import { newUnit, type Unit, type UnitRegistration } from '../domain/units';
import { idempotencyRequest, once } from './idempotency';
import type { Clock, IdempotencyStore, UnitRepository } from './ports';

export interface RegisterUnitDeps {
  units: UnitRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
}

/** The office records a responsible unit and its contacts (who receive the reminders). */
export async function registerUnit(
  deps: RegisterUnitDeps,
  caller: Caller,
  input: UnitRegistration,
  idempotencyKey?: string,
): Promise<{ unit: Unit; replayed: boolean }> {
  assertRole(caller, ['office'], 'Registering a unit');
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, 'POST /units', input);
  const { result, replayed } = await once<Unit>(deps.idempotency, request, now, async (remember) => {
    const unit = newUnit(input, now);
    // A leaderId is a person of a leadership unit, one person in the whole roster.
    const roster = await deps.units.all();
    if (unit.contacts.some((c) => c.leaderId !== undefined)) assertLeaderIds(unit, roster);
    assertNamesFree(unit, roster);
    await deps.units.register(unit, remember?.(unit));
    return unit;
  });
  return { unit: result, replayed };
}
