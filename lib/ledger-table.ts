import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ledgerTable } from '../functions/adapters/dynamodb/ledger-table';

/**
 * The ledger (督查台账): the one DynamoDB table, built from the same
 * declaration DynamoDB Local is created from (functions/adapters/dynamodb/ledger-table.ts).
 * Government records: point-in-time recovery, deletion protection, and the
 * table outlives the stack.
 */
export class LedgerTable extends Construct {
  readonly table: TableV2;
  /** One explicit ARN per index, so grants never need `index/*`. */
  readonly indexArns: readonly string[];

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
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The AWS-managed key: encrypted at rest, and every use shows in CloudTrail.
      encryption: TableEncryptionV2.awsManagedKey(),
    });

    this.indexArns = ledgerTable.indexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`);
  }

  get tableName(): string {
    return this.table.tableName;
  }

  get tableArn(): string {
    return this.table.tableArn;
  }
}
