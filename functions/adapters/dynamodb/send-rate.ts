import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { SendRate } from '../paced-mailer';
import { ledger } from './client';
import { sendRateKey } from './keys';
import { conditionHeld, toRecord } from './records';

export interface DynamoSendRateOptions {
  /** Sends per second the account allows (SES's maximum send rate). */
  perSecond: number;
  /** Milliseconds since the epoch; the system's by default (tests step their own). */
  now?: () => number;
  /** Waits that long; a timer by default (tests move their clock instead). */
  wait?: (ms: number) => Promise<void>;
}

/**
 * SES's send rate, shared by every function that mails (the HTTP groups, the jobs, the stream's consumer, however
 * many containers each): one counter per second in the ledger table, taken with a conditional ADD. A send that
 * finds the second's counter full waits for the next second. The counters expire a minute later (the table's TTL).
 */
export class DynamoSendRate implements SendRate {
  private readonly now: () => number;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(private readonly options: DynamoSendRateOptions) {
    this.now = options.now ?? Date.now;
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async take(): Promise<void> {
    const { client, tableName } = ledger();
    for (;;) {
      const now = this.now();
      const second = Math.floor(now / 1000);
      const taken = await conditionHeld(
        client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: toRecord(sendRateKey(second)),
            UpdateExpression: 'ADD sends :one SET expiresAt = if_not_exists(expiresAt, :expires)',
            ConditionExpression: 'attribute_not_exists(sends) OR sends < :rate',
            ExpressionAttributeValues: {
              ':one': { N: '1' },
              ':rate': { N: String(this.options.perSecond) },
              ':expires': { N: String(second + 60) },
            },
          }),
        ),
      );
      if (taken) return;
      // This second's turns are all taken: the next second's.
      await this.wait((second + 1) * 1000 - now);
    }
  }
}
