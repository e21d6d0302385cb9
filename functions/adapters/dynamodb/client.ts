import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ENV, requireEnv } from '../../config';

/**
 * One client per container, created on first use and kept. Endpoint, region and
 * credentials come from the standard AWS variables, so the same code talks to
 * DynamoDB in AWS and to DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB). The table's
 * name is read on each use (a lookup, no cost): a process that serves several
 * ledgers one after another (the integration tests' workers, a table per test
 * file) keeps its client and its loaded modules.
 */
let client: DynamoDBClient | undefined;

/**
 * Five attempts ride out a burst of throttling within a request's budget; the SDK's own AWS_MAX_ATTEMPTS,
 * where an operator (or a fault test that needs no real back-off) sets it, is honoured over that default.
 */
const maxAttempts = () => Number(process.env.AWS_MAX_ATTEMPTS) || 5;

export function ledger(): { client: DynamoDBClient; tableName: string } {
  client ??= new DynamoDBClient({ maxAttempts: maxAttempts() });
  return { client, tableName: requireEnv(ENV.tableName) };
}
