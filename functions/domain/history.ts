import type { Actor } from './caller';

/**
 * Every change to an item is an event in its history (nothing is overwritten
 * without a trace). `seq` counts from 1 without gaps, per item.
 */
export interface HistoryEvent {
  seq: number;
  type: string;
  actor: Actor;
  at: string;
  data: Record<string, unknown>;
}
