import { readFileSync } from 'node:fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDuchaApp } from '../../lib/app';
import type { DuchaStack } from '../../lib/ducha-stack';

const cdkJsonContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

let stack: DuchaStack;
let template: Template;

beforeAll(() => {
  ({ stack } = createDuchaApp(
    { context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false },
    { nag: false },
  ));
  template = Template.fromStack(stack);
}, 60_000);

const bucketId = () => stack.getLogicalId(stack.attachments.bucket.node.defaultChild as never);

/** The statements of the inline policies of a route group's function role. */
function statementsOf(group: string): { Action: string | string[]; Resource: unknown }[] {
  const fn = stack.http.functions.get(group as never);
  if (!fn) throw new Error(`no function ${group}`);
  const roleId = stack.getLogicalId(fn.role.node.defaultChild as never);
  return Object.values(template.toJSON().Resources as Record<string, { Type: string; Properties: any }>)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
}

const s3Actions = (group: string) =>
  statementsOf(group)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .filter((a) => a.startsWith('s3:'))
    .sort();

describe('the attachments bucket (附件)', () => {
  it('is private, encrypted, versioned, TLS only, retained, to infrequent access after 180 days', () => {
    const bucket = template.toJSON().Resources[bucketId()];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: expect.arrayContaining([
          expect.objectContaining({ Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 180 }], Status: 'Enabled' }),
        ]),
      },
      LoggingConfiguration: expect.objectContaining({ LogFilePrefix: 'attachments/' }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Principal: { AWS: '*' } }),
        ]),
      },
    });
  });

  it('lets the console’s origin alone PUT and GET through presigned URLs (CORS)', () => {
    const cors = template.toJSON().Resources[bucketId()].Properties.CorsConfiguration.CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0].AllowedMethods.sort()).toEqual(['GET', 'PUT']);
    expect(JSON.stringify(cors[0].AllowedOrigins)).toContain(stack.getLogicalId(stack.console.distribution.node.defaultChild as never));
    expect(JSON.stringify(cors[0].AllowedOrigins)).not.toContain('*');
  });

  it('grants per function, on the attachments/ prefix only: sign uploads; check; nothing for the others', () => {
    expect(s3Actions('attachments')).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(s3Actions('lifecycle')).toEqual(['s3:GetObject']);
    expect(s3Actions('notices')).toEqual(['s3:GetObject']);
    for (const group of ['units', 'items', 'statistics', 'exports', 'referrals', 'imports']) expect(s3Actions(group)).toEqual([]);
    const resources = statementsOf('attachments')
      .filter((s) => JSON.stringify(s.Action).includes('s3:'))
      .map((s) => JSON.stringify(s.Resource));
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.every((r) => r.includes('ducha-attachments-') && r.includes('/attachments/*'))).toBe(true);
    const bucketName = template.toJSON().Resources[bucketId()].Properties.BucketName;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ATTACHMENTS_BUCKET: bucketName }) },
    });
  });

  it('lets the dossier function read attachments and write and read dossiers/ only; dossiers expire after a day', () => {
    const byPrefix = (prefix: string) =>
      statementsOf('dossiers')
        .filter((s) => JSON.stringify(s.Resource).includes(`/${prefix}/*`))
        .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
        .sort();
    expect(byPrefix('attachments')).toEqual(['s3:GetObject']);
    expect(byPrefix('dossiers')).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject']);
    const rules = template.toJSON().Resources[bucketId()].Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: 'dossiers/',
          ExpirationInDays: 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          Status: 'Enabled',
        }),
      ]),
    );
  });
});
