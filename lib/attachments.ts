import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ENV } from '../functions/config';
import { ATTACHED_PREFIX, UPLOAD_PREFIX } from '../functions/domain/attachments';
import type { DuchaFunction } from './ducha-function';

export interface AttachmentsProps {
  /** The console's origin (https://…): the only one whose pages may PUT to and GET from the bucket. */
  consoleOrigin: string;
}

/**
 * Uploads land under UPLOAD_PREFIX (the presigned PUT's key); attaching pins a copy under ATTACHED_PREFIX, which
 * only the functions that attach may write: no URL handed to a browser can replace an attached file. Grants name
 * these prefixes, never the whole bucket.
 */
/** 一事一档 too big for one response are written here, read once through a presigned GET, and expire after a day. */
export const DOSSIER_PREFIX = 'dossiers/';

/**
 * The bucket's grants by what a route group does with files (routes.ts attachmentAccess): actions under each key
 * prefix. The grant methods below give exactly these; scripts/grants.ts checks them against the calls the code made.
 */
export const ATTACHMENT_GRANTS: Record<'sign-uploads' | 'check' | 'dossiers', readonly (readonly [readonly string[], string])[]> = {
  // Signs uploads (the presigned PUT) and reads back an upload not yet attached; serves the pinned copies.
  'sign-uploads': [
    [['s3:PutObject', 's3:GetObject'], UPLOAD_PREFIX],
    [['s3:GetObject'], ATTACHED_PREFIX],
  ],
  // Reads an upload through once for its SHA-256, and pins it: CopyObject reads the upload, writes under attached/.
  check: [
    [['s3:GetObject'], UPLOAD_PREFIX],
    [['s3:PutObject'], ATTACHED_PREFIX],
  ],
  // Reads the pinned copies; writes a dossier too big for one response (parts included), aborts it, signs its GET.
  dossiers: [
    [['s3:GetObject'], ATTACHED_PREFIX],
    [['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'], DOSSIER_PREFIX],
  ],
};

/**
 * 附件: the private bucket of uploaded files (正式文件, 书面整改报告, 核查 photos). Encrypted, versioned,
 * TLS only, no public access, kept when the stack goes; after 180 days files move to infrequent
 * access (an item's documents are read while it is open, then for the archive). The browser
 * uploads and downloads through presigned URLs the functions sign, from the console's origin only.
 */
export class Attachments extends Construct {
  readonly bucket: Bucket;
  /**
   * A name of its own (account and region make it unique): the functions' grants and environment name
   * it as text, not as a reference to the bucket, whose CORS names the console's distribution, which
   * fronts the API, which needs the functions — a reference would close that circle.
   */
  readonly bucketName = `ducha-attachments-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

  constructor(scope: Construct, id: string, props: AttachmentsProps) {
    super(scope, id);
    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // S3 delivers the logs under a bucket policy (cdk.json: serverAccessLogsUseBucketPolicy), so no ACL is needed.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access log bucket of the attachments bucket: logging it to itself would loop.',
    });
    this.bucket = new Bucket(this, 'Files', {
      bucketName: this.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'attachments/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'infrequent-after-180-days',
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(180) }],
        },
        // A dossier is made for one download: gone after a day, old versions too (the bucket is versioned).
        {
          id: 'dossiers-expire-after-a-day',
          prefix: DOSSIER_PREFIX,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        // A presigned upload never completed leaves nothing behind for long.
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      cors: [
        {
          allowedOrigins: [props.consoleOrigin],
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type', 'content-length'],
          exposedHeaders: ['etag'],
          maxAge: 3000,
        },
      ],
    });
  }

  /**
   * Signs uploads (PutObject, what the presigned URL allows) under the upload prefix only, lets the uploader read
   * back an upload not yet attached, and serves attached files (GetObject on the pinned copies, never a write there).
   */
  grantSignUploads(fn: DuchaFunction): void {
    for (const [actions, prefix] of ATTACHMENT_GRANTS['sign-uploads']) this.grant(fn, actions, prefix);
  }

  /**
   * Checks an upload (GetObject, read through once for its SHA-256) before a report or rectification names it, and
   * pins it: CopyObject reads the upload (s3:GetObject) and writes the copy under attached/ (s3:PutObject there only).
   */
  grantCheck(fn: DuchaFunction): void {
    for (const [actions, prefix] of ATTACHMENT_GRANTS.check) this.grant(fn, actions, prefix);
  }

  /**
   * 一事一档: reads the attached files (s3:GetObject on attached/, the pinned copies), writes a dossier too big for one
   * response (s3:PutObject, which covers the multipart upload's parts, and s3:AbortMultipartUpload) and signs its
   * GET, under dossiers/ only.
   */
  grantDossiers(fn: DuchaFunction): void {
    for (const [actions, prefix] of ATTACHMENT_GRANTS.dossiers) this.grant(fn, actions, prefix);
  }

  private grant(fn: DuchaFunction, actions: readonly string[], prefix: string): void {
    fn.addEnvironment(ENV.attachmentsBucket, this.bucketName);
    const objects = `arn:${Aws.PARTITION}:s3:::${this.bucketName}/${prefix}*`;
    fn.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: [objects] }));
    Validations.of(fn.role.node.tryFindChild('DefaultPolicy') ?? fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::ducha-attachments-<AWS::AccountId>-<AWS::Region>/${prefix}*]`,
      reason:
        'Attachment and dossier ids are made at request time, so the grant names the prefix they live under; the functions sign, check or write one object by key at a time.',
    });
  }
}
