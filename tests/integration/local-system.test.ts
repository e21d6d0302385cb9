/**
 * The local system itself (what `npm start` runs), through the real
 * handlers, DynamoDB Local and the SES emulator of this run.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { describe, expect, inject, it } from 'vitest';
import { createTableInput } from '../../functions/adapters/dynamodb/ledger-table';
import { localDynamoDbClient } from '../../scripts/local/dynamodb';
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
    // Three processes at once (each spends seconds compiling the jobs with tsx): the dry run writes nothing and
    // the unknown job runs nothing, so neither can change what the real run finds.
    const job = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/job.ts', ...args], { env });
    const [{ stdout, stderr }, dry, unknown] = await Promise.all([
      job('weekly-digest', '--time', '2026-11-30'),
      job('weekly-digest', '--time', '2026-11-30', '--dry-run'),
      job('spring-cleaning').catch((e: unknown) => e),
    ]);
    // The summary, once: on stdout, in Shanghai time; stderr says what ran, without the SDK's Node.js 20 warning.
    expect(JSON.parse(stdout)).toMatchObject({ job: 'weekly-digest', time: '2026-11-30T08:30:00+08:00', sent: expect.any(Number) });
    expect(stderr).toContain('Running weekly-digest as of 2026-11-30 08:30 (Asia/Shanghai)');
    expect(stderr).not.toContain('"looked"');
    expect(stderr).not.toContain('NodeVersionSupportWarning');

    // --dry-run: the same job, computed and printed with what it would send, nothing written.
    expect(JSON.parse(dry.stdout)).toMatchObject({
      job: 'weekly-digest',
      dryRun: { written: 'nothing', wouldSend: expect.any(Array), wouldIssue: [] },
    });
    expect(dry.stderr).toContain('Dry run (writes nothing) of weekly-digest as of 2026-11-30 08:30 (Asia/Shanghai)');

    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('deadline-reminders, overdue-escalation, rectification-check, weekly-digest'),
    });
  });
});
