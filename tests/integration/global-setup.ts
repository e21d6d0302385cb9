/**
 * What the integration test files of one run share: the run's DynamoDB Local (tests/run-dynamodb.ts) and
 * the secret the local APIs verify tokens with. Everything else is each file's own (setup-env.ts):
 * its table, its SES emulator, its S3 server and its local API, so any two files can run side by side.
 */
import type { TestProject } from 'vitest/node';
import { DEFAULT_MAIL_SENDER } from '../../scripts/local/defaults';
import { randomJwtSecret } from '../../scripts/local/tokens';
import { shareDynamoDbLocal } from '../run-dynamodb';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Locals: a worker uses workerEndpoint(…) of them (tests/run-dynamodb.ts). */
    dynamodbEndpoints: string[];
    jwtSecret: string;
    mailSender: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamodb = await shareDynamoDbLocal();
  project.provide('dynamodbEndpoints', dynamodb.endpoints);
  project.provide('jwtSecret', randomJwtSecret());
  project.provide('mailSender', process.env.MAIL_SENDER || DEFAULT_MAIL_SENDER);
  return dynamodb.release;
}
