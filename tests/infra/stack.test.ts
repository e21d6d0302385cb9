import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, ledgerTable } from '../../functions/adapters/dynamodb/ledger-table';
import { TABLE_PARTITIONS } from '../../functions/adapters/dynamodb/office-reach';
import { routeGroups, routes, tableAccess } from '../../functions/http/routes';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../../functions/metric-names';
import { jobNames, schedules } from '../../functions/jobs/schedules';
import { createDuchaApp, DEFAULT_MAIL_SENDER, DEFAULT_OFFICE_EMAIL } from '../../lib/app';
import { DuchaFunction } from '../../lib/ducha-function';
import { type DuchaStack, publicFeedBase } from '../../lib/ducha-stack';
import { LedgerTable } from '../../lib/ledger-table';
import { type OfficeAccess, OFFICE_TAG_VARIABLE } from '../../lib/office-access';
import { MailSender } from '../../lib/mail-sender';
import { jobTableAccess } from '../../lib/scheduled-jobs';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: Record<string, any> };

// cdk.json's feature flags, as `cdk synth` sees them; bundling skipped (the
// handler files only need to exist), cdk-nag left to nag.test.ts.
const cdkJsonContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

let stack: DuchaStack;
/** The console's address as a deployment names it (`-c consoleUrl`): the links in every letter. */
const CONSOLE_URL = 'https://ducha.example.gov.cn/console/';
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  ({ stack } = createDuchaApp(
    {
      context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [], consoleUrl: CONSOLE_URL },
      builtinCloudFormationValidation: false,
    },
    { nag: false },
  ));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
}, 60_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalId = (fn: DuchaFunction) => stack.getLogicalId(fn.function.node.defaultChild as CfnFunction);
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of every inline policy attached to the function's role. */
function statementsOf(fn: DuchaFunction): Statement[] {
  const roleId = stack.getLogicalId(fn.role.node.defaultChild as any);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[], service: string) =>
  [...new Set(statements.flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith(`${service}:`)))].sort();

describe('the ledger table', () => {
  const expected = createTableInput('x');
  let table: Resource;
  beforeAll(() => {
    const tables = ofType('AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    table = tables[0]![1];
  });

  it('has the keys, attributes and indexes DynamoDB Local is created with (cannot drift)', () => {
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      String(a.AttributeName).localeCompare(String(b.AttributeName));
    expect(table.Properties.KeySchema).toEqual(expected.KeySchema);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual([...expected.AttributeDefinitions!].sort(byName));
    expect(
      table.Properties.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }: any) => ({ IndexName, KeySchema, Projection })),
    ).toEqual(expected.GlobalSecondaryIndexes);
    expect(table.Properties.BillingMode).toBe(expected.BillingMode);
  });

  it('keeps government records: PITR, deletion protection, retained with the stack gone', () => {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.Replicas).toEqual([
      expect.objectContaining({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    ]);
    expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true });
  });

  it('expires records by the declared TTL attribute', () => {
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: ledgerTable.timeToLiveAttribute, Enabled: true });
  });
});

