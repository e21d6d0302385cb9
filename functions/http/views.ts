import { shanghaiDate } from '../domain/calendar';
import type { Item } from '../domain/items';
import { lightOf } from '../domain/light';

/** An item as clients see it: its stored state plus the light as of now. */
export function itemView(item: Item, now: Date) {
  const { lastSeq: _internal, ...visible } = item;
  return { ...visible, light: lightOf(item, shanghaiDate(now)) };
}

/** Tells a client its retry was answered from the first request. */
export const replayHeaders = (replayed: boolean): Record<string, string> => (replayed ? { 'idempotent-replayed': 'true' } : {});
