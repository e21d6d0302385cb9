import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { systemClock } from '../adapters/clock';
import { DynamoLedgerChain } from '../adapters/dynamodb/ledger-chain';
import { DynamoAlterationLog, ledgerChangeOf } from '../adapters/dynamodb/ledger-stream';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { inOffice } from '../adapters/office-scope';
import { sesAtAccountRate } from '../adapters/ses/paced';
import { logger, METRIC, publishCounts } from '../observability';
import { powertools } from '../powertools';
import { runningFunction } from '../running-function';
import { type FollowLedgerDeps, type LedgerChange, LedgerFollower } from '../use-cases/follow-ledger';

/** Made once per container, as the jobs' adapters are (jobs/wiring.ts). */
const deps: FollowLedgerDeps = {
  chain: new DynamoLedgerChain(),
  delivery: { outbox: new DynamoOutbox(), mailer: sesAtAccountRate(), clock: systemClock, units: new DynamoUnitRepository() },
  alterations: new DynamoAlterationLog(),
  clock: systemClock,
  inOffice,
};

/**
 * The ledger table's stream (in AWS an event source mapping with ReportBatchItemFailures, locally
 * scripts/local/stream-poller.ts): each record's consequence (LedgerFollower.followAll: mail in order, items
 * chained side by side). On the first record that fails, the answer names it, and the records from it on are
 * delivered again (those before it are done); the mapping
 * bisects, retries a bounded number of times and then sends the record to the failure queue, which raises
 * an alarm. Every consequence is idempotent, so a record delivered twice changes nothing.
 */
async function followStream(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const follower = new LedgerFollower(deps);
  // A record that cannot be read is a failure at its place: the ones before it are followed, it and the rest again.
  const changes: (LedgerChange | undefined)[] = [];
  let unreadable: { failedAt: number; error: unknown } | undefined;
  for (const [at, record] of event.Records.entries()) {
    try {
      changes.push(ledgerChangeOf(record));
    } catch (error) {
      unreadable = { failedAt: at, error };
      break;
    }
  }
  const followed = await follower.followAll(changes);
  const { failedAt: index, error } = followed.failedAt !== undefined ? followed : (unreadable ?? {});
  const failed = index === undefined ? undefined : event.Records[index];
  const failedAt = failed ? (failed.dynamodb?.SequenceNumber ?? '') : undefined;
  if (failed) {
    logger.warn('A ledger change could not be followed; it is delivered again', {
      eventName: failed.eventName,
      sequenceNumber: failedAt,
      error: (error as Error).name,
    });
  }
  // A person must look at an alteration: an error line (the alarm's metric below) naming the record and the fields.
  for (const alteration of follower.altered) logger.error('A written-once ledger record was altered', { ...alteration });
  const { mail } = follower;
  publishCounts(
    { job: 'ledger-stream' },
    {
      ...(mail.sent + mail.failed + mail.parked > 0
        ? { [METRIC.emailsSent]: mail.sent, [METRIC.emailsFailed]: mail.failed, [METRIC.emailsParked]: mail.parked }
        : {}),
      ...(follower.altered.length > 0 ? { [METRIC.ledgerAltered]: follower.altered.length } : {}),
    },
  );
  return { batchItemFailures: failedAt === undefined ? [] : [{ itemIdentifier: failedAt }] };
}

const wrapped = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().use(powertools()).handler(followStream);
export const handler = (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> =>
  runningFunction.run('stream', () => wrapped(event, context as Context));
