import { say } from '../messages/message';
import { NotFound } from '../domain/errors';
import type { Unit } from '../domain/units';
import type { Page, PageRequest, UnitRepository } from './ports';

/** Every role reads the units: units need to know whom they work with. */
export async function getUnit(units: UnitRepository, id: string): Promise<Unit> {
  const unit = await units.get(id);
  if (!unit) throw new NotFound(say('missing.unit', { id }));
  return unit;
}

export function listUnits(units: UnitRepository, page: PageRequest): Promise<Page<Unit>> {
  return units.list(page);
}
