import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { ledgerTable } from '../functions/adapters/dynamodb/ledger-table';

/**
 * The ledger (督查台账): the one DynamoDB table, built from the same
 * declaration DynamoDB Local is created from (functions/adapters/dynamodb/ledger-table.ts).
 * Government records: point-in-time recovery, deletion protection, and the
 * table outlives the stack. Beside PITR (any second of the last 35 days, in
 * this account and region), an AWS Backup plan keeps a daily backup for 35
 * days in a vault of its own: copies that survive the table's deletion and a
 * mistaken PITR restore, and can be restored one by one (README: restoring).
 */
/** How long a daily backup of the ledger is kept (as long as PITR reaches back). */
export const BACKUP_RETENTION_DAYS = 35;

export class LedgerTable extends Construct {
  readonly table: TableV2;
  /** One explicit ARN per index, so grants never need `index/*`. */
  readonly indexArns: readonly string[];
  readonly backupPlan: BackupPlan;
  readonly backupVault: BackupVault;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: key(ledgerTable.partitionKey),
      sortKey: key(ledgerTable.sortKey),
      globalSecondaryIndexes: ledgerTable.indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        ...(index.projection.type === 'INCLUDE'
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection.nonKeyAttributes] }
          : { projectionType: ProjectionType.ALL }),
      })),
      billing: Billing.onDemand(),
      timeToLiveAttribute: ledgerTable.timeToLiveAttribute,
      // What follows each commit (mail, the chain, the watch on written-once records) consumes it (lib/ledger-stream.ts).
      dynamoStream: StreamViewType[ledgerTable.streamViewType],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The AWS-managed key: encrypted at rest, and every use shows in CloudTrail.
      encryption: TableEncryptionV2.awsManagedKey(),
    });

    this.indexArns = ledgerTable.indexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`);

    // Backups outlive the stack as the table does; the vault is encrypted with the AWS-managed key.
    this.backupVault = new BackupVault(this, 'BackupVault', { removalPolicy: RemovalPolicy.RETAIN });
    this.backupPlan = new BackupPlan(this, 'BackupPlan', {
      backupVault: this.backupVault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily35Days',
          // 02:00 Asia/Shanghai (18:00 UTC), when no job runs and the office is not at work.
          scheduleExpression: Schedule.cron({ minute: '0', hour: '18' }),
          deleteAfter: Duration.days(BACKUP_RETENTION_DAYS),
        }),
      ],
    });
    const selection = this.backupPlan.addSelection('Ledger', { resources: [BackupResource.fromArn(this.table.tableArn)] });
    Validations.of(selection.node.findChild('Role')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'The role AWS Backup assumes to back up the ledger: AWS Backup documents this managed policy as the one for its service role, and it is kept current by AWS as Backup gains resource types.',
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  get tableArn(): string {
    return this.table.tableArn;
  }
}
