import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { outboxKey } from '../../functions/adapters/dynamodb/keys';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { SesMailer } from '../../functions/adapters/ses/mailer';
import { reminderMail } from '../../functions/domain/mail';
import { logger } from '../../functions/observability';
import { type DeliveryDeps, deliver, flushPending, PARK_AFTER_PERMANENT_FAILURES, queueFor } from '../../functions/use-cases/deliver-mail';
import type { QueuedMail } from '../../functions/use-cases/ports';
import { api, mailTo, nowEpochSeconds, tokenFor } from './support';

/**
 * A poison mail through the real outbox (DynamoDB Local) and the real mailer
 * (the SES emulator): a title stored before the edge refused lone surrogates
 * makes a reminder no mail can carry. It must not stop the mails after it in
 * the same run, it is parked after PARK_AFTER_PERMANENT_FAILURES failures, and
 * the office is told once.
 */
const tag = randomUUID().slice(0, 8);
const address = (name: string) => `${name}-${tag}@example.gov.cn`;
const officeAddress = address('office');
const day = '2026-11-26';

function reminder(title: string): ReturnType<typeof reminderMail> {
  return reminderMail({
    unitName: `汉滨区 ${tag}`,
    date: day,
    entries: [
      { item: { id: 'item-1', title, source: 'work-report', dueDate: '2026-11-29', light: 'yellow' }, reason: 'deadline', daysLeft: 3 },
    ],
  });
}

const deps: DeliveryDeps = {
  outbox: new DynamoOutbox(),
  mailer: new SesMailer(),
  clock: { now: () => new Date() },
  units: new DynamoUnitRepository(),
};

async function statusOf(mail: QueuedMail) {
  const { client, tableName } = ledger();
  const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(outboxKey(mail.id)), ConsistentRead: true }));
  return {
    status: out.Item?.status?.S,
    attempts: Number(out.Item?.attempts?.N),
    permanentFailures: Number(out.Item?.permanentFailures?.N),
  };
}

beforeAll(async () => {
  const office = await tokenFor('office');
  const res = await api('POST', '/units', {
    token: office,
    body: { id: `office-${tag}`, name: `督查室-${tag}`, kind: 'office', contacts: [{ name: '张三', email: officeAddress, role: 'head' }] },
  });
  expect(res.status, res.text).toBe(201);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a poison mail does not stop the mail for everyone', () => {
  it('sends every mail after it in the same run, parks it after the permanent failures, and tells the office once', async () => {
    // The failures are provoked: their "Mail not sent" warnings are expected, not printed among the results.
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const since = nowEpochSeconds() - 1;
    const good = reminder(`供水改造-${tag}`);
    const mails = [
      ...queueFor([address('x1')], 'reminder', day, [`a-${tag}`], good),
      ...queueFor([address('poison')], 'reminder', day, [`p-${tag}`], reminder(`供水\ud800改造-${tag}`)),
      ...queueFor([address('x2'), address('x3'), address('x4')], 'reminder', day, [`b-${tag}`], good),
    ];
    const poison = mails[1]!;

    const first = await deliver(deps, mails);
    expect(first).toMatchObject({ sent: 4, failed: 1, parked: 0 });
    for (const to of ['x1', 'x2', 'x3', 'x4']) expect(await mailTo(address(to), since), to).toHaveLength(1);
    expect(await statusOf(poison)).toEqual({ status: 'pending', attempts: 1, permanentFailures: 1 });

    // Further runs, each as a job makes them: what is pending first, then the day's mail queued again.
    let runs = 1;
    while ((await statusOf(poison)).status === 'pending') {
      runs += 1;
      expect(runs).toBeLessThanOrEqual(PARK_AFTER_PERMANENT_FAILURES);
      await deliver(deps, mails, await flushPending(deps));
    }
    expect(await statusOf(poison)).toMatchObject({ status: 'parked', permanentFailures: PARK_AFTER_PERMANENT_FAILURES });
    expect((await deps.outbox.pending(500)).map((m) => m.id)).not.toContain(poison.id);

    // Parked, it is tried no more; the others were sent once; the office was told once, of this mail.
    const after = await deliver(deps, mails, await flushPending(deps));
    expect(after.sent).toBe(0);
    expect(await statusOf(poison)).toMatchObject({ status: 'parked', attempts: PARK_AFTER_PERMANENT_FAILURES });
    for (const to of ['x1', 'x2', 'x3', 'x4']) expect(await mailTo(address(to), since), to).toHaveLength(1);
    expect(await mailTo(address('poison'), since)).toEqual([]);
    const told = await mailTo(officeAddress, since);
    expect(told.map((m) => m.subject)).toEqual([`【邮件未能发送】${poison.subject.replace('\ud800', '\uFFFD')}`]);
    expect(told[0]!.body.text).toContain(address('poison'));
  });

  it('the SES mailer refuses a lone surrogate for good, without sending anything, and the next mail goes out whole', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const since = nowEpochSeconds() - 1;
    const mailer = new SesMailer();
    const bad = { ...reminder(`坏\udc00字-${tag}`), to: [address('bad')] };
    await expect(mailer.send(bad)).rejects.toMatchObject({ name: 'MailNotSent', retryable: false });
    const next = { ...reminder(`下一封-${tag}`), to: [address('next')] };
    await mailer.send(next);
    expect((await mailTo(address('next'), since)).map((m) => m.subject)).toEqual([next.subject]);
    expect(await mailTo(address('bad'), since)).toEqual([]);
  });
});
