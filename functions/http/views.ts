import { shanghaiDate } from '../domain/calendar';
import type { Caller } from '../domain/caller';
import type { HistoryEvent } from '../domain/history';
import type { Item } from '../domain/items';
import type { Report } from '../domain/reports';
import { lightOf } from '../domain/light';

/**
 * 纸面销号 flags are the office's working suspicion, not a finding: the
 * office, leaders and inspectors see them; units do not.
 */
const seesCopyFlags = (caller: Caller | undefined) => caller !== undefined && caller.role !== 'unit';

/** An item as clients see it: its stored state plus the light as of now. */
export function itemView(item: Item, now: Date, caller?: Caller) {
  const { lastSeq: _internal, copyFlags, ...visible } = item;
  return { ...visible, ...(copyFlags && seesCopyFlags(caller) ? { copyFlags } : {}), light: lightOf(item, shanghaiDate(now)) };
}

export function reportView(report: Report, caller: Caller) {
  const { possibleCopyOf, ...visible } = report;
  return possibleCopyOf && seesCopyFlags(caller) ? report : visible;
}

/** Referrals (移送) are confidential: a unit's view of the history leaves them out entirely. */
export const visibleEvents = (events: HistoryEvent[], caller: Caller) =>
  (caller.role === 'unit' ? events.filter((e) => !e.type.startsWith('referral.')) : events).map((e) => eventView(e, caller));

export function eventView(event: HistoryEvent, caller: Caller) {
  if (seesCopyFlags(caller) || !('possibleCopyOf' in event.data)) return event;
  const { possibleCopyOf: _hidden, ...data } = event.data;
  return { ...event, data };
}

/** Tells a client its retry was answered from the first request. */
export const replayHeaders = (replayed: boolean): Record<string, string> => (replayed ? { 'idempotent-replayed': 'true' } : {});