describe('the HTTP API', () => {
  /** Full path of every API Gateway resource, rebuilt from the template's parent links. */
  function resourcePaths(): Map<string, string> {
    const apiResources = new Map(ofType('AWS::ApiGateway::Resource'));
    const paths = new Map<string, string>();
    const pathOf = (id: string): string => {
      const known = paths.get(id);
      if (known) return known;
      const { ParentId, PathPart } = apiResources.get(id)!.Properties;
      const parent = ParentId.Ref ? pathOf(ParentId.Ref) : '';
      const path = `${parent}/${PathPart}`;
      paths.set(id, path);
      return path;
    };
    for (const id of apiResources.keys()) pathOf(id);
    return paths;
  }

  let methods: { method: string; path: string; properties: Record<string, any> }[];
  let authorizerId: string;
  beforeAll(() => {
    const paths = resourcePaths();
    methods = ofType('AWS::ApiGateway::Method').map(([, m]) => ({
      method: m.Properties.HttpMethod,
      path: m.Properties.ResourceId.Ref ? paths.get(m.Properties.ResourceId.Ref)! : '/',
      properties: m.Properties,
    }));
    const authorizers = ofType('AWS::ApiGateway::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]![1].Properties).toMatchObject({
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
    });
    authorizerId = authorizers[0]![0];
  });

  it('has exactly the methods of the route table (functions/http/routes.ts, from the contract)', () => {
    const declared = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(methods.map((m) => `${m.method} ${m.path}`).sort()).toEqual(declared);
  });

  it.each(routes.filter((r) => !r.public))('$method $path is behind the Cognito authorizer', (route) => {
    const method = methods.find((m) => m.method === route.method && m.path === route.path)!;
    expect(method.properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
    expect(method.properties.AuthorizerId).toEqual({ Ref: authorizerId });
  });

  it.each(routes.filter((r) => r.public))('$method $path is public', (route) => {
    const method = methods.find((m) => m.method === route.method && m.path === route.path)!;
    expect(method.properties.AuthorizationType).toBe('NONE');
    expect(method.properties.AuthorizerId).toBeUndefined();
  });

  it.each(routes)('$method $path reaches its group function by Lambda proxy', (route) => {
    const method = methods.find((m) => m.method === route.method && m.path === route.path)!;
    expect(method.properties.Integration.Type).toBe('AWS_PROXY');
    expect(JSON.stringify(method.properties.Integration.Uri)).toContain(logicalId(stack.http.functions.get(route.group)!));
    expect(method.properties.RequestValidatorId).toBeDefined();
  });

  it('logs access as JSON, logs execution without bodies, traces and throttles', () => {
    const [, stage] = ofType('AWS::ApiGateway::Stage')[0]!;
    expect(stage.Properties.TracingEnabled).toBe(true);
    expect(() => JSON.parse(stage.Properties.AccessLogSetting.Format)).not.toThrow();
    expect(stage.Properties.AccessLogSetting.DestinationArn).toBeDefined();
    expect(stage.Properties.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'INFO',
        DataTraceEnabled: false,
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      }),
      // The public feed (公开曝光) is throttled more tightly, method by method: no sign-in slows a flood.
      expect.objectContaining({ HttpMethod: 'GET', ResourcePath: '/~1public~1notices', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 }),
      expect.objectContaining({
        HttpMethod: 'GET',
        ResourcePath: '/~1public~1notices.atom',
        ThrottlingRateLimit: 10,
        ThrottlingBurstLimit: 20,
      }),
    ]);
  });

  it('sits behind AWS WAF', () => {
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it("answers API Gateway refusals in the handlers' error shape", () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"unauthenticated"') },
    });
  });

  it('has one function per route group', () => {
    expect([...stack.http.functions.keys()].sort()).toEqual([...routeGroups].sort());
  });

  it('tells the public feed its base URL from the stack, by default the API stage’s own address, and no other function', () => {
    const apiId = stack.getLogicalId(stack.http.api.node.defaultChild as any);
    for (const [group, fn] of stack.http.functions) {
      const env = resources[logicalId(fn)]!.Properties.Environment.Variables;
      if (group !== 'public') expect(env.PUBLIC_BASE_URL, group).toBeUndefined();
      else
        expect(stack.resolve(env.PUBLIC_BASE_URL)).toEqual({
          'Fn::Join': ['', ['https://', { Ref: apiId }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/v1']],
        });
    }
  });

  it('takes the public base URL as given (checked at synth), else the city’s own name for the site', () => {
    const stage = 'https://abc.execute-api.ap-east-1.amazonaws.com/v1';
    const domain = { name: 'ducha.example.gov.cn', certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' };
    expect(publicFeedBase('https://news.example.gov.cn/ducha/', domain, stage)).toBe('https://news.example.gov.cn/ducha');
    expect(publicFeedBase(undefined, domain, stage)).toBe('https://ducha.example.gov.cn');
    expect(publicFeedBase(undefined, undefined, stage)).toBe(stage);
    expect(() => publicFeedBase('javascript://evil.example', undefined, stage)).toThrow(/Public base URL/);
  });
});

describe('the user pool', () => {
  it('has the four roles as groups and a unitId users cannot set themselves', () => {
    for (const group of ['office', 'leader', 'unit', 'inspector']) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    }
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unitId', Mutable: true })]),
    });
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties.ReadAttributes).toContain('custom:unitId');
    expect(client.Properties.WriteAttributes).not.toContain('custom:unitId');
    expect(client.Properties.GenerateSecret).toBe(false);
  });
});

