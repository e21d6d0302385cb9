import { AsyncLocalStorage } from 'node:async_hooks';
import { isWithin, ROOT_OFFICE } from '../domain/offices';

/**
 * The office whose ledger the work in hand reads and writes (docs/design.md, "Offices in one table"). The HTTP
 * edge enters the caller's office for the length of a request, a job each office in turn, the stream's follower
 * the office of each record; every key of the ledger (dynamodb/keys.ts) is then built inside that office, so an
 * adapter cannot address another office's records by mistake. Kept per request like the deadline (one local
 * process serves many requests at once); outside any office (scripts, the upgrade, one-office tests) it is the root.
 */
const current = new AsyncLocalStorage<{ office: string; reach: string }>();

export const currentOffice = (): string => current.getStore()?.office ?? ROOT_OFFICE;

/**
 * The subtree the work in hand may touch: the office it entered (inOffice), kept when it reads down (inOfficeBelow).
 * The data layer holds every key to it (dynamodb/office-reach.ts), and in AWS it names the credentials it runs with.
 */
export const currentReach = (): string => current.getStore()?.reach ?? ROOT_OFFICE;

/** Runs `work` inside an office: the caller's own, a job's or a stream record's. Its reach is its own subtree. */
export const inOffice = <T>(office: string, work: () => T): T => current.run({ office, reach: office }, work);

/**
 * Runs `work` inside another office of the current one's subtree, keeping the current reach: a city reading down
 * to a county's ledger. Refused (an Error, never an answer) outside the reach: the data layer's own guard,
 * whatever a use case asked.
 */
export function inOfficeBelow<T>(office: string, work: () => T): T {
  const reach = current.getStore()?.reach ?? ROOT_OFFICE;
  if (!isWithin(office, reach)) throw new Error(`office ${office} is outside the reach of ${reach}`);
  return current.run({ office, reach }, work);
}

/**
 * Runs `work` inside an office above the current one, with that office's reach: the reads a county makes of the
 * levels above it, and only those (the calendar it inherits, the city item its government answers for, which the
 * use case then checks). Named apart so that every step up is one a reader can find; refused for any other office.
 */
export function inOfficeAbove<T>(office: string, work: () => T): T {
  const here = currentOffice();
  if (office === here || !isWithin(here, office)) throw new Error(`office ${office} is not above ${here}`);
  return current.run({ office, reach: office }, work);
}

/** The prefix of every office-owned key: none for the root (its records kept the keys they had), `O#<id>#` below it. */
export const officePrefix = (office = currentOffice()): string => (office === ROOT_OFFICE ? '' : `O#${office}#`);

/** The office a key belongs to, and the key without its office (the stream sees every office's records). */
export function officeOfKey(key: string): { office: string; rest: string } {
  if (!key.startsWith('O#')) return { office: ROOT_OFFICE, rest: key };
  const end = key.indexOf('#', 2);
  return end < 0 ? { office: ROOT_OFFICE, rest: key } : { office: key.slice(2, end), rest: key.slice(end + 1) };
}
