import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuchaApp } from '../../lib/app';
import type { DuchaStack } from '../../lib/ducha-stack';

interface Violation {
  ruleName: string;
  violatingConstructs?: { constructPath: string }[];
  violatingResources?: { constructPath?: string }[];
}

const cdkJsonContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
const CANARY = 'NagCanary';

let outdir: string;
let stack: DuchaStack;
let violations: { rule: string; path: string }[];

/**
 * The app exactly as bin/app.ts builds it (AwsSolutions checks registered),
 * plus one deliberately non-compliant canary queue: synthesis must then fail
 * on the canary and on nothing else. That proves both that the checks run
 * and that everything ducha deploys passes or is acknowledged.
 */
beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'ducha-nag-'));
  ({ stack } = createDuchaApp({
    outdir,
    context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
  }));
  new Queue(stack, CANARY, { encryption: QueueEncryption.UNENCRYPTED, enforceSSL: false });

  let failure: unknown;
  try {
    (stack.node.root as import('aws-cdk-lib').App).synth();
  } catch (error) {
    failure = error;
  }
  expect(failure, 'the canary must fail synthesis').toBeDefined();
  const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  violations = report.pluginReports.flatMap((plugin: { violations: Violation[] }) =>
    plugin.violations.flatMap((v) =>
      (v.violatingConstructs ?? v.violatingResources ?? []).map((c) => ({ rule: v.ruleName, path: String(c.constructPath) })),
    ),
  );
}, 60_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('cdk-nag AwsSolutions', () => {
  it('runs: the canary queue is reported', () => {
    expect(violations.filter((v) => v.path.includes(CANARY)).map((v) => v.rule)).toEqual(
      expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
    );
  });

  it('finds nothing unacknowledged in the ducha stack', () => {
    expect(violations.filter((v) => !v.path.includes(CANARY))).toEqual([]);
  });

  it('has only acknowledgements with a written reason, on the narrowest construct', () => {
    const acknowledgements = stack.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
            path: construct.node.path,
            id: id.replace(/^annotation::/i, ''),
            reason,
          })),
        ),
    );
    for (const { reason } of acknowledgements) expect(reason.length).toBeGreaterThan(60);
    // The full list, so that a new acknowledgement is a visible change here.
    expect([...new Set(acknowledgements.map(({ path: p, id }) => `${id} @ ${p.replace(/Handler-\w+|Job-[\w-]+/, '*')}`))].sort()).toEqual([
      'AwsSolutions-APIG4 @ DuchaStack/Http/Api/Default/openapi.json/GET',
      'AwsSolutions-APIG4 @ DuchaStack/Http/Api/Default/public/notices.atom/GET',
      'AwsSolutions-APIG4 @ DuchaStack/Http/Api/Default/public/notices/GET',
      'AwsSolutions-CFR1 @ DuchaStack/Console/Distribution',
      'AwsSolutions-CFR2 @ DuchaStack/Console/Distribution',
      'AwsSolutions-CFR3 @ DuchaStack/Console/Distribution',
      'AwsSolutions-CFR4 @ DuchaStack/Console/Distribution',
      'AwsSolutions-COG4 @ DuchaStack/Http/Api/Default/openapi.json/GET',
      'AwsSolutions-COG4 @ DuchaStack/Http/Api/Default/public/notices.atom/GET',
      'AwsSolutions-COG4 @ DuchaStack/Http/Api/Default/public/notices/GET',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup] @ DuchaStack/Ledger/BackupPlan/Ledger/Role',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs] @ DuchaStack/Http/Api/CloudWatchRole',
      'AwsSolutions-IAM5[Action::s3:Abort*] @ DuchaStack/Console/UploadRole/DefaultPolicy',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*] @ DuchaStack/Console/UploadRole/DefaultPolicy',
      'AwsSolutions-IAM5[Action::s3:GetBucket*] @ DuchaStack/Console/UploadRole/DefaultPolicy',
      'AwsSolutions-IAM5[Action::s3:GetObject*] @ DuchaStack/Console/UploadRole/DefaultPolicy',
      'AwsSolutions-IAM5[Action::s3:List*] @ DuchaStack/Console/UploadRole/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::*] @ DuchaStack/Console/UploadRole/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::*] @ DuchaStack/Http/*/Role/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::*] @ DuchaStack/Jobs/*/Role/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::*] @ DuchaStack/LedgerStream/Follower/Role/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::*] @ DuchaStack/MailEvents/Receipts/Role/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::*] @ DuchaStack/Migrations/Migrate/Role/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::<ConsoleFiles2D43986C.Arn>/*] @ DuchaStack/Console/UploadRole/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::<SealArchiveSealsC03E0060.Arn>/seals/*] @ DuchaStack/Jobs/*/Role/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*] @ DuchaStack/Console/UploadRole/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::ducha-attachments-<AWS::AccountId>-<AWS::Region>/attached/*] @ DuchaStack/Http/*/Role/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::ducha-attachments-<AWS::AccountId>-<AWS::Region>/attachments/*] @ DuchaStack/Http/*/Role/DefaultPolicy',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::ducha-attachments-<AWS::AccountId>-<AWS::Region>/dossiers/*] @ DuchaStack/Http/*/Role/DefaultPolicy',
      'AwsSolutions-L1 @ DuchaStack/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource',
      'AwsSolutions-S1 @ DuchaStack/Attachments/AccessLogs',
      'AwsSolutions-S1 @ DuchaStack/Console/Files',
      'AwsSolutions-S1 @ DuchaStack/SealArchive/AccessLogs',
      'AwsSolutions-SQS3 @ DuchaStack/Jobs/DeadLetters',
    ]);
  });
});
