import { assertRole } from '../domain/access';
import type { Caller } from '../domain/caller';
import { Conflict } from '../domain/errors';
import { assertLeaderIds, assertNamesFree } from '../domain/unit-edits';
import { newUnit, type Unit, type UnitRegistration, unitCode } from '../domain/units';
import { idempotencyRequest, once } from './idempotency';
import type { Clock, IdempotencyStore, IdempotencyWrite, Sequences, UnitRepository } from './ports';

export interface RegisterUnitDeps {
  units: UnitRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
  /** Numbers the units registered without a code (0001, 0002…); the seed, which names every unit, needs none. */
  sequences?: Sequences;
}

/** A registration as the office sends it: the 单位编码 is the office's choice or, left out, the next number. */
export type UnitRegistrationInput = Omit<UnitRegistration, 'id'> & { id?: string };

/** How many taken numbers a registration skips (a code typed by hand may have taken the next number). */
const CODE_ATTEMPTS = 20;

/** The office records a responsible unit and its contacts (who receive the reminders). */
export async function registerUnit(
  deps: RegisterUnitDeps,
  caller: Caller,
  input: UnitRegistrationInput,
  idempotencyKey?: string,
): Promise<{ unit: Unit; replayed: boolean }> {
  assertRole(caller, ['office'], 'Registering a unit');
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, 'POST /units', input);
  const { result, replayed } = await once<Unit>(deps.idempotency, request, now, async (remember) => {
    // The roster's rules first: a refused registration writes nothing, not even a drawn number.
    const roster = await deps.units.all();
    const candidate = { ...input, id: input.id ?? '' };
    // A leaderId is a person of a leadership unit, one person in the whole roster.
    if (input.contacts.some((c) => c.leaderId !== undefined)) assertLeaderIds(candidate, roster);
    // A 简称 or alias answers for one unit only, so an import's match is never two units.
    assertNamesFree(candidate, roster);
    const { id, ...rest } = input;
    if (id !== undefined) return write(deps, newUnit({ ...rest, id }, now), remember);
    const { sequences } = deps;
    if (!sequences) throw new Error('registerUnit: a unit without a code needs the sequences port');
    for (let attempt = 1; ; attempt += 1) {
      const unit = newUnit({ ...rest, id: unitCode(await sequences.next(UNIT_CODE_SEQUENCE, 0)) }, now);
      try {
        return await write(deps, unit, remember);
      } catch (error) {
        if (attempt >= CODE_ATTEMPTS || !(error instanceof Conflict) || error.code !== 'unit-exists') throw error;
      }
    }
  });
  return { unit: result, replayed };
}

/** The counter of generated 单位编码 (one, not yearly: `COUNTER#unit-code` / `0`). */
export const UNIT_CODE_SEQUENCE = 'unit-code';

async function write(deps: RegisterUnitDeps, unit: Unit, remember: ((u: Unit) => IdempotencyWrite) | undefined) {
  await deps.units.register(unit, remember?.(unit));
  return unit;
}
