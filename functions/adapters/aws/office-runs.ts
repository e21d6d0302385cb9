import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { OfficeRuns } from '../../use-cases/ports';

let client: LambdaClient | undefined;

/**
 * A job's run of each office as its own asynchronous invocation of the same function (jobs/run-job.ts): each gets
 * the function's whole timeout, its own retries and, failing them, the jobs' dead-letter queue (lib/scheduled-jobs.ts).
 * The function's own name comes from Lambda's environment; the client is made on first use.
 */
export const lambdaOfficeRuns: OfficeRuns = {
  async start(event) {
    client ??= new LambdaClient({});
    await client.send(
      new InvokeCommand({
        FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
  },
};
