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

/** The S3 actions a route group's function may take on objects under `prefix`/. */
const s3ActionsOn = (group: string, prefix: string) =>
  statementsOf(group)
    .filter((s) => JSON.stringify(s.Resource).includes(`/${prefix}/*`))
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

  it('grants per function, per prefix: uploads are signed for attachments/ only; only the attaching functions write attached/', () => {
    // The role a presigned PUT acts as never reaches the pinned copies: no upload URL can replace an attached file.
    expect(s3ActionsOn('attachments', 'attachments')).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(s3ActionsOn('attachments', 'attached')).toEqual(['s3:GetObject']);
    for (const group of ['lifecycle', 'notices']) {
      expect(s3ActionsOn(group, 'attachments')).toEqual(['s3:GetObject']);
      expect(s3ActionsOn(group, 'attached')).toEqual(['s3:PutObject']);
    }
    for (const group of ['units', 'items', 'statistics', 'exports', 'referrals', 'imports']) expect(s3Actions(group)).toEqual([]);
    const resources = statementsOf('attachments')
      .filter((s) => JSON.stringify(s.Action).includes('s3:'))
      .map((s) => JSON.stringify(s.Resource));
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.every((r) => r.includes('ducha-attachments-') && /\/(attachments|attached)\/\*/.test(r))).toBe(true);
    const bucketName = template.toJSON().Resources[bucketId()].Properties.BucketName;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ATTACHMENTS_BUCKET: bucketName }) },
    });
  });

  it('lets the dossier function read the attached (pinned) files and write and read dossiers/ only; dossiers expire after a day', () => {
    expect(s3ActionsOn('dossiers', 'attached')).toEqual(['s3:GetObject']);
    expect(s3ActionsOn('dossiers', 'attachments')).toEqual([]);
    expect(s3ActionsOn('dossiers', 'dossiers')).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject']);
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
