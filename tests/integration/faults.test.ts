import { randomUUID } from 'node:crypto';
import { SESClient } from '@aws-sdk/client-ses';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { DynamoOutbox, SEND_LEASE_MS } from '../../functions/adapters/dynamodb/outbox';
import { SesMailer } from '../../functions/adapters/ses/mailer';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { reminderMail } from '../../functions/domain/mail';
import { STOP_BEFORE_MS } from '../../functions/http/api';
import { handler as lifecycle } from '../../functions/http/lifecycle';
import { logger } from '../../functions/observability';
import { type DeliveryDeps, deliver, flushPending, queueFor, releaseBatch } from '../../functions/use-cases/deliver-mail';
import type { MailOutbox, QueuedMail } from '../../functions/use-cases/ports';
import { api, mailTo, nowEpochSeconds, registerUnitWithHead, tokenFor } from './support';

/**
 * Faults injected into the AWS SDK clients (a middleware on the client, as the SDK's own are): DynamoDB
 * throttling under the API, SES throttling and an interrupted run under the mail the jobs send.
 */
// Two attempts, not the ledger client's five: the SDK still retries the fault once before giving up, without
// waiting out the full throttling back-off (up to 15 s) that would prove nothing more. Read when the client is made.
process.env.AWS_MAX_ATTEMPTS = '2';

const tag = randomUUID().slice(0, 8);
const lead = `lead-${tag}`;
const co = `co-${tag}`;
const today = shanghaiDate(new Date());

afterEach(() => {
  vi.restoreAllMocks();
});

/** A middleware on a client that throws `fault()` for the commands it names while armed; returns how to disarm it. */
function inject(
  client: { middlewareStack: { add: (...args: never[]) => void; remove: (name: string) => boolean } },
  commands: string[],
  fault: () => Error,
) {
  const name = `fault-${randomUUID()}`;
  let calls = 0;
  client.middlewareStack.add(
    ((next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (!commands.includes(context.commandName ?? '')) return next(args);
      calls += 1;
      throw fault();
    }) as never,
    // The innermost step: the SDK's own retries see the fault and retry it first, as they would DynamoDB's.
    { step: 'deserialize', name } as never,
  );
  return { calls: () => calls, disarm: () => client.middlewareStack.remove(name) };
}

const serviceError = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status, attempts: 1 } });

// ---------------------------------------------------------------------------------------------------------------
// The API over a throttled DynamoDB: 503 with Retry-After, never 500, nothing written half.

let office: string;
const claims = (unitId: string) => ({ sub: `liaison-${unitId}`, 'cognito:groups': 'unit', 'custom:unitId': unitId });

