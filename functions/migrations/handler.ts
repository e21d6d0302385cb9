import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ENV, requireEnv } from '../config';
import { logger } from '../observability';
import { migrateLedger, type MigrationRun } from './run';

/**
 * The one-off Lambda that brings the ledger in AWS to this version's schema (the stack runs it after each
 * deployment, and it can be invoked by hand). Idempotent: at the latest schema it applies nothing.
 */
export async function handler(): Promise<MigrationRun> {
  const client = new DynamoDBClient({ maxAttempts: 5 });
  const run = await migrateLedger({ client, tableName: requireEnv(ENV.tableName), log: (line) => logger.info(line) });
  logger.info('migrations', { ...run });
  return run;
}
