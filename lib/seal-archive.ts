import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ENV } from '../functions/config';
import type { DuchaFunction } from './ducha-function';

/** How long each seal's copy is locked: ten years, beyond any review of a year's assessment. */
export const SEAL_RETENTION = Duration.days(3650);

/**
 * The copies of the ledger's daily seals outside the database (docs/design.md, tamper-evident ledger):
 * a bucket with Object Lock in compliance mode, so no one, the account's root included, can change or
 * delete a seal's object before its retention ends. Only the sealing function may write (PutObject, nothing
 * else); reading is left to the account's auditors through IAM.
 */
export class SealArchive extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // S3 delivers the logs under a bucket policy (cdk.json: serverAccessLogsUseBucketPolicy), so no ACL is needed.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: "This bucket is the seal archive's server access log; logging a log bucket would log its own writes without end.",
    });
    this.bucket = new Bucket(this, 'Seals', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(SEAL_RETENTION),
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'seals/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The sealing function writes the seals' objects, and nothing else, and learns the bucket's name. */
  grantSeal(fn: DuchaFunction): void {
    fn.addEnvironment(ENV.sealBucket, this.bucket.bucketName);
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('seals/*')] }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    Validations.of(fn.role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/seals/*]`,
      reason:
        'Each seal is a new object named by its number and date (seals/<number>-<date>.json), so PutObject is granted on that prefix of the seal archive only; Object Lock (compliance) keeps every version written.',
    });
  }
}
