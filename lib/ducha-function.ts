import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Effect, type IGrantable, type IPrincipal, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import type { IDestination } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as path from 'node:path';
import { ENV } from '../functions/config';
import type { LedgerTable } from './ledger-table';
import { BUNDLE_ALIASES, BUNDLE_CONDITIONS, ESM_REQUIRE_BANNER } from './bundling';
import { functionEntry, projectRoot } from './paths';

/** An API handler answers within API Gateway's budget; a job may walk a day's worth of due items. */
export type FunctionKind = 'api' | 'job';

const profiles: Record<FunctionKind, { timeout: Duration; memorySize: number }> = {
  api: { timeout: Duration.seconds(10), memorySize: 1024 },
  job: { timeout: Duration.minutes(5), memorySize: 1024 },
};

/** Government records: a year of logs, kept when the stack goes. */
export const LOG_RETENTION = RetentionDays.ONE_YEAR;

/** Actions that make sense on an index ARN; everything else is granted on the table only. */
const INDEX_ACTIONS = new Set(['dynamodb:Query']);

export interface DuchaFunctionProps {
  /** The handler module under functions/, without extension: `http/items`, `jobs/weekly-digest`. */
  entry: string;
  kind: FunctionKind;
  description: string;
  environment?: Record<string, string>;
  /** Where an asynchronous invocation that failed every retry goes (jobs, delivery receipts). */
  onFailure?: IDestination;
  /** How long Lambda keeps retrying an asynchronous invocation (jobs, delivery receipts). */
  maxEventAge?: Duration;
}

/**
 * Every Lambda of ducha, made one way: Node.js 24 on ARM, one ESM bundle
 * with the AWS SDK inside (minified, source-mapped), its own log group and
 * role, and nothing granted but what `bindTable` and friends add.
 */
export class DuchaFunction extends Construct implements IGrantable {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: DuchaFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An own role instead of the default one: the default attaches
    // AWSLambdaBasicExecutionRole (logs:CreateLogGroup on *); this one may
    // write to its own log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `ducha ${props.entry}`,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const profile = profiles[props.kind];
    this.function = new NodejsFunction(this, 'Function', {
      entry: functionEntry(props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: profile.memorySize,
      timeout: profile.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      tracing: Tracing.ACTIVE,
      onFailure: props.onFailure,
      maxEventAge: props.maxEventAge,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        esbuildArgs: {
          ...Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
          '--conditions': BUNDLE_CONDITIONS.join(','),
        },
        // The OpenAPI document is generated at build time and embedded (package.json "imports": #openapi-document).
        commandHooks: {
          beforeBundling: () =>
            props.entry === 'http/openapi' ? [`cd "${projectRoot}" && node --import tsx scripts/openapi-document.ts`] : [],
          beforeInstall: () => [],
          afterBundling: () => [],
        },
        bundleAwsSDK: true,
        minify: true,
        sourceMap: true,
        // File and line in stack traces, without shipping the sources.
        sourcesContent: false,
        // Chinese text stays as written instead of \u escapes.
        charset: Charset.UTF8,
      },
    });

    // Lambda's active tracing adds xray:PutTraceSegments and
    // xray:PutTelemetryRecords on "*" to this role's default policy.
    Validations.of(this.role.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray write actions (xray:PutTraceSegments, xray:PutTelemetryRecords) that Lambda active tracing adds are on "*": X-Ray supports no resource-level permissions for them. Table and SES grants are resource-scoped (tests/infra checks).',
    });
  }

  get grantPrincipal(): IPrincipal {
    return this.role;
  }

  /**
   * Gives this function the ledger: sets LEDGER_TABLE_NAME and grants exactly
   * `actions` on the table, and the index-capable ones (Query) on each index
   * ARN by name. Never Scan: jobs and lists Query the indexes.
   */
  bindTable(ledger: LedgerTable, actions: readonly string[]): this {
    if (actions.length === 0) return this;
    for (const action of actions) {
      if (!/^dynamodb:[A-Za-z]+$/.test(action) || action === 'dynamodb:Scan') {
        throw new Error(`${this.node.path}: refusing table action "${action}" (no wildcards, no Scan)`);
      }
    }
    this.function.addEnvironment(ENV.tableName, ledger.tableName);
    this.role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: [ledger.tableArn] }));
    const indexActions = actions.filter((action) => INDEX_ACTIONS.has(action));
    if (indexActions.length > 0 && ledger.indexArns.length > 0) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: indexActions, resources: [...ledger.indexArns] }),
      );
    }
    return this;
  }

  addEnvironment(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }
}
