import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { systemClock } from '../adapters/clock';
import { DynamoMailEvents } from '../adapters/dynamodb/mail-events';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { readMailEvent, type SesEventBridgeEvent } from '../domain/mail-events';
import { ROOT_OFFICE } from '../domain/offices';
import { inOffice } from '../adapters/office-scope';
import { logger } from '../observability';
import { powertools } from '../powertools';
import { runningFunction } from '../running-function';
import { type MailEventOutcome, recordMailEvent } from '../use-cases/record-mail-event';

const deps = { events: new DynamoMailEvents(), units: new DynamoUnitRepository(), clock: systemClock };

/**
 * The target of the EventBridge rule on SES's delivery receipts (source aws.ses: delivered, bounced, complaint,
 * rejected, delayed; lib/mail-events.ts). Locally `npm run mail-event` invokes it with the same event. A failure
 * is thrown, so EventBridge retries it; a receipt recorded before is recorded again as nothing.
 */
async function handle(event: SesEventBridgeEvent): Promise<MailEventOutcome> {
  // The marker and the units it may mark undeliverable are in the sending office's ledger: its tag says which,
  // else the record of SES's message id; a mail sent before there were offices is the root's.
  const read = readMailEvent(event);
  const office = read?.office ?? (read ? await deps.events.officeOfMessage(read.messageId) : undefined) ?? ROOT_OFFICE;
  const outcome = await inOffice(office, () => recordMailEvent(deps, event));
  // No address in the log: the outcome names the marker and the units, never a recipient.
  logger.info('mail event', { detailType: event['detail-type'], eventId: event.id, office, ...outcome });
  return outcome;
}

const wrapped = middy<SesEventBridgeEvent, MailEventOutcome>().use(powertools()).handler(handle);

// `npm run mail-event` and the tests call it without a Lambda context; powertools() stands one in.
export const handler = (event: SesEventBridgeEvent, context?: Context): Promise<MailEventOutcome> =>
  runningFunction.run('mail-events', () => wrapped(event, context as Context));