describe('the scheduled jobs', () => {
  it('has one schedule per entry of functions/jobs/schedules.ts', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', schedules.length);
  });

  it.each(schedules)('$name runs at cron($cron) in $timeZone with retries and a dead-letter queue', (job) => {
    const found = ofType('AWS::Scheduler::Schedule').filter(([, s]) =>
      JSON.stringify(s.Properties.Target.Arn).includes(logicalId(stack.jobs.functions.get(job.name)!)),
    );
    expect(found).toHaveLength(1);
    const { Properties: schedule } = found[0]![1];
    expect(schedule.ScheduleExpression).toBe(`cron(${job.cron})`);
    expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(schedule.Target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: expect.any(Number), MaximumRetryAttempts: expect.any(Number) });
    expect(JSON.stringify(schedule.Target.DeadLetterConfig.Arn)).toContain(
      stack.getLogicalId(stack.jobs.deadLetters.node.defaultChild as any),
    );
    expect(JSON.parse(schedule.Target.Input)).toEqual({ time: '<aws.scheduler.scheduled-time>', job: job.name });
  });

  it('dead-letters into an encrypted queue that refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('least privilege', () => {
  it.each(routeGroups)('the %s handler gets exactly its declared table actions, and no SES: a request never sends mail', (group) => {
    const statements = statementsOf(stack.http.functions.get(group)!);
    expect(actionsOf(statements, 'dynamodb')).toEqual([...new Set(tableAccess[group])].sort());
    expect(actionsOf(statements, 'ses')).toEqual([]);
  });

  it.each(schedules.map((s) => s.name))('the %s job gets the job table actions and SES on the sender identity only', (name) => {
    const statements = statementsOf(stack.jobs.functions.get(name)!);
    expect(actionsOf(statements, 'dynamodb')).toEqual([...jobTableAccess].sort());
    const ses = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(asArray(ses[0]!.Action).sort()).toEqual(['ses:SendEmail']);
    expect(ses[0]!.Resource).not.toBe('*');
    expect(JSON.stringify(ses[0]!.Resource)).toContain(stack.getLogicalId(stack.mail.identity.node.defaultChild as any));
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': DEFAULT_MAIL_SENDER } });
  });

  it.each(schedules.map((s) => s.name))('the %s job may start its per-office runs: itself, asynchronously, and nothing else', (name) => {
    const fn = stack.jobs.functions.get(name)!;
    const invoke = statementsOf(fn).filter((s) => asArray(s.Action).some((a) => a.startsWith('lambda:')));
    expect(invoke.map((s) => [asArray(s.Action), s.Resource])).toEqual([
      [['lambda:InvokeFunction'], { 'Fn::GetAtt': [logicalId(fn), 'Arn'] }],
    ]);
    expect((resources[logicalId(fn)] as any).Properties.Environment.Variables.JOB_FAN_OUT).toBe('lambda');
  });

  it.each(routeGroups.filter((g) => tableAccess[g].length > 0))(
    'the %s handler, in an office below the root, acts through a role held to that office’s partitions',
    (group) => {
      const fn = stack.http.functions.get(group)!;
      const access = fn.node.findChild('OfficeAccess') as OfficeAccess;
      const roleId = stack.getLogicalId(access.role.node.defaultChild as any);
      // Only this function's role may assume it, tagging the session with an office.
      const trust = (resources[roleId] as any).Properties.AssumeRolePolicyDocument.Statement;
      expect(trust).toEqual([
        {
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringLike: { 'aws:RequestTag/office': '?*' } },
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::GetAtt': [stack.getLogicalId(fn.role.node.defaultChild as any), 'Arn'] } },
        },
      ]);
      // The function's own actions, each under the condition the code checks (office-reach.ts).
      const statements = ofType('AWS::IAM::Policy')
        .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
      expect(actionsOf(statements, 'dynamodb')).toEqual([...new Set(tableAccess[group])].sort());
      for (const statement of statements)
        expect(statement.Condition).toEqual({
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': [`O#${OFFICE_TAG_VARIABLE}#*`, `O#${OFFICE_TAG_VARIABLE}/*`, ...TABLE_PARTITIONS],
          },
        });
      // The function may assume that role and no other, and is told its ARN.
      const sts = statementsOf(fn).filter((s) => asArray(s.Action).some((a) => a.startsWith('sts:')));
      expect(sts.map((s) => [asArray(s.Action), s.Resource])).toEqual([
        [['sts:AssumeRole', 'sts:TagSession'], { 'Fn::GetAtt': [roleId, 'Arn'] }],
      ]);
      expect((resources[logicalId(fn)] as any).Properties.Environment.Variables.OFFICE_ACCESS_ROLE_ARN).toEqual({
        'Fn::GetAtt': [roleId, 'Arn'],
      });
    },
  );

  it('no policy anywhere allows Scan or a DynamoDB wildcard, and table grants name their resources', () => {
    const policies = [
      ...ofType('AWS::IAM::Policy').map(([, p]) => p.Properties.PolicyDocument),
      ...ofType('AWS::IAM::ManagedPolicy').map(([, p]) => p.Properties.PolicyDocument),
      ...ofType('AWS::IAM::Role').flatMap(([, r]) => (r.Properties.Policies ?? []).map((p: any) => p.PolicyDocument)),
    ];
    const statements: Statement[] = policies.flatMap((d) => d.Statement);
    const actions = statements.flatMap((s) => asArray(s.Action));
    expect(actions).not.toContain('*');
    expect(actions.filter((a) => /^dynamodb:(Scan|.*\*)/i.test(a))).toEqual([]);
    for (const s of statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')))) {
      expect(JSON.stringify(s.Resource)).not.toContain('*');
    }
  });

  it('names no transaction as an action: IAM has none, each part of one is authorized as its own write', () => {
    const actions = ofType('AWS::IAM::Policy').flatMap(([, p]) =>
      (p.Properties.PolicyDocument.Statement as Statement[]).flatMap((s) => asArray(s.Action)),
    );
    expect(actions.filter((a) => /^dynamodb:Transact(Write|Get)Items$/.test(a))).toEqual([]);
  });

  it('grants "*" resources only for the X-Ray write actions, and the console upload its CloudFront invalidation', () => {
    const uploadPolicy = stack.getLogicalId(
      stack.node.findChild('Console').node.findChild('UploadRole').node.findChild('DefaultPolicy').node.defaultChild as any,
    );
    const onStar = (policies: [string, Resource][]) =>
      policies
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
        .filter((s) => asArray(s.Resource).includes('*'))
        .flatMap((s) => asArray(s.Action));
    const policies = ofType('AWS::IAM::Policy');
    expect([...new Set(onStar(policies.filter(([id]) => id !== uploadPolicy)))].sort()).toEqual([
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    // BucketDeployment grants its invalidation on '*' (lib/web-console.ts).
    expect(onStar(policies.filter(([id]) => id === uploadPolicy)).sort()).toEqual([
      'cloudfront:CreateInvalidation',
      'cloudfront:GetInvalidation',
    ]);
  });

  it('no Lambda role carries an AWS managed policy', () => {
    for (const fn of [...stack.http.functions.values(), ...stack.jobs.functions.values()]) {
      const role = resources[stack.getLogicalId(fn.role.node.defaultChild as any)]!;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('bindTable refuses Scan and wildcards', () => {
    const scratch = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Scratch');
    const ledger = new LedgerTable(scratch, 'Ledger');
    const fn = new DuchaFunction(scratch, 'Fn', { entry: 'jobs/weekly-digest', kind: 'job', description: 'scratch' });
    expect(() => fn.bindTable(ledger, ['dynamodb:Scan'])).toThrow(/Scan/);
    expect(() => fn.bindTable(ledger, ['dynamodb:*'])).toThrow();
  });
});

describe('the mail sender', () => {
  const scratchStack = () => new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Scratch');

  it('can be a domain identity, with the From address still pinned', () => {
    const scratch = scratchStack();
    const mail = new MailSender(scratch, 'Mail', { senderAddress: 'ducha@example.gov.cn', identity: 'example.gov.cn' });
    const fn = new DuchaFunction(scratch, 'Fn', { entry: 'jobs/weekly-digest', kind: 'job', description: 'scratch' });
    mail.grantSend(fn);
    const domain = Template.fromStack(scratch);
    domain.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.gov.cn' });
    domain.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Condition: { StringEquals: { 'ses:FromAddress': 'ducha@example.gov.cn' } },
          }),
        ]),
      },
    });
  });

  it('has a configuration set whose delivery events go to EventBridge, and every job sends through it', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint', 'delivery', 'reject', 'deliveryDelay']),
        EventBridgeDestination: Match.objectLike({ EventBusArn: Match.anyValue() }),
      }),
    });
    const configurationSet = stack.getLogicalId(stack.mail.configurationSet.node.defaultChild as any);
    for (const [name, fn] of stack.jobs.functions) {
      const env = (resources[logicalId(fn)] as any).Properties.Environment.Variables;
      expect(env.MAIL_CONFIGURATION_SET, name).toEqual({ Ref: configurationSet });
    }
  });

  it('gives every function that may write a letter the console’s address for its links (a letter is written with its change)', () => {
    for (const fn of [...stack.http.functions.values(), ...stack.jobs.functions.values()]) {
      expect((resources[logicalId(fn)] as any).Properties.Environment.Variables.CONSOLE_URL, fn.node.id).toBe(CONSOLE_URL);
    }
  });

  it('gives every function that mails the account’s send rate, to keep to together (default 14 a second)', () => {
    const mailing = [...stack.jobs.functions.values(), stack.stream.function];
    for (const fn of mailing) expect((resources[logicalId(fn)] as any).Properties.Environment.Variables.MAIL_SEND_RATE).toBe('14');
    expect(() => new MailSender(scratchStack(), 'Mail', { senderAddress: 'a@b.cn', identity: 'b.cn', sendRate: 0 })).toThrow();
  });

  it('refuses a sender outside its identity', () => {
    expect(() => new MailSender(scratchStack(), 'Mail', { senderAddress: 'ducha@other.cn', identity: 'example.gov.cn' })).toThrow();
    expect(() => new MailSender(scratchStack(), 'Mail', { senderAddress: 'a@example.gov.cn', identity: 'b@example.gov.cn' })).toThrow();
  });
});

