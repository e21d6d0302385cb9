import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { mailEventTypes, sesDetailTypes } from '../functions/domain/mail-events';
import { DuchaFunction } from './ducha-function';
import type { LedgerTable } from './ledger-table';

/**
 * What the mail-events function may do to the ledger: read a sent-marker (GetItem) and the roster (Query), record a
 * receipt with its marker in one transaction (Put + Update), mark a unit's contact undeliverable with its history
 * event (a transaction of two Puts).
 */
export const mailEventsTableAccess = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

/** A receipt recorded hours late is still right: it is retried that long before it is dead-lettered. */
const RECEIPT_MAX_AGE = Duration.hours(6);

export interface MailEventsProps {
  ledger: LedgerTable;
  /** Where a receipt that could not be recorded goes (the jobs' dead-letter queue, whose depth raises an alarm). */
  deadLetters: IQueue;
  /** The configuration set ducha sends with: only its mails' receipts are ducha's (others on the account's bus are not). */
  configurationSetName: string;
}

/**
 * Delivery receipts (functions/mail-events/handler.ts): SES's configuration set publishes each mail's delivery,
 * bounce, complaint, rejection and delay to the default event bus (lib/mail-sender.ts); this rule hands those to
 * one function. EventBridge delivers at least once and retries a failure: the function records each receipt once.
 */
export class MailEvents extends Construct {
  readonly function: DuchaFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: MailEventsProps) {
    super(scope, id);
    this.function = new DuchaFunction(this, 'Receipts', {
      entry: 'mail-events/handler',
      kind: 'api',
      description: 'ducha: SES delivery receipts onto the sent-markers; a hard bounce makes the contact undeliverable',
      // EventBridge invokes asynchronously: its dead-letter queue (below) takes only events it could not hand over.
      // A receipt the handler failed on is retried by Lambda and would then be dropped, a bounce never recorded.
      onFailure: new SqsDestination(props.deadLetters),
      maxEventAge: RECEIPT_MAX_AGE,
    }).bindTable(props.ledger, mailEventsTableAccess);
    this.rule = new Rule(this, 'SesEvents', {
      description: 'SES delivery receipts of the ducha configuration set (delivered, bounced, complaint, rejected, delayed)',
      eventPattern: {
        source: ['aws.ses'],
        detailType: mailEventTypes.map((t) => sesDetailTypes[t]),
        // SES tags every mail with its configuration set (ses:configuration-set): another sender's receipts never reach us.
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(this.function.function, {
          retryAttempts: 8,
          maxEventAge: RECEIPT_MAX_AGE,
          deadLetterQueue: props.deadLetters,
        }),
      ],
    });
  }
}
