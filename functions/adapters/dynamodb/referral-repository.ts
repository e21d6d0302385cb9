import { TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Referral } from '../../domain/referrals';
import { IdempotencyRace, type IdempotencyWrite, type Page, type PageRequest, type ReferralRepository } from '../../use-cases/ports';
import { ledger } from './client';
import { idempotencyPut } from './idempotency-store';
import { referralKey, referralListing } from './keys';
import { listPartition } from './listing';
import { cancellationReasons, failedCondition, toRecord } from './records';

export class DynamoReferralRepository implements ReferralRepository {
  async record(referral: Referral, idempotency?: IdempotencyWrite): Promise<void> {
    const { client, tableName } = ledger();
    const parts: TransactWriteItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: toRecord({ ...referralKey(referral.id), ...referralListing(referral), entity: 'referral', ...referral }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
    if (idempotency) parts.push(idempotencyPut(tableName, idempotency));
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: parts }));
    } catch (error) {
      if (idempotency && failedCondition(cancellationReasons(error)?.[1])) throw new IdempotencyRace();
      throw error;
    }
  }

  list(page: PageRequest): Promise<Page<Referral>> {
    return listPartition<Referral>('REFERRALS', page, true);
  }
}
