/**
 * DynamoDB Local keeping its data in a folder (as `npm start` does) across a kill -9 and a restart: two JVMs started
 * one after the other, a quarter of a minute here, for a guarantee of the local system alone (AWS has no such
 * folder), so it sits in the deep tier beside the whole system's kill -9 (durable-acknowledgements.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLedgerTable, localDynamoDbClient, startDynamoDbLocal } from '../../scripts/local/dynamodb';
import { freePort } from '../../scripts/local/ports';

describe('DynamoDB Local with a data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ducha-ddb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the data across a restart, even a transaction answered just before a kill -9', async () => {
    const key = { PK: { S: 'UNIT#persist' }, SK: { S: 'UNIT' } };
    // Ten items of 300 KB: a COMMIT that writes megabytes takes longer than the answer takes to arrive.
    const transacted = Array.from({ length: 10 }, (_, n) => ({ PK: { S: `UNIT#persist-${n}` }, SK: { S: 'UNIT' } }));
    const first = await startDynamoDbLocal({ port: await freePort(), dataDir: dir });
    try {
      expect(await ensureLedgerTable(first.endpoint, 'ducha-ledger')).toBe('created');
      const client = localDynamoDbClient(first.endpoint);
      await client.send(new PutItemCommand({ TableName: 'ducha-ledger', Item: { ...key, name: { S: '汉滨区' } } }));
      // DynamoDB Local answers a transaction before its COMMIT has run (commit-barrier.ts): killed at once, it lost it.
      const note = { S: 'x'.repeat(300_000) };
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: transacted.map((k) => ({ Put: { TableName: 'ducha-ledger', Item: { ...k, note } } })),
        }),
      );
      first.child.kill('SIGKILL');
      client.destroy();
    } finally {
      await first.stop();
    }

    const second = await startDynamoDbLocal({ port: await freePort(), dataDir: dir });
    try {
      expect(await ensureLedgerTable(second.endpoint, 'ducha-ledger')).toBe('existing');
      const client = localDynamoDbClient(second.endpoint);
      const { Item } = await client.send(new GetItemCommand({ TableName: 'ducha-ledger', Key: key }));
      for (const Key of transacted) {
        const { Item: kept } = await client.send(new GetItemCommand({ TableName: 'ducha-ledger', Key, ProjectionExpression: 'PK' }));
        expect(kept).toEqual({ PK: Key.PK });
      }
      client.destroy();
      expect(Item?.name).toEqual({ S: '汉滨区' });
    } finally {
      await second.stop();
    }
    expect(second.child.exitCode !== null || second.child.signalCode !== null).toBe(true);
  }, 60_000);
});
