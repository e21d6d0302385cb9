/**
 * Points this test worker's AWS SDK clients at the run's local system, so a
 * test can call use cases and adapters directly against the same DynamoDB
 * Local and SES emulator the API uses. Runs before each test file's imports.
 */
import { inject } from 'vitest';
import { applyLocalAwsEnv, localAwsEnv } from '../../scripts/local/defaults';

applyLocalAwsEnv(
  localAwsEnv({
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    sesUrl: inject('sesUrl'),
    tableName: inject('tableName'),
    mailSender: inject('mailSender'),
  }),
);