describe('every function', () => {
  const functions = () => ofType('AWS::Lambda::Function').map(([, f]) => f.Properties);
  // BucketDeployment's own Python handler uploads the console at deploy time (lib/web-console.ts); it is not ours to shape.
  const isConsoleUpload = (fn: Record<string, any>) => /^python/.test(fn.Runtime) && fn.Handler === 'index.handler';

  it('runs Node.js 22 or newer on arm64 (but the console upload, which is CDK’s)', () => {
    expect(functions().filter(isConsoleUpload)).toHaveLength(1);
    for (const fn of functions().filter((f) => !isConsoleUpload(f))) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('has API or job timeouts and the table name when it has table access', () => {
    for (const [group, fn] of stack.http.functions) {
      const props = resources[logicalId(fn)]!.Properties;
      expect(props.Timeout).toBe(10);
      expect(props.Environment.Variables.LEDGER_TABLE_NAME !== undefined).toBe(tableAccess[group].length > 0);
    }
    for (const fn of stack.jobs.functions.values()) {
      const props = resources[logicalId(fn)]!.Properties;
      expect(props.Timeout).toBe(300);
      expect(props.Environment.Variables).toMatchObject({
        LEDGER_TABLE_NAME: expect.anything(),
        MAIL_SENDER: DEFAULT_MAIL_SENDER,
      });
    }
  });

  it('logs to its own log group, kept a year', () => {
    for (const fn of functions()) {
      const logGroupId = fn.LoggingConfig.LogGroup.Ref as string;
      expect(resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } });
    }
    for (const [, logGroup] of ofType('AWS::Logs::LogGroup')) {
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
    }
  });
});

