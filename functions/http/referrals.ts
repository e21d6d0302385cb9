import { systemClock } from '../adapters/clock';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoReferralRepository } from '../adapters/dynamodb/referral-repository';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { recordReferral } from '../use-cases/record-referral';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { replayHeaders } from './views';

const referrals = new DynamoReferralRepository();
const deps = {
  referrals,
  units: new DynamoUnitRepository(),
  items: new DynamoItemRepository(),
  idempotency: new DynamoIdempotencyStore(),
  clock: systemClock,
};

export const handler = httpApi('referrals', [
  implement(contract.recordReferral, async ({ caller, body, idempotencyKey }) => {
    const { referral, replayed } = await recordReferral(deps, caller, body, idempotencyKey);
    return { body: referral, headers: replayHeaders(replayed) };
  }),
  implement(contract.listReferrals, async ({ query }) => ({ body: await referrals.list(query) })),
]);
