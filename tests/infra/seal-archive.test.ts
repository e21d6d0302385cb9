import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../../functions/jobs/schedules';
import { createDuchaApp } from '../../lib/app';
import type { DuchaStack } from '../../lib/ducha-stack';

const cdkJsonContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

let stack: DuchaStack;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;
let sealBucketId: string;

beforeAll(() => {
  ({ stack } = createDuchaApp(
    { context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false },
    { nag: false },
  ));
  resources = Template.fromStack(stack).toJSON().Resources;
  sealBucketId = stack.getLogicalId(stack.seals.bucket.node.defaultChild as CfnBucket);
}, 60_000);

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const mentions = (value: unknown, id: string) => JSON.stringify(value).includes(`"${id}"`);

describe('the seal archive', () => {
  it('is a bucket with Object Lock in compliance mode by default, versioned, encrypted, private and logged', () => {
    const bucket = resources[sealBucketId]!.Properties;
    expect(bucket.ObjectLockEnabled).toBe(true);
    expect(bucket.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } },
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.LoggingConfiguration?.DestinationBucketName).toBeDefined();
  });

  it('refuses every request without TLS', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && mentions(r.Properties.Bucket, sealBucketId));
    expect(policy?.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
  });

  it('is written by the sealing job alone, with PutObject and nothing else, and named in its environment', () => {
    const writers = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((p) => (p.Properties.PolicyDocument.Statement as { Resource: unknown }[]).some((s) => mentions(s.Resource, sealBucketId)));
    expect(writers).toHaveLength(1);
    const sealer = stack.jobs.functions.get('deadline-reminders')!;
    expect(mentions(writers[0]!.Properties.Roles, stack.getLogicalId(sealer.role.node.defaultChild as any))).toBe(true);
    const grants = (writers[0]!.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).filter((s) =>
      mentions(s.Resource, sealBucketId),
    );
    expect(grants.flatMap((s) => asArray(s.Action))).toEqual(['s3:PutObject']);
    for (const job of schedules) {
      const fn = stack.jobs.functions.get(job.name)!;
      const env = (resources[stack.getLogicalId(fn.function.node.defaultChild as any)]!.Properties.Environment?.Variables ?? {}) as Record<
        string,
        unknown
      >;
      expect([job.name, mentions(env.SEAL_BUCKET ?? null, sealBucketId)]).toEqual([job.name, job.name === 'deadline-reminders']);
    }
  });
});
