/**
 * The local system itself (what `npm start` runs), through the real
 * handlers, DynamoDB Local and the SES emulator of this run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTableInput } from '../../functions/adapters/dynamodb/ledger-table';
import { ensureLedgerTable, localDynamoDbClient, startDynamoDbLocal } from '../../scripts/local/dynamodb';
import { freePort } from '../../scripts/local/ports';
import { issueToken } from '../../scripts/local/tokens';
import { api, mailTo, nowEpochSeconds, tokenFor } from './support';
import { fileSystem } from './file-system';

const run = promisify(execFile);

describe('the local API', () => {
  it('serves a public route without a token', async () => {
    const res = await api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\./);
  });

  it('accepts a token of this run', async () => {
    expect((await api('GET', '/units', { token: await tokenFor('office') })).status).toBe(200);
  });

  it('refuses a protected route without a token, with another secret’s token, with an expired one', async () => {
    const forged = await issueToken({ role: 'office', secret: 'not-the-secret-of-this-run-012345' });
    const expired = await tokenFor('office', undefined, { expiresIn: -60 });
    for (const token of [undefined, forged, expired]) {
      const res = await api('GET', '/units', { token });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthenticated');
    }
  });

  it('answers an unknown route with 404', async () => {
    const res = await api('GET', '/no-such-route', { token: await tokenFor('office') });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'not-found', message: '没有这个接口：GET /no-such-route', details: [] } });
  });

  it('refuses a body over 10 MB with 413', async () => {
    const res = await api('POST', '/items', {
      token: await tokenFor('office'),
      rawBody: `{"title":"${'x'.repeat(10 * 1024 * 1024)}"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload-too-large');
  });

  it('accepts what `npm run token` prints', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', '--role', 'leader'], {
      env: { ...process.env, LOCAL_JWT_SECRET: inject('jwtSecret') },
    });
    expect(stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await api('GET', '/units', { token: stdout.trim() })).status).toBe(200);
  });
});

describe('the local AWS services', () => {
  it('has the ledger table as createTableInput defines it, with TTL on', async () => {
    const client = localDynamoDbClient(fileSystem().dynamodbEndpoint);
    const wanted = createTableInput(fileSystem().tableName);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: fileSystem().tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual(wanted.KeySchema);
    expect(
      Table?.GlobalSecondaryIndexes?.map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection })),
    ).toEqual(
      expect.arrayContaining(
        wanted.GlobalSecondaryIndexes!.map((i) => ({
          IndexName: i.IndexName,
          KeySchema: i.KeySchema,
          Projection: expect.objectContaining(i.Projection),
        })),
      ),
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: fileSystem().tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    client.destroy();
  });

  it('is where the SDK’s default clients go, by env alone (as the handlers use them)', async () => {
    const dynamodb = new DynamoDBClient({});
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toContain(process.env.LEDGER_TABLE_NAME);
    dynamodb.destroy();

    const since = nowEpochSeconds();
    const ses = new SESClient({});
    await ses.send(
      new SendEmailCommand({
        Source: process.env.MAIL_SENDER,
        Destination: { ToAddresses: ['office@local-system.test'] },
        Message: { Subject: { Data: '督查提醒' }, Body: { Text: { Data: '测试' } } },
      }),
    );
    ses.destroy();
    const mail = await mailTo('office@local-system.test', since);
    expect(mail).toEqual([expect.objectContaining({ subject: '督查提醒', from: process.env.MAIL_SENDER })]);
  });

  it('runs a job with `npm run job` against the running system', async () => {
    const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _setByTheTestConfig, POWERTOOLS_LOG_LEVEL: _, ...inherited } = process.env;
    const env = {
      ...inherited,
      DYNAMODB_PORT: new URL(fileSystem().dynamodbEndpoint).port,
      SES_PORT: new URL(fileSystem().sesUrl).port,
      LEDGER_TABLE_NAME: fileSystem().tableName,
    };
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/job.ts', 'weekly-digest', '--time', '2026-11-30'], {
      env,
    });
    // The summary, once: on stdout, in Shanghai time; stderr says what ran, without the SDK's Node.js 20 warning.
    expect(JSON.parse(stdout)).toMatchObject({ job: 'weekly-digest', time: '2026-11-30T08:30:00+08:00', sent: expect.any(Number) });
    expect(stderr).toContain('Running weekly-digest as of 2026-11-30 08:30 (Asia/Shanghai)');
    expect(stderr).not.toContain('"looked"');
    expect(stderr).not.toContain('NodeVersionSupportWarning');

    // --dry-run: the same job, computed and printed with what it would send, nothing written.
    const dry = await run(process.execPath, ['--import', 'tsx', 'scripts/job.ts', 'weekly-digest', '--time', '2026-11-30', '--dry-run'], {
      env,
    });
    expect(JSON.parse(dry.stdout)).toMatchObject({
      job: 'weekly-digest',
      dryRun: { written: 'nothing', wouldSend: expect.any(Array), wouldIssue: [] },
    });
    expect(dry.stderr).toContain('Dry run (writes nothing) of weekly-digest as of 2026-11-30 08:30 (Asia/Shanghai)');

    const unknown = await run(process.execPath, ['--import', 'tsx', 'scripts/job.ts', 'spring-cleaning'], { env }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('deadline-reminders, overdue-escalation, rectification-check, weekly-digest'),
    });
  });
});

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
