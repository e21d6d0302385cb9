import type { CalendarDate } from '../domain/calendar';
import type { HistoryEvent } from '../domain/history';
import type { Item, ItemStatus, Source } from '../domain/items';
import type { Light } from '../domain/light';
import type { Unit } from '../domain/units';

/**
 * What the use cases need from the outside world. Adapters in
 * functions/adapters implement these; tests may pass their own.
 */
export interface Clock {
  now(): Date;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/** A creation's answer kept with it, so that a retry returns the first answer. */
export interface IdempotencyWrite {
  scope: string;
  fingerprint: string;
  result: unknown;
  expiresAt: Date;
}

export interface IdempotencyRecord {
  fingerprint: string;
  result: unknown;
  expiresAt: Date;
}

export interface IdempotencyStore {
  find(scope: string, now: Date): Promise<IdempotencyRecord | null>;
}

export interface UnitRepository {
  /** Fails with Conflict when the id is taken, IdempotencyRace when the key was used meanwhile. */
  register(unit: Unit, idempotency?: IdempotencyWrite): Promise<void>;
  get(id: string): Promise<Unit | null>;
  /** Which of these ids name no unit. */
  missing(ids: readonly string[]): Promise<string[]>;
  list(page: PageRequest): Promise<Page<Unit>>;
}

export interface ItemFilter {
  status?: ItemStatus;
  unit?: string;
  source?: Source;
  light?: Light;
  dueBefore?: CalendarDate;
  dueAfter?: CalendarDate;
}

export interface ItemRepository {
  /** Writes the item, its first event and its unit memberships atomically. */
  register(item: Item, event: HistoryEvent, idempotency?: IdempotencyWrite): Promise<void>;
  get(id: string): Promise<Item | null>;
  list(filter: ItemFilter, today: CalendarDate, page: PageRequest): Promise<Page<Item>>;
  history(id: string, page: PageRequest): Promise<Page<HistoryEvent>>;
}

/** Thrown by a repository when another request stored the same idempotency key first. */
export class IdempotencyRace extends Error {
  constructor() {
    super('The idempotency key was used by a concurrent request');
    this.name = 'IdempotencyRace';
  }
}