describe('outputs', () => {
  it('names the API URL, user pool, client and table', () => {
    const outputs = template.toJSON().Outputs;
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'LedgerTableName']) {
      expect(outputs).toHaveProperty(name);
    }
  });
});

describe('operations alarms', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const topicId = () => stack.getLogicalId(stack.alarms.topic.node.defaultChild as any);

  it("sends every alarm to one encrypted SNS topic the office's address subscribes to", () => {
    const [[, topic]] = ofType('AWS::SNS::Topic') as [[string, Resource]];
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: DEFAULT_OFFICE_EMAIL,
      TopicArn: { Ref: topicId() },
    });
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: topicId() }]);
  });

  it('alarms on the errors of every job function', () => {
    for (const job of schedules) {
      const fn = stack.jobs.functions.get(job.name) as DuchaFunction;
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(fn) } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('alarms when a run lands in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [stack.getLogicalId(stack.jobs.deadLetters.node.defaultChild as any), 'QueueName'] } },
      ],
      Threshold: 1,
    });
  });

  it("alarms on mail SES did not send: the four jobs' EmailsFailed, as the functions publish it", () => {
    const failed = alarms().find((a) => JSON.stringify(a.Metrics ?? []).includes(METRIC.emailsFailed));
    expect(failed).toBeDefined();
    const stats = (
      (failed?.Metrics ?? []) as {
        MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] } };
      }[]
    ).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
    expect(stats.map((m) => m.Dimensions.find((d) => d.Name === 'job')?.Value).sort()).toEqual([...jobNames].sort());
    for (const m of stats) {
      expect(m).toMatchObject({ Namespace: METRICS_NAMESPACE, MetricName: METRIC.emailsFailed });
      expect(m.Dimensions).toContainEqual({ Name: 'service', Value: SERVICE });
    }
  });
});

