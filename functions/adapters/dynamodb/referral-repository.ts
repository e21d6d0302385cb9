import { say } from '../../messages/message';
import { Conflict } from '../../domain/errors';
import type { Referral } from '../../domain/referrals';
import type { IdempotencyWrite, Page, PageRequest, ReferralRepository } from '../../use-cases/ports';
import { ledger } from './client';
import { writeCreation } from './idempotency-store';
import { REFERRALS, referralKey, referralListing } from './keys';
import { listPartition } from './listing';
import { toRecord } from './records';
import { part } from './transaction';

export class DynamoReferralRepository implements ReferralRepository {
  async record(referral: Referral, idempotency?: IdempotencyWrite): Promise<void> {
    const { tableName } = ledger();
    const put = part('referral', {
      Put: {
        TableName: tableName,
        Item: toRecord({ ...referralKey(referral.id), ...referralListing(referral), entity: 'referral', ...referral }),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
    await writeCreation([put], idempotency, {
      referral: () => new Conflict(say('conflict.exists', { what: 'referral', id: referral.id }), 'referral-exists'),
    });
  }

  list(page: PageRequest): Promise<Page<Referral>> {
    return listPartition<Referral>(REFERRALS, page, true);
  }
}
