/**
 * Which office's ledger the console shows (纵向到底): the person's own, or — for the office, leaders and inspectors
 * of an office with offices below it — one of those, read only. Kept for the browser tab (sessionStorage), sent as
 * X-Ducha-Office on every API call (client.ts); the API decides what may be read there and refuses every write.
 */
const KEY = 'ducha.viewedOffice';

export function viewedOffice(): string | undefined {
  if (typeof sessionStorage === 'undefined') return undefined;
  return sessionStorage.getItem(KEY) ?? undefined;
}

/** Another office to read, or undefined for the person's own. */
export function viewOffice(office: string | undefined): void {
  if (office === undefined) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, office);
}

export function officeHeader(): Record<string, string> {
  const office = viewedOffice();
  return office ? { 'X-Ducha-Office': office } : {};
}