describe('backups and migrations of the ledger (issue 11)', () => {
  it('backs the table up daily with AWS Backup, kept 35 days in a retained vault, beside PITR', () => {
    const tableId = stack.getLogicalId(stack.ledger.table.node.defaultChild as any);
    const [[, plan]] = ofType('AWS::Backup::BackupPlan') as [[string, Resource]];
    const rules = plan.Properties.BackupPlan.BackupPlanRule as Record<string, any>[];
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ScheduleExpression: 'cron(0 18 * * ? *)', Lifecycle: { DeleteAfterDays: 35 } });
    const [[, selection]] = ofType('AWS::Backup::BackupSelection') as [[string, Resource]];
    expect(selection.Properties.BackupSelection.Resources).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
    const [[, vault]] = ofType('AWS::Backup::BackupVault') as [[string, Resource]];
    expect(vault.DeletionPolicy).toBe('Retain');
  });

  it('has a migration function that may read and write the meta record only, and names it in an output', () => {
    const fn = stack.migrations.function;
    expect(actionsOf(statementsOf(fn), 'dynamodb')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(actionsOf(statementsOf(fn), 'ses')).toEqual([]);
    const props = resources[logicalId(fn)]!.Properties;
    expect(props.Environment.Variables.LEDGER_TABLE_NAME).toBeDefined();
    expect(template.toJSON().Outputs).toHaveProperty('MigrateFunctionName');
  });
});

