import { assertRole } from '../domain/access';
import { actorOf, type Caller } from '../domain/caller';
import { Forbidden, NotFound, PreconditionFailed } from '../domain/errors';
import { editUnit, type UnitEdit, type UnitEvent } from '../domain/unit-edits';
import type { Unit } from '../domain/units';
import { say } from '../messages/message';
import { idempotencyRequest, once } from './idempotency';
import { StaleUnit, type Clock, type IdempotencyStore, type Page, type PageRequest, type UnitRepository } from './ports';

export interface EditUnitDeps {
  units: UnitRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
}

/**
 * `PATCH /units/{unitId}` (office): name, kind, contacts, made against the
 * version read (If-Match, 412 when it moved) and recorded before → after in
 * the unit's history. A change that repeats what the unit says writes nothing.
 */
export async function editUnitFields(
  deps: EditUnitDeps,
  caller: Caller,
  unitId: string,
  body: UnitEdit,
  request: { ifMatch: number; idempotencyKey?: string },
): Promise<{ unit: Unit; replayed: boolean }> {
  assertRole(caller, ['office'], 'Editing a unit');
  const now = deps.clock.now();
  const idempotency = idempotencyRequest(request.idempotencyKey, caller.sub, `PATCH /units/${unitId}`, { ifMatch: request.ifMatch, body });
  const stale = (current: number) =>
    new PreconditionFailed(say('precondition.unit-version-stale', { unitId, expected: request.ifMatch, current }));
  const { result, replayed } = await once<Unit>(deps.idempotency, idempotency, now, async (remember) => {
    const before = await deps.units.get(unitId);
    if (!before) throw new NotFound(say('missing.unit', { id: unitId }));
    if (before.version !== request.ifMatch) throw stale(before.version);
    const edited = editUnit(before, body, { actor: actorOf(caller), now, roster: await deps.units.all() });
    if (!edited) return before;
    try {
      await deps.units.update(before, edited.unit, edited.event, remember?.(edited.unit));
    } catch (error) {
      if (error instanceof StaleUnit) throw stale((await deps.units.get(unitId))?.version ?? before.version + 1);
      throw error;
    }
    return edited.unit;
  });
  return { unit: result, replayed };
}

/** `GET /units/{unitId}/history`: who changed what and when. A unit reads its own unit's only (contacts are in it). */
export async function unitHistory(units: UnitRepository, caller: Caller, unitId: string, page: PageRequest): Promise<Page<UnitEvent>> {
  if (caller.role === 'unit' && caller.unitId !== unitId) throw new Forbidden(say('auth.unit-history-own'));
  if (!(await units.get(unitId))) throw new NotFound(say('missing.unit', { id: unitId }));
  return units.history(unitId, page);
}
