import type { Contact, Unit } from './api/types';

/** 责任单位: the units items are assigned to and notices name; the office itself and the city's leadership are not among them. */
export const isResponsibleUnit = (unit: Pick<Unit, 'kind'>) => unit.kind !== 'office' && unit.kind !== 'leadership';

/** The responsible units as a drop-down's options, named, in the roster's order. */
export const responsibleUnitOptions = (units: readonly Unit[] | undefined) =>
  (units ?? []).filter(isResponsibleUnit).map((u) => ({ value: u.id, label: u.name }));

type ContactAsRead = NonNullable<Unit['contacts']>[number];
type ReadOnlyContactField = 'undeliverable' | 'undeliverableSince';

/**
 * A contact as the office may send it back in PATCH /units/{unitId}: what the platform knows of its address
 * (无法送达, from the delivery receipts) is read-only — the API refuses it as an unknown field — and stays with the address.
 */
export function editableContact<C extends Contact>(
  contact: C & Partial<Pick<ContactAsRead, ReadOnlyContactField>>,
): Omit<C, ReadOnlyContactField> {
  const { undeliverable: _undeliverable, undeliverableSince: _since, ...editable } = contact;
  return editable;
}