describe('delivery receipts (issue 13)', () => {
  it("routes SES's delivery events of the default bus to the mail-events function, retried and dead-lettered", () => {
    const fn = stack.mailEvents.function;
    const rules = ofType('AWS::Events::Rule').filter(([, r]) => JSON.stringify(r.Properties.Targets).includes(logicalId(fn)));
    expect(rules).toHaveLength(1);
    const [[, rule]] = rules as [[string, Resource]];
    expect(rule.Properties.EventBusName).toBeUndefined(); // the default bus, the only one SES publishes to
    expect(rule.Properties.EventPattern.source).toEqual(['aws.ses']);
    // Only the receipts of mail sent with ducha's own configuration set.
    expect(rule.Properties.EventPattern.detail).toEqual({
      mail: { tags: { 'ses:configuration-set': [{ Ref: stack.getLogicalId(stack.mail.configurationSet.node.defaultChild as any) }] } },
    });
    expect([...rule.Properties.EventPattern['detail-type']].sort()).toEqual(
      ['Email Bounced', 'Email Complaint Received', 'Email Delivered', 'Email Delivery Delayed', 'Email Rejected'].sort(),
    );
    const [target] = rule.Properties.Targets;
    expect(target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 8 });
    expect(target.DeadLetterConfig.Arn).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(stack.jobs.deadLetters.node.defaultChild as any), 'Arn'],
    });
    // Only EventBridge may invoke it, and only from this rule.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalId(fn), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [rules[0]![0], 'Arn'] },
    });
  });

  it('dead-letters a receipt its handler failed on every retry, into the alarmed queue', () => {
    // EventBridge hands the event to Lambda asynchronously: the target's dead-letter queue catches only events it could
    // not hand over; a handler that throws is retried by Lambda, and without an on-failure destination then dropped.
    const queueArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.jobs.deadLetters.node.defaultChild as any), 'Arn'] };
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.mailEvents.function) },
      DestinationConfig: { OnFailure: { Destination: queueArn } },
    });
    const queueName = { 'Fn::GetAtt': [queueArn['Fn::GetAtt'][0], 'QueueName'] };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: queueName }],
      AlarmActions: [{ Ref: stack.getLogicalId(stack.alarms.topic.node.defaultChild as any) }],
      AlarmDescription: Match.stringLikeRegexp('receipt'),
    });
  });

  it('may read markers and the roster and write receipts and units, nothing else: no Scan, no Delete, no mail', () => {
    const fn = stack.mailEvents.function;
    expect(actionsOf(statementsOf(fn), 'dynamodb')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actionsOf(statementsOf(fn), 'ses')).toEqual([]);
    expect(resources[logicalId(fn)]!.Properties.Environment.Variables.LEDGER_TABLE_NAME).toBeDefined();
  });
});

describe("what follows each commit: the ledger's stream (issue 20)", () => {
  it('streams the ledger with both images, into one follower: in order, bisected, retried, dead-lettered, filtered', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    const fn = stack.stream.function;
    const queueArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.jobs.deadLetters.node.defaultChild as any), 'Arn'] };
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const [[, mapping]] = mappings as [[string, Resource]];
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: logicalId(fn) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: queueArn } },
    });
    // Only what leads somewhere invokes it: events and mail written, written-once records changed.
    const patterns = (mapping.Properties.FilterCriteria.Filters as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['event', 'mail-batch'] } } } },
      {
        eventName: ['MODIFY', 'REMOVE'],
        dynamodb: { OldImage: { entity: { S: ['event', 'unit-event', 'report', 'rectification', 'seal', 'seal-day'] } } },
      },
    ]);
  });

  it('may read the stream, chain, send and record alterations: no Scan, no transaction action, SES through the configuration set', () => {
    const fn = stack.stream.function;
    expect(actionsOf(statementsOf(fn), 'dynamodb')).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:DescribeStream',
      'dynamodb:GetItem',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actionsOf(statementsOf(fn), 'ses')).toEqual(['ses:SendEmail']);
    expect(resources[logicalId(fn)]!.Properties.Environment.Variables).toMatchObject({ MAIL_SENDER: expect.anything() });
  });

  it('alarms when the stream falls behind and when a written-once record is altered', () => {
    const topic = [{ Ref: stack.getLogicalId(stack.alarms.topic.node.defaultChild as any) }];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.stream.function) } }],
      AlarmActions: topic,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: METRIC.ledgerAltered,
      Dimensions: Match.arrayWith([{ Name: 'job', Value: 'ledger-stream' }]),
      Threshold: 1,
      AlarmActions: topic,
    });
  });
});

describe('server access logs (issue 21)', () => {
  // The buckets others log into: the attachments' and the seal archive's.
  const logBuckets = () => [
    ...new Set(
      ofType('AWS::S3::Bucket').flatMap(([, b]) => {
        const target = b.Properties.LoggingConfiguration?.DestinationBucketName;
        return target ? [(target as { Ref: string }).Ref] : [];
      }),
    ),
  ];

  it('are delivered under a bucket policy granting S3 logging, not the legacy LogDeliveryWrite ACL', () => {
    expect(cdkJsonContext['@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy']).toBe(true);
    expect(logBuckets()).toHaveLength(2);
    for (const id of logBuckets()) {
      expect(resources[id]!.Properties.AccessControl).toBeUndefined();
      const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }));
      expect(policy, id).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Allow', Action: 's3:PutObject', Principal: { Service: 'logging.s3.amazonaws.com' } }),
      );
    }
  });
});
