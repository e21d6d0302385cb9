import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobName } from '../functions/jobs/schedules';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../functions/metric-names';
import type { DuchaFunction } from './ducha-function';

export interface OperationsAlarmsProps {
  jobs: ReadonlyMap<JobName, DuchaFunction>;
  deadLetters: IQueue;
  /** The supervision office's address: told when a job fails, a run is dead-lettered or SES refuses mail. */
  officeEmail: string;
}

/**
 * What must not go unnoticed, sent to the office by email through one SNS
 * topic: a job function that errs, a scheduled run or a delivery receipt in the dead-letter queue,
 * and mail that SES did not send (the jobs' EmailsFailed metric, EMF).
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  /** Tells the office when this alarm goes off (alarms made elsewhere: the ledger stream's). */
  watch(alarm: Alarm): void {
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    // Alarm notices name functions and queues only, but the topic is encrypted all the same (a key CloudWatch may use).
    const key = new Key(this, 'TopicKey', { enableKeyRotation: true, description: 'ducha operations alarms topic' });
    key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'ducha 督查平台运行告警', masterKey: key, enforceSSL: true });
    this.topic.addSubscription(new EmailSubscription(props.officeEmail));
    const add = (alarm: Alarm) => this.watch(alarm);
    for (const [job, fn] of props.jobs) {
      add(
        new Alarm(this, `JobErrors-${job}`, {
          alarmDescription: `ducha job ${job} failed (the schedule retries; see its log group)`,
          metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    add(
      new Alarm(this, 'DeadLetters', {
        alarmDescription:
          'A scheduled job run or an SES delivery receipt failed every retry and is in the dead-letter queue: run the job again with its time, or invoke the mail-events function again with the receipt (the event in the message)',
        metric: props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    // One alarm over the four jobs' EmailsFailed (dimensions service and job, as Powertools publishes them).
    const failed = Object.fromEntries(
      [...props.jobs.keys()].map((job, i) => [
        `m${i}`,
        new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: METRIC.emailsFailed,
          dimensionsMap: { service: SERVICE, job },
          statistic: 'Sum',
          period: Duration.hours(1),
        }),
      ]),
    );
    add(
      new Alarm(this, 'EmailsFailed', {
        alarmDescription:
          'SES did not send mail a job queued (it stays pending and the next run retries): check SES sending and the mail parked',
        metric: new MathExpression({
          expression: Object.keys(failed)
            .map((m) => `FILL(${m}, 0)`)
            .join(' + '),
          usingMetrics: failed,
          label: 'EmailsFailed (all jobs)',
          period: Duration.hours(1),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
