import { actorOf, type Actor, type Caller } from './caller';
import { say } from '../messages/message';
import { Forbidden } from './errors';

/**
 * 移送监察机关 (rule 5): misconduct clues found during supervision are handed
 * to the supervision/discipline organ, and the referral is recorded in the
 * ledger. The clue is confidential: the office and leaders read it, the unit
 * concerned never sees it.
 */
export interface ReferralInput {
  unitId: string;
  itemId?: string;
  clue: string;
}

export interface Referral extends ReferralInput {
  id: string;
  referredAt: string;
  referredBy: Actor;
}

/** The office records a referral; its use case checks the unit and item exist. */
export function newReferral(input: ReferralInput, context: { id: string; caller: Caller; now: Date }): Referral {
  if (context.caller.role !== 'office') throw new Forbidden(say('auth.office-refers-clues'));
  return { id: context.id, ...input, referredAt: context.now.toISOString(), referredBy: actorOf(context.caller) };
}
