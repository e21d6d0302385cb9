import { recordReferral } from '../use-cases/record-referral';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { replayHeaders } from './views';
import { referralWork, referrals } from './wiring';

export const handler = httpApi('referrals', [
  implement(contract.recordReferral, async ({ caller, body, idempotencyKey }) => {
    const { referral, replayed } = await recordReferral(referralWork, caller, body, idempotencyKey);
    return { body: referral, headers: replayHeaders(replayed) };
  }),
  implement(contract.listReferrals, async ({ query }) => ({ body: await referrals.list(query) })),
]);
