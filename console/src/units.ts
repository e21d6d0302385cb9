import type { Unit } from './api/types';

/** 责任单位: the units items are assigned to and notices name; the office itself and the city's leadership are not among them. */
export const isResponsibleUnit = (unit: Pick<Unit, 'kind'>) => unit.kind !== 'office' && unit.kind !== 'leadership';

/** The responsible units as a drop-down's options, named, in the roster's order. */
export const responsibleUnitOptions = (units: readonly Unit[] | undefined) =>
  (units ?? []).filter(isResponsibleUnit).map((u) => ({ value: u.id, label: u.name }));
