import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which of the stack's functions is running (`http:<group>`, `job:<name>`, `stream`, `mail-events`), for the
 * length of one invocation: in AWS each has its own role, so every call it makes to DynamoDB, S3 or SES must be
 * allowed by that role. The integration tests attribute each AWS call to it and check the grants against what the
 * code called (tests/integration/aws-calls.ts, scripts/grants.ts); nothing in the functions reads it.
 */
export const runningFunction = new AsyncLocalStorage<string>();
