/**
 * Which office's ledger the console shows (纵向到底): the person's own, or — for the office, leaders and inspectors
 * of an office with offices below it — one of those, read only. Kept for the browser tab (sessionStorage), sent as
 * X-Ducha-Office on every API call (client.ts); the API decides what may be read there and refuses every write.
 */
const KEY = 'ducha.viewedOffice';
/** Set while an office's clerk acts, in the office above, as the unit their government is there. */
const ACTING_KEY = 'ducha.actingUnit';

export function viewedOffice(): string | undefined {
  if (typeof sessionStorage === 'undefined') return undefined;
  return sessionStorage.getItem(KEY) ?? undefined;
}

/** Another office to read, or undefined for the person's own. */
export function viewOffice(office: string | undefined): void {
  sessionStorage.removeItem(ACTING_KEY);
  if (office === undefined) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, office);
}

/**
 * A county office's clerk works on the city's items as the county's government (一级抓一级: 签收, 报送, 延期, 整改):
 * every call then goes to the office above, where the API takes the clerk for that unit.
 */
export function actInOfficeAbove(parent: string, unitId: string): void {
  sessionStorage.setItem(KEY, parent);
  sessionStorage.setItem(ACTING_KEY, unitId);
}

export function actingUnit(): string | undefined {
  if (typeof sessionStorage === 'undefined') return undefined;
  return sessionStorage.getItem(ACTING_KEY) ?? undefined;
}

export function officeHeader(): Record<string, string> {
  const office = viewedOffice();
  return office ? { 'X-Ducha-Office': office } : {};
}
