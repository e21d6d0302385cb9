import { createHash } from 'node:crypto';
import { shanghaiDate, type CalendarDate } from '../domain/calendar';
import type { RenderedMail } from '../domain/mail';
import type { MailTopic, Unit, UnitKind } from '../domain/units';
import { addressesOf } from './deliver-mail';
import type { MailBatch, UnitRepository } from './ports';
import { signedBy } from '../domain/mail';

/**
 * Who is told of a change, and in what words (issue 14's table): each row is one Announcement — the event's
 * recipients (units, and the office or the leaders) and the letter to each. `announce` turns a row and its event
 * into ONE MailBatch, which the use case writes in the change's own transaction; the table's stream sends it once
 * committed (follow-ledger.ts); a change that fails tells no one, a send that fails stays pending.
 *
 * Adding a row: declare an Announcement<YourEvent> (topic — a MailTopic a contact may opt out of —, kind, about,
 * told, letter), call `announce(row, event, deps, now)` in the use case before its write, pass the batch to the
 * repository's write (ItemChange.mail, register's or issue's `mail`); nothing more: the stream sends it.
 */
export interface Announcement<E> {
  /** Which of a contact's choices (Contact.receives) this mail falls under. */
  topic: MailTopic;
  /** Where one change tells units of different things (a co-unit added is 派发, one removed an item change). */
  topicOf?(event: E, unitId: string): MailTopic;
  /** The outbox kind: the sent-marker's ids and the job summary's failures name it. */
  kind: string;
  /** What the change was, unique to it (the item and its event's seq, the notice): the emails' ids derive from it. */
  about(event: E): string[];
  /** The units told, by id; `office` and `leaders`: every unit of that kind too. */
  told(event: E): { units: string[]; office?: boolean; leaders?: boolean };
  /** The letter to one unit told. */
  letter(event: E, to: Addressee): RenderedMail;
  /** The notice this mail issues, if any: its emails' sent-markers then say whether each named unit got it. */
  notice?(event: E): string;
}

/** A unit told, as its letter needs it: its name for the addressee line, its kind and the console link for it. */
export interface Addressee {
  unit: Pick<Unit, 'id' | 'name' | 'kind'>;
  date: CalendarDate;
  /** The console's page of this thing, for this unit's role (consoleLink). */
  link(target: { item: string } | { notice: string }): string;
  /** The page this unit starts from (consoleHome): for a unit that can no longer read the item (it left it). */
  home: string;
}

export interface AnnounceDeps {
  units: Pick<UnitRepository, 'getMany' | 'all'>;
  /** The console's address (CONSOLE_URL), ending in `/console/`; links in mail start with it. */
  consoleUrl?: string;
  /** Who signs the letters: an office below the root by its name; absent, the root (市人民政府督查室). */
  signature?: string;
}

export const DEFAULT_CONSOLE_URL = 'http://localhost:3000/console/';

/**
 * The roster as a use case has just read it: the units it holds answer getMany without another round trip (a
 * registration reads its units once, to check them, name them and address its letters).
 */
export function knownUnits(units: AnnounceDeps['units'], known: readonly Unit[]): AnnounceDeps['units'] {
  const byId = new Map(known.map((u) => [u.id, u]));
  return {
    getMany: async (ids) => {
      const unread = ids.filter((id) => !byId.has(id));
      const read = unread.length > 0 ? await units.getMany(unread) : [];
      return [...ids.flatMap((id) => byId.get(id) ?? []), ...read];
    },
    all: () => units.all(),
  };
}

/** The page a unit of this kind opens for an item or a notice (the console's routes: console/src/routes.tsx). */
export function consoleLink(base: string, kind: UnitKind, target: { item: string } | { notice: string }): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const area = kind === 'office' ? 'office' : kind === 'leadership' ? 'leader' : 'unit';
  if ('item' in target) return `${root}${area}/items/${encodeURIComponent(target.item)}`;
  if (area === 'office') return `${root}office/notices/${encodeURIComponent(target.notice)}`;
  return area === 'unit' ? `${root}unit/rectifications` : `${root}leader/dashboard`;
}

/** The page a unit of this kind starts from: a unit's inbox, the office's board, the leaders' dashboard. */
export function consoleHome(base: string | undefined, kind: UnitKind): string {
  const raw = base ?? DEFAULT_CONSOLE_URL;
  const root = raw.endsWith('/') ? raw : `${raw}/`;
  return `${root}${kind === 'office' ? 'office/board' : kind === 'leadership' ? 'leader/dashboard' : 'unit/inbox'}`;
}

/**
 * The batch of one change's emails: one letter per unit told, to those of its contacts (head and liaison by
 * default) who take this topic. Undefined when no one is to be told.
 */
export async function announce<E>(row: Announcement<E>, event: E, deps: AnnounceDeps, now: Date): Promise<MailBatch | undefined> {
  const date = shanghaiDate(now);
  const told = row.told(event);
  const named = await deps.units.getMany([...new Set(told.units)]);
  const byKind =
    told.office || told.leaders
      ? (await deps.units.all()).filter((u) => (told.office && u.kind === 'office') || (told.leaders && u.kind === 'leadership'))
      : [];
  const units = [...named, ...byKind.filter((u) => !named.some((n) => n.id === u.id))];
  const base = deps.consoleUrl ?? DEFAULT_CONSOLE_URL;
  const letters = units.flatMap((unit) => {
    const to = addressesOf(unit, row.topicOf?.(event, unit.id) ?? row.topic);
    if (to.length === 0) return [];
    return [
      {
        to,
        unit: unit.id,
        mail: signedBy(deps.signature, () =>
          row.letter(event, { unit, date, link: (target) => consoleLink(base, unit.kind, target), home: consoleHome(base, unit.kind) }),
        ),
      },
    ];
  });
  if (letters.length === 0) return undefined;
  const about = row.about(event);
  const id = createHash('sha256')
    .update(`${date}|${row.kind}|${about.join(',')}`)
    .digest('base64url');
  const notice = row.notice?.(event);
  return { id, kind: row.kind, day: date, about, ...(notice ? { notice } : {}), letters };
}

/**
 * What a use case needs to tell people of its change: the units (names, contacts) and the console's address. Not
 * the sending: a change writes its letters in its transaction and the table's stream sends them (follow-ledger.ts).
 */
export type TellDeps = AnnounceDeps;
