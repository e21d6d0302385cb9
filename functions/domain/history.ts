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

/** Events recording a referral (移送): confidential, read by the office and the leaders only. */
export const isReferralEvent = (event: Pick<HistoryEvent, 'type'>) => event.type.startsWith('referral.');

/**
 * The history as a reader who may not see referrals reads it: those events left out and the
 * rest numbered 1, 2, 3… again, so no gap in `seq` shows where one was. The stored numbering
 * (and any chain over it) stays whole; this numbering is the reader's own.
 */
export const withoutReferrals = (events: readonly HistoryEvent[]): HistoryEvent[] =>
  events.filter((e) => !isReferralEvent(e)).map((e, i) => ({ ...e, seq: i + 1 }));
