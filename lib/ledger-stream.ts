import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../functions/metric-names';
import { followedRecords } from '../functions/stream/filters';
import { DuchaFunction } from './ducha-function';
import type { LedgerTable } from './ledger-table';
import type { MailSender } from './mail-sender';

/**
 * What following the ledger does to it: chain events (Query, GetItem, UpdateItem), release a change's mail (claim a
 * sent-marker with PutItem/UpdateItem/GetItem, mark it sent with its message record, drop the batch with DeleteItem;
 * the roster by Query to tell the office of a parked mail), record an alteration (PutItem).
 */
export const ledgerStreamTableAccess = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** Deliveries of a failing batch (bisected each time) before its records go to the failure queue. */
export const STREAM_RETRY_ATTEMPTS = 5;
/** A record still unfollowed after this long is sent to the failure queue rather than holding its shard up. */
const MAX_RECORD_AGE = Duration.hours(6);

export interface LedgerStreamProps {
  ledger: LedgerTable;
  mail: MailSender;
  /** Where records that failed every retry go (the jobs' dead-letter queue, whose depth raises an alarm). */
  deadLetters: IQueue;
}

/**
 * The ledger table's stream, followed by one function (functions/stream/ledger-stream.ts): each request commits
 * one transaction and answers; the mail it wrote, the chaining of its events and the watch on written-once records
 * happen here. Only the records that lead somewhere invoke it (filters below); records are in order per item (one
 * shard per partition key, parallelization 1); a failing record is retried from where it failed, bisected, and after
 * STREAM_RETRY_ATTEMPTS goes to the dead-letter queue.
 */
export class LedgerStream extends Construct {
  readonly function: DuchaFunction;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: LedgerStreamProps) {
    super(scope, id);
    this.function = new DuchaFunction(this, 'Follower', {
      entry: 'stream/ledger-stream',
      kind: 'job',
      description:
        "ducha: after each commit, from the ledger's stream: send its mail, chain its events, catch edits of written-once records",
    }).bindTable(props.ledger, ledgerStreamTableAccess);
    props.mail.grantSend(this.function);
    this.function.function.addEventSource(
      new DynamoEventSource(props.ledger.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(0),
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        maxRecordAge: MAX_RECORD_AGE,
        onFailure: new SqsDlq(props.deadLetters),
        filters: followedRecords.map((f) =>
          FilterCriteria.filter({ eventName: [...f.eventName], dynamodb: { [f.image]: { entity: { S: [...f.entities] } } } }),
        ),
      }),
    );
    // The event source's grant (Table.grantStreamRead) adds dynamodb:ListStreams, which takes no resource but "*".
    Validations.of(this.function.role.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'On "*" only: the X-Ray write actions of Lambda active tracing and dynamodb:ListStreams, which the stream\'s event source mapping needs and which supports no resource-level permission. The stream reads (DescribeStream, GetRecords, GetShardIterator) name the table\'s stream; table and SES grants are resource-scoped (tests/infra checks).',
    });
    const alarm = (id: string, description: string, metric: Metric, threshold: number) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.alarms = [
      alarm(
        'IteratorAge',
        "The ledger's stream is more than five minutes behind: mail and the chain wait (see the follower's log group)",
        this.function.function.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
        5 * 60 * 1000,
      ),
      alarm(
        'LedgerRecordsAltered',
        'A written-once ledger record (a history event, a report, a seal) was modified or removed in the table: see the ALTERATIONS records and the follower log',
        new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: METRIC.ledgerAltered,
          dimensionsMap: { service: SERVICE, job: 'ledger-stream' },
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        1,
      ),
    ];
  }
}
