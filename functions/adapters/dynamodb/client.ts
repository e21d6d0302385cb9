import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OfficeCredentials } from '../aws/office-credentials';
import { ENV, requireEnv } from '../../config';
import { ROOT_OFFICE } from '../../domain/offices';
import { currentReach } from '../office-scope';
import { guardReach } from './office-reach';

/**
 * One client per container, created on first use and kept. Endpoint, region and
 * credentials come from the standard AWS variables, so the same code talks to
 * DynamoDB in AWS and to DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB). The table's
 * name is read on each use (a lookup, no cost): a process that serves several
 * ledgers one after another (the integration tests' workers, a table per test
 * file) keeps its client and its loaded modules.
 *
 * In AWS an HTTP function also has a client per office reach below the root (OFFICE_ACCESS_ROLE_ARN): the same
 * calls, signed with the office role's credentials for that reach, so that IAM refuses what office-reach.ts
 * refuses in the code.
 */
let client: DynamoDBClient | undefined;
const byReach = new Map<string, DynamoDBClient>();

/**
 * Five attempts ride out a burst of throttling within a request's budget; the SDK's own AWS_MAX_ATTEMPTS,
 * where an operator (or a fault test that needs no real back-off) sets it, is honoured over that default.
 */
const maxAttempts = () => Number(process.env.AWS_MAX_ATTEMPTS) || 5;

function guarded(made: DynamoDBClient): DynamoDBClient {
  // Every call is held to the reach of the office the work runs in (office-reach.ts).
  guardReach(made.middlewareStack);
  return made;
}

/**
 * The office role's credentials for `reach` (aws/office-credentials.ts), which the client keeps and asks again for
 * before they expire. Imported when first needed: a function that serves only the root office never loads STS.
 */
function lazyOfficeCredentials(roleArn: string, reach: string): OfficeCredentials {
  let provider: Promise<OfficeCredentials> | undefined;
  return async (properties) => {
    provider ??= import('../aws/office-credentials').then(({ officeCredentials }) => officeCredentials(roleArn, reach));
    return (await provider)(properties);
  };
}

export function ledger(): { client: DynamoDBClient; tableName: string } {
  const tableName = requireEnv(ENV.tableName);
  const reach = currentReach();
  const roleArn = process.env[ENV.officeAccessRole];
  if (roleArn && reach !== ROOT_OFFICE) {
    let scoped = byReach.get(reach);
    if (!scoped) {
      scoped = guarded(new DynamoDBClient({ maxAttempts: maxAttempts(), credentials: lazyOfficeCredentials(roleArn, reach) }));
      byReach.set(reach, scoped);
    }
    return { client: scoped, tableName };
  }
  client ??= guarded(new DynamoDBClient({ maxAttempts: maxAttempts() }));
  return { client, tableName };
}
