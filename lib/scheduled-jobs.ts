import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../functions/config';
import { schedules, type JobName } from '../functions/jobs/schedules';
import { parseAwsCron } from './aws-cron';
import { DuchaFunction } from './ducha-function';
import type { LedgerTable } from './ledger-table';
import type { MailSender } from './mail-sender';

/** What a job may do to the ledger: read what is due, write events, sent-markers and seals. Never Scan. */
export const jobTableAccess = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  // Releasing a change's mail batch (deliver-mail.ts) deletes it once its emails have their own markers; the daily
  // seal takes the heads it sealed out of the unsealed ones.
  'dynamodb:DeleteItem',
] as const;

/**
 * A late run is still a right run: a job takes "now" from the scheduled time
 * and is idempotent, so delivery may be retried for hours before it is given
 * up to the dead-letter queue.
 */
const DELIVERY_RETRY = { maxEventAge: Duration.hours(6), retryAttempts: 10 };

export interface ScheduledJobsProps {
  ledger: LedgerTable;
  mail: MailSender;
}

/**
 * The scheduled jobs of docs/design.md, one EventBridge Scheduler schedule and one
 * function per entry of functions/jobs/schedules.ts, in the entry's time zone.
 * The job receives `{ time: <scheduled time>, job: <name> }`.
 */
export class ScheduledJobs extends Construct {
  readonly functions: ReadonlyMap<JobName, DuchaFunction>;
  /** Runs that could not be delivered, or that failed every retry. */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the dead-letter queue of the job schedules (EventBridge Scheduler) and of the job functions' asynchronous invocations; a dead-letter queue of a dead-letter queue adds nothing.",
    });

    // One role for the schedules, granted by hand: the targets' own role would
    // also allow invoking every version of each function (`<arn>:*`).
    const schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'EventBridge Scheduler: invoke the ducha jobs, dead-letter what fails',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    schedulerRole.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }));

    const functions = new Map<JobName, DuchaFunction>();
    for (const job of schedules) {
      const fn = new DuchaFunction(this, `Job-${job.name}`, {
        entry: `jobs/${job.name}`,
        kind: 'job',
        description: `ducha job ${job.name}: ${job.description}`,
        // The schedule invokes asynchronously: a run that throws on every
        // Lambda retry lands in the same queue instead of vanishing.
        onFailure: new SqsDestination(this.deadLetters),
        maxEventAge: DELIVERY_RETRY.maxEventAge,
        // A tree of offices: the scheduled run starts one invocation per office (functions/jobs/run-job.ts).
        environment: { [ENV.jobFanOut]: 'lambda' },
      }).bindTable(props.ledger, jobTableAccess);
      props.mail.grantSend(fn);
      // Each office's run is this function invoking itself, asynchronously (retried, then dead-lettered as the
      // schedule's run is). A policy of its own: a statement naming the function in the role's default policy, which
      // the function depends on, would make the two depend on each other.
      new Policy(this, `FanOut-${job.name}`, {
        roles: [fn.role],
        statements: [new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.function.functionArn] })],
      });
      functions.set(job.name, fn);
      schedulerRole.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.function.functionArn] }));

      new Schedule(this, `Schedule-${job.name}`, {
        description: job.description,
        schedule: ScheduleExpression.cron({ ...parseAwsCron(job.cron), timeZone: TimeZone.of(job.timeZone) }),
        target: new LambdaInvoke(fn.function, {
          input: ScheduleTargetInput.fromObject({ time: ContextAttribute.scheduledTime, job: job.name }),
          deadLetterQueue: this.deadLetters,
          role: schedulerRole.withoutPolicyUpdates(),
          ...DELIVERY_RETRY,
        }),
      });
    }
    this.functions = functions;
  }
}
