/**
 * 台账留痕: what the ledger never changes once written. A history event, a unit's history event, a report,
 * a rectification handed in (书面整改报告) and a daily seal are written once and then only read (an event's
 * hash and a rectification's review are added once, where there were none); the chain (ledger-chain.ts) makes an edit of an
 * event detectable when someone verifies, and this rule makes any edit of these records seen when it
 * happens: every change of the table passes the table's stream, and a change of one of these is an
 * alteration, recorded and raised as an alarm.
 */

/** The kinds of record that are written once (the `entity` each record carries). */
export const WRITTEN_ONCE = ['event', 'unit-event', 'report', 'rectification', 'seal', 'seal-day'] as const;
export type WrittenOnce = (typeof WRITTEN_ONCE)[number];

/**
 * The one later write a written-once record may get: these fields, all together, where it had none of them. An
 * event's chain fields (the chainer); a rectification's review (the office's 审核: accepted, or returned with a
 * reason, once — a returned unit hands in a new record). Anything else is an alteration.
 */
const SET_ONCE: Partial<Record<WrittenOnce, readonly string[]>> = {
  event: ['hash', 'prevHash'],
  rectification: ['review'],
};

/** A change of one record as the table's stream shows it, its images as plain values. */
export interface RecordChange {
  change: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The record's key, as one string (`PK|SK`). */
  key: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Removed by the table's time to live, not by a writer. */
  expired?: boolean;
}

export interface Alteration {
  key: string;
  entity: WrittenOnce;
  change: 'modified' | 'removed';
  /** The fields whose value changed (a removal: every field the record had). */
  fields: string[];
}

export const isWrittenOnce = (entity: unknown): entity is WrittenOnce => WRITTEN_ONCE.includes(entity as WrittenOnce);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between two images of a record, by name, sorted. */
export function changedFields(before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !same(before[f], after[f])).sort();
}

/**
 * The alteration a change is, or undefined. An insert never is; nor is an expiry, nor the one later write a
 * record may get (SET_ONCE: an event's hash and prevHash, a rectification's review, where it had none).
 */
export function alterationOf(record: RecordChange): Alteration | undefined {
  const entity = (record.before ?? record.after)?.entity;
  if (record.change === 'INSERT' || record.expired || !isWrittenOnce(entity)) return undefined;
  if (record.change === 'REMOVE') return { key: record.key, entity, change: 'removed', fields: Object.keys(record.before ?? {}).sort() };
  const fields = changedFields(record.before, record.after);
  const setOnce = SET_ONCE[entity] ?? [];
  const completedOnce =
    setOnce.length > 0 &&
    fields.every((f) => setOnce.includes(f)) &&
    setOnce.every((f) => record.before?.[f] === undefined && record.after?.[f] !== undefined && record.after[f] !== null);
  if (fields.length === 0 || completedOnce) return undefined;
  return { key: record.key, entity, change: 'modified', fields };
}
