import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { outboxKey, unitKey } from '../../functions/adapters/dynamodb/keys';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { SesMailer } from '../../functions/adapters/ses/mailer';
import { reminderMail } from '../../functions/domain/mail';
import { logger } from '../../functions/observability';
import { type DeliveryDeps, deliver, flushPending, PARK_AFTER_PERMANENT_FAILURES, queueFor } from '../../functions/use-cases/deliver-mail';
import type { QueuedMail } from '../../functions/use-cases/ports';
import { meetingDecision, unitRegistration } from '../fixtures';
import { api, mailTo, nowEpochSeconds, tokenFor } from './support';

/**
 * Poison text through the real outbox (DynamoDB Local) and the real mailer
 * (the SES emulator). A unit name stored outside the API with a lone surrogate
 * is made safe when a mail is rendered, so the mails that quote it go out. A
 * mail queued before that (its subject already holding the surrogate) is one no
 * mail service can carry: it must not stop the mails after it in the same run,
 * it is parked after PARK_AFTER_PERMANENT_FAILURES failures, and the office is
 * told once.
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
      // Rendered mail is well-formed now: this one was queued as it was rendered before that.
      ...queueFor([address('poison')], 'reminder', day, [`p-${tag}`], { ...good, subject: `【提醒】供水\ud800改造-${tag}` }),
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
    const bad = { ...reminder(`坏字-${tag}`), subject: `【提醒】坏\udc00字-${tag}`, to: [address('bad')] };
    await expect(mailer.send(bad)).rejects.toMatchObject({ name: 'MailNotSent', retryable: false });
    const next = { ...reminder(`下一封-${tag}`), to: [address('next')] };
    await mailer.send(next);
    expect((await mailTo(address('next'), since)).map((m) => m.subject)).toEqual([next.subject]);
    expect(await mailTo(address('bad'), since)).toEqual([]);
  });

  it("a unit name stored with a lone surrogate: another unit's 派发 mail and the leaders' digest still go out", async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const since = nowEpochSeconds() - 1;
    const office = await tokenFor('office');
    const county = `poison-county-${tag}`;
    const bureau = `poison-bureau-${tag}`;
    const leaders = `poison-leaders-${tag}`;
    for (const unit of [
      unitRegistration(county, `甲县-${tag}`),
      unitRegistration(bureau, `乙局-${tag}`, 'department'),
      unitRegistration(leaders, `市政府领导-${tag}`, 'leadership'),
    ]) {
      const res = await api('POST', '/units', { token: office, body: unit });
      expect(res.status, res.text).toBe(201);
    }
    // Written outside the API, which refuses it: the county's name now holds half a character.
    const { client, tableName } = ledger();
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: toRecord(unitKey(county)),
        UpdateExpression: 'SET #name = :name',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': { S: `甲县\ud800-${tag}` } },
      }),
    );

    // 2027-01-05 is a Tuesday: the item falls due in the week of the digest run below.
    const item = meetingDecision({ title: `疏浚河道-${tag}`, leadUnit: county, coUnits: [bureau], dueDate: '2027-01-05' });
    const registered = await api('POST', '/items', { token: office, body: item });
    expect(registered.status, registered.text).toBe(201);
    const dispatch = await mailTo(`head@${bureau}.example.gov.cn`, since);
    expect(dispatch).toHaveLength(1);
    expect(dispatch[0]!.subject.startsWith(`【派发】疏浚河道-${tag}（`)).toBe(true);
    expect(dispatch[0]!.body.text).toContain(`牵头单位：甲县\uFFFD-${tag}`);

    const { handler } = await import('../../functions/jobs/weekly-digest');
    const summary = await handler({ time: '2027-01-04T00:30:00Z', job: 'weekly-digest' });
    expect(summary).toMatchObject({ failed: 0 });
    for (const to of [`head@${leaders}.example.gov.cn`, `liaison@${leaders}.example.gov.cn`]) {
      const digest = (await mailTo(to, since)).filter((m) => m.subject.startsWith('【督查周报】'));
      expect(digest, to).toHaveLength(1);
      expect(digest[0]!.body.text).toContain(`甲县\uFFFD-${tag}`);
    }
  });
});
