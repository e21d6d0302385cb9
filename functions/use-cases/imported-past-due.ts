import { importedPastDueMark } from '../domain/ledger-import';
import type { CalendarDate } from '../domain/calendar';
import type { Markers } from './ports';

/**
 * Open items as the Due index gives them, each past-due one marked `importedPastDue` when it was imported already
 * past that deadline: the Due index does not project the item's import, so the mark the import wrote is read, one
 * BatchGet for the items past their deadline only (few beside the open ledger).
 */
export async function withImportedPastDue<T extends { id: string; dueDate: CalendarDate }>(
  markers: Pick<Markers, 'unmarked'> | undefined,
  open: readonly T[],
  asOf: CalendarDate,
): Promise<(T & { importedPastDue?: boolean })[]> {
  const past = open.filter((i) => i.dueDate < asOf);
  if (!markers || past.length === 0) return [...open];
  const refs = past.map(importedPastDueMark);
  const unmarked = new Set(await markers.unmarked(refs));
  const imported = new Set(past.filter((_, i) => !unmarked.has(refs[i]!)).map((i) => i.id));
  return open.map((i) => (imported.has(i.id) ? { ...i, importedPastDue: true } : i));
}