/** A request to the lifecycle function in this process (whose DynamoDB client the faults are injected into). */
function call(
  method: string,
  path: string,
  resource: string,
  unitId: string,
  body?: unknown,
  headers: Record<string, string> = {},
  budgetMs = 10_000,
) {
  const started = Date.now();
  const context = { getRemainingTimeInMillis: () => budgetMs - (Date.now() - started) } as Context;
  const event = {
    httpMethod: method,
    path,
    resource,
    headers: { 'content-type': 'application/json', ...headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { authorizer: { claims: claims(unitId) } },
  } as unknown as APIGatewayProxyEvent;
  return lifecycle(event, context) as Promise<APIGatewayProxyResult>;
}

async function acknowledgedItem(): Promise<string> {
  const created = await api('POST', '/items', {
    token: office,
    body: {
      title: '限流下的报送',
      source: 'work-report',
      sourceRef: '安政办发〔2014〕134号',
      leadUnit: lead,
      coUnits: [co],
      dueDate: addDays(today, 30),
      requirements: ['工作进展情况'],
    },
  });
  expect(created.status, created.text).toBe(201);
  const ack = await api('POST', `/items/${created.json.id}/acknowledge`, { token: await tokenFor('unit', lead) });
  expect(ack.status, ack.text).toBe(200);
  return created.json.id;
}

/** What a refused request must leave as it was: the item's version, its events, its reports. */
async function written(id: string) {
  const item = (await api('GET', `/items/${id}`, { token: office })).json;
  const events = (await api('GET', `/items/${id}/history?limit=100`, { token: office })).json.items;
  const reports = (await api('GET', `/items/${id}/reports?limit=100`, { token: office })).json.items;
  return { version: item.version, lastEvent: events.at(-1).seq, events: events.length, reports: reports.length };
}

const report = (summary: string) => ({ summary, percentComplete: 20, answers: [{ requirement: 0, answer: `按计划推进 ${summary}` }] });

beforeAll(async () => {
  office = await tokenFor('office');
  await registerUnitWithHead(office, { id: lead, name: '限流牵头县', kind: 'county' });
  await registerUnitWithHead(office, { id: co, name: '限流协办局', kind: 'department' });
});

describe('DynamoDB throttled under the API', () => {
  it('a report whose transaction is throttled past the SDK’s retries: 503 + Retry-After, nothing written; the same key then writes it once', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const errors = vi.spyOn(logger, 'error');
    const id = await acknowledgedItem();
    const before = await written(id);
    const fault = inject(ledger().client, ['TransactWriteItemsCommand'], () =>
      serviceError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.'),
    );
    const key = { 'idempotency-key': `report-${tag}` };
    let res: APIGatewayProxyResult;
    try {
      res = await call('POST', `/items/${id}/reports`, '/items/{id}/reports', lead, report(`限流-${tag}`), key);
    } finally {
      fault.disarm();
    }
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'throttled', message: '数据库繁忙，本次请求未写入任何内容，请稍后重新提交' });
    expect(fault.calls()).toBeGreaterThan(1); // the SDK retried before giving up
    expect(errors).not.toHaveBeenCalled(); // not an "Unhandled error"
    expect(await written(id)).toEqual(before);

    // Sent again with the same key once DynamoDB is back: written, once.
    const again = await call('POST', `/items/${id}/reports`, '/items/{id}/reports', lead, report(`限流-${tag}`), key);
    expect(again.statusCode, again.body).toBe(201);
    expect(await written(id)).toEqual({
      version: before.version + 1,
      lastEvent: before.lastEvent + 1,
      events: before.events + 1,
      reports: before.reports + 1,
    });
  });

  it('a state change cancelled for load (a throttled or conflicting part): 503 + Retry-After, nothing written', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const id = await acknowledgedItem();
    const before = await written(id);
    for (const code of ['ThrottlingError', 'TransactionConflict']) {
      const fault = inject(
        ledger().client,
        ['TransactWriteItemsCommand'],
        () =>
          new TransactionCanceledException({
            message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${code}, None]`,
            $metadata: { httpStatusCode: 400 },
            CancellationReasons: [{ Code: code }, { Code: 'None' }],
          }),
      );
      let res: APIGatewayProxyResult;
      try {
        // An extension request: a change that does not commute (written on the version read).
        const body = { newDueDate: addDays(today, 60), reason: '汛期影响施工' };
        res = await call('POST', `/items/${id}/extension-requests`, '/items/{id}/extension-requests', lead, body);
      } finally {
        fault.disarm();
      }
      expect(res.statusCode, `${code}: ${res.body}`).toBe(503);
      expect(res.headers?.['retry-after']).toBe('1');
      expect(await written(id)).toEqual(before);
    }
  });

  it('a report that keeps losing the history counter stops before the function’s end: 503 item-busy + Retry-After', async () => {
    const errors = vi.spyOn(logger, 'error');
    const id = await acknowledgedItem();
    const before = await written(id);
    // Every try finds the next seq taken (the item part's condition fails), as under a flood of reports.
    const fault = inject(
      ledger().client,
      ['TransactWriteItemsCommand'],
      () =>
        new TransactionCanceledException({
          message: 'Transaction cancelled [ConditionalCheckFailed, None, None]',
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
        }),
    );
    // A function with 6 s left: it must stop starting tries 3.5 s (STOP_BEFORE_MS) before its end, at 2.5 s.
    const budgetMs = 6_000;
    const started = Date.now();
    let res: APIGatewayProxyResult;
    try {
      res = await call('POST', `/items/${id}/reports`, '/items/{id}/reports', co, report(`争用-${tag}`), {}, budgetMs);
    } finally {
      fault.disarm();
    }
    const took = Date.now() - started;
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(res.body).error.code).toBe('item-busy');
    expect(fault.calls()).toBeGreaterThan(10); // far beyond the ten tries a report once had
    // It stopped on its deadline (less one back-off of at most 200 ms), not cut off by the function's timeout.
    expect(took).toBeGreaterThan(budgetMs - STOP_BEFORE_MS - 200);
    expect(took).toBeLessThan(budgetMs - 500);
    expect(errors).not.toHaveBeenCalled();
    expect(await written(id)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The jobs' mail over a throttled or failing SES: every email sent exactly once in the end.

const address = (name: string) => `${name}-${tag}@example.gov.cn`;
const day = '2026-11-27';

function mails(names: string[]): QueuedMail[] {
  const mail = reminderMail({
    unitName: `汉滨区 ${tag}`,
    date: day,
    entries: [
      {
        item: { id: 'item-1', title: `限流提醒-${tag}`, source: 'work-report', dueDate: '2026-11-30', light: 'yellow' },
        reason: 'deadline',
        daysLeft: 3,
      },
    ],
  });
  return names.flatMap((n) => queueFor([address(n)], 'reminder', day, [`about-${n}-${tag}`], mail));
}

/** The outbox as a job sees it, its pending list narrowed to this file's mail (other files' runs are theirs). */
/** The outbox as this file's runs see it: pending mail of this file only, or of these mails only. */
function myOutbox(only?: readonly QueuedMail[]): MailOutbox {
  const outbox = new DynamoOutbox();
  const mine = (m: QueuedMail) => (only ? only.some((o) => o.id === m.id) : m.to.some((to) => to.includes(tag)));
  return Object.assign(Object.create(outbox) as DynamoOutbox, {
    pending: async (limit: number) => (await outbox.pending(limit)).filter(mine),
  });
}

/** One run of a job's delivery: what earlier runs left pending first, then the day's mail queued again. */
const run = async (deps: DeliveryDeps, day: QueuedMail[]) => deliver(deps, day, await flushPending(deps));

async function sentOnce(names: string[], since: number) {
  for (const n of names) expect(await mailTo(address(n), since), n).toHaveLength(1);
}

describe('SES throttled or down for a whole run, and a run cut short', () => {
  it('throttled for a whole run: nothing sent, all pending; back: every email once; again: nothing', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const since = nowEpochSeconds() - 1;
    const client = new SESClient({ maxAttempts: 2 });
    const names = ['t1', 't2', 't3', 't4', 't5'];
    const queued = mails(names);
    const deps: DeliveryDeps = { outbox: myOutbox(queued), mailer: new SesMailer({ client }), clock: { now: () => new Date() } };

    const fault = inject(client, ['SendEmailCommand'], () => serviceError('Throttling', 'Maximum sending rate exceeded.'));
    const down = await run(deps, queued);
    fault.disarm();
    expect(down).toMatchObject({ sent: 0, failed: names.length, parked: 0 });
    expect(fault.calls()).toBe(names.length * 2); // each tried, and retried once by the SDK
    expect((await deps.outbox.pending(500)).map((m) => m.id).sort()).toEqual(queued.map((m) => m.id).sort());
    for (const n of names) expect(await mailTo(address(n), since)).toEqual([]);

    const back = await run(deps, queued);
    expect(back).toMatchObject({ sent: names.length, failed: 0 });
    await sentOnce(names, since);
    expect(await deps.outbox.pending(500)).toEqual([]);

    const again = await run(deps, queued);
    expect(again).toMatchObject({ sent: 0, skipped: names.length });
    await sentOnce(names, since);
  });

  it('a run cut short after two emails: the next run sends the rest, nothing twice', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const since = nowEpochSeconds() - 1;
    const names = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const queued = mails(names);
    const real = new SesMailer();
    let sends = 0;
    // The function is stopped during its third send (a timeout, a crash): the run ends there, before marking it.
    const stopped = {
      send: async (mail: QueuedMail) => {
        sends += 1;
        if (sends === 3) throw new Error('Task timed out after 300 seconds');
        await real.send(mail);
      },
    };
    const outbox = myOutbox(queued);
    await expect(run({ outbox, mailer: stopped, clock: { now: () => new Date() } }, queued)).rejects.toThrow(/timed out/);
    for (const n of names.slice(0, 2)) expect(await mailTo(address(n), since)).toHaveLength(1);
    for (const n of names.slice(2)) expect(await mailTo(address(n), since)).toEqual([]);

    // Retried at once, the third is still the stopped sender's: claimed a moment ago, it may be being sent right now.
    const early = await run({ outbox, mailer: real, clock: { now: () => new Date() } }, queued);
    expect(early).toMatchObject({ sent: 2, failed: 0 });
    for (const n of names.slice(2, 3)) expect(await mailTo(address(n), since)).toEqual([]);

    // The scheduler's retry of the same run, once the stopped sender's claim has lapsed (the wall clock moved on).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + SEND_LEASE_MS + 1_000 });
    try {
      const next = await run({ outbox, mailer: real, clock: { now: () => new Date() } }, queued);
      // The third, claimed but not sent, is pending: sent first; then the day's list, every one already sent.
      expect(next).toMatchObject({ sent: 1, failed: 0 });
    } finally {
      vi.useRealTimers();
    }
    await sentOnce(names, since);
    expect(await outbox.pending(500)).toEqual([]);
  });

  it('the stream and a job releasing the same mail at once: each email sent once', async () => {
    const since = nowEpochSeconds() - 1;
    const names = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    const batch = {
      id: `race-${tag}`,
      kind: 'dispatch',
      day: '2026-12-07',
      about: [`race-${tag}`],
      letters: names.map((n) => ({ to: [address(n)], mail: { subject: `【派发】竞争-${tag}`, text: n, html: `<p>${n}</p>` } })),
    };
    const deps = { outbox: myOutbox(), mailer: new SesMailer(), clock: { now: () => new Date() } };
    // Three senders at once, as the stream's follower, its retry and a job's flushPending could be.
    await Promise.all([releaseBatch(deps, batch), releaseBatch(deps, batch), releaseBatch(deps, batch)]);
    await sentOnce(names, since);
  });
});
