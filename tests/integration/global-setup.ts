/**
 * One local system per test run, shared by every integration test file:
 * DynamoDB Local in memory, the SES emulator and the local API in front of
 * the real handlers, all on ports the OS picks, scheduler off, a fresh JWT
 * secret. Tests reach it through `inject(...)` (see support.ts).
 */
import type { TestProject } from 'vitest/node';
import { randomJwtSecret } from '../../scripts/local/tokens';
import { ISOLATED, startLocalSystem } from '../../scripts/local/system';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dynamodbEndpoint: string;
    sesUrl: string;
    tableName: string;
    jwtSecret: string;
    mailSender: string;
  }
}

export default async function setup(project: TestProject) {
  const system = await startLocalSystem({
    ...ISOLATED,
    jwtSecret: randomJwtSecret(),
    // Handler failures still show; one line per request would drown the test output.
    logRequests: process.env.LOCAL_LOG_REQUESTS === '1',
    log: (line) => console.error(line),
  });
  project.provide('apiUrl', system.apiUrl);
  project.provide('dynamodbEndpoint', system.dynamodbEndpoint);
  project.provide('sesUrl', system.sesUrl);
  project.provide('tableName', system.tableName);
  project.provide('jwtSecret', system.jwtSecret);
  project.provide('mailSender', system.env.MAIL_SENDER!);
  return async () => {
    await system.stop();
  };
}
