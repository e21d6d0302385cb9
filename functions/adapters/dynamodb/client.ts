import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ENV, requireEnv } from '../../config';
import { tracer } from '../../observability';

/**
 * One client per container, created on first use and kept. Endpoint, region and
 * credentials come from the standard AWS variables, so the same code talks to
 * DynamoDB in AWS and to DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB).
 */
let shared: { client: DynamoDBClient; tableName: string } | undefined;

export function ledger(): { client: DynamoDBClient; tableName: string } {
  // Traced in AWS (an X-Ray subsegment per call); as is elsewhere.
  shared ??= { client: tracer.captureAWSv3Client(new DynamoDBClient({ maxAttempts: 5 })), tableName: requireEnv(ENV.tableName) };
  return shared;
}
