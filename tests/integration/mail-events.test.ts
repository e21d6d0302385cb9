import { randomInt, randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../functions/adapters/clock';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { outboxKey } from '../../functions/adapters/dynamodb/keys';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox';
import { SesMailer } from '../../functions/adapters/ses/mailer';
import { addDays, startOfShanghaiDay } from '../../functions/domain/calendar';
import { chineseDate } from '../../functions/domain/mail';
import { handler } from '../../functions/mail-events/handler';
import { jobDeps } from '../../functions/jobs/wiring';
import { flushPending } from '../../functions/use-cases/deliver-mail';
import { sendDeadlineReminders } from '../../functions/use-cases/jobs/deadline-reminders';
import { sendWeeklyDigest } from '../../functions/use-cases/jobs/weekly-digest';
import { injectMailEvent, latestSentTo, sentTo, sesEventFor } from '../../scripts/local/mail-events';
import { head, liaison, meetingDecision, unitRegistration } from '../fixtures';
import { ScopedDue, ScopedFacts } from './scoped';
import { api, mailTo, tokenFor } from './support';

/**
 * Delivery receipts (issue 13), driven as `npm run mail-event` drives them: the latest sent-marker to an address,
 * the EventBridge event SES would publish for it, the mail-events handler. A hard bounce makes the contact
 * undeliverable; the next reminder goes to the unit's other contact; the office is told once in the digest; a
 * notice shows per named unit whether it was delivered. Units of its own, in a far year of its own.
 */
const tag = randomUUID().slice(0, 8);
const year = randomInt(2040, 2091);
const marker = `-mev-${tag}`;
const county = `county${marker}`;
const bureau = `bureau${marker}`;
const officeUnit = `office${marker}`;
const officeAddress = `duban@${officeUnit}.example.gov.cn`;
const countyName = `回执测试县${tag}`;
const bureauName = `回执测试局${tag}`;
const fixedAddress = `new-head@${county}.example.gov.cn`;

/** The first Monday of March of the year, and an item due on the Friday after the next. */
const march1 = `${year}-03-01`;
const monday = addDays(march1, (8 - new Date(`${march1}T00:00:00Z`).getUTCDay()) % 7);
const due = addDays(monday, 11);
const at = (date: string, hours: number, minutes = 0) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let office: string;
let noticeId: string;

const deps = () => ({ ...jobDeps(), due: new ScopedDue(marker), facts: new ScopedFacts(marker) });
const settle = () => flushPending({ outbox: new DynamoOutbox(), mailer: new SesMailer(), clock: systemClock });
const count = async (address: string) => (await mailTo(address)).length;
const getJson = async (path: string, token = office) => {
  const res = await api('GET', path, { token });
  expect(res.status, res.text).toBe(200);
  return res.json as Json;
};
const contactAt = (unit: Json, email: string) => (unit.contacts as Json[]).find((c) => c.email === email)!;
const digestsToOffice = async () => (await mailTo(officeAddress)).filter((m) => m.subject.startsWith('【督查周报】'));

beforeAll(async () => {
  office = await tokenFor('office');
  for (const body of [
    unitRegistration(county, countyName),
    unitRegistration(bureau, bureauName, 'department', [{ name: '赵局长', email: head(bureau), role: 'head' }]),
    unitRegistration(officeUnit, `督查室${tag}`, 'office', [{ name: '督办员', email: officeAddress, role: 'liaison' }]),
  ]) {
    const res = await api('POST', '/units', { token: office, body });
    expect(res.status, res.text).toBe(201);
  }
  const item = await api('POST', '/items', {
    token: office,
    body: meetingDecision({ title: `回执测试事项${tag}`, leadUnit: county, dueDate: due }),
  });
  expect(item.status, item.text).toBe(201);
  await settle();
}, 60_000);

describe('a hard bounce: the other contact, the office told once', () => {
  it('a reminder goes to both contacts while both are deliverable', async () => {
    const [h, l] = [await count(head(county)), await count(liaison(county))];
    await sendDeadlineReminders(deps(), at(addDays(due, -3), 9));
    expect(await count(head(county))).toBe(h + 1);
    expect(await count(liaison(county))).toBe(l + 1);
  });

  it('npm run mail-event -- bounce: the head becomes undeliverable, recorded in the unit history as the system', async () => {
    const injected = await injectMailEvent('bounce', head(county));
    expect(injected?.event).toMatchObject({ source: 'aws.ses', 'detail-type': 'Email Bounced' });
    expect(injected?.outcome).toMatchObject({ outcome: 'recorded', type: 'bounce', undeliverable: [county] });
    const unit = await getJson(`/units/${county}`);
    expect(contactAt(unit, head(county))).toMatchObject({ undeliverable: true, undeliverableSince: expect.any(String) });
    expect(contactAt(unit, liaison(county)).undeliverable).toBe(false);
    const history = await getJson(`/units/${county}/history`);
    expect(history.items.at(-1)).toMatchObject({ type: 'unit.edited', actor: { sub: 'system' } });
    // The unit reads its own contacts' state too; another unit does not see its contacts at all.
    expect(contactAt(await getJson(`/units/${county}`, await tokenFor('unit', county)), head(county)).undeliverable).toBe(true);
    expect((await getJson(`/units/${county}`, await tokenFor('unit', bureau))).contacts).toBeUndefined();
  });

  it('the same event delivered again changes nothing', async () => {
    const mail = await latestSentTo(head(county));
    const before = await getJson(`/units/${county}`);
    const again = await handler(sesEventFor('bounce', mail!, head(county)));
    expect(again).toMatchObject({ outcome: 'repeated', undeliverable: [] });
    expect((await getJson(`/units/${county}`)).version).toBe(before.version);
  });

  it('the next reminder goes to the liaison only', async () => {
    const [h, l] = [await count(head(county)), await count(liaison(county))];
    await sendDeadlineReminders(deps(), at(addDays(due, -1), 9));
    expect(await count(liaison(county))).toBe(l + 1);
    expect(await count(head(county))).toBe(h);
  });

  it('a second bounce of the same address (another mail) is recorded and changes the unit no further', async () => {
    const older = (await sentTo(head(county)))[0]!;
    expect(older.id).not.toBe((await latestSentTo(head(county)))!.id);
    const before = await getJson(`/units/${county}`);
    const outcome = await handler(sesEventFor('bounce', older, head(county)));
    expect(outcome).toMatchObject({ outcome: 'recorded', undeliverable: [] });
    expect((await getJson(`/units/${county}`)).version).toBe(before.version);
  });
});

describe("a notice's delivery per named unit", () => {
  it('is pending until a receipt comes; delivered, or bounced when every mail bounced', async () => {
    const res = await api('POST', '/notices', {
      token: office,
      body: { level: 'office', unitIds: [county, bureau], reason: `回执测试通报${tag}` },
    });
    expect(res.status, res.text).toBe(201);
    noticeId = (res.json as Json).id;
    await settle();
    expect((await getJson(`/notices/${noticeId}`)).delivery).toEqual([
      { unitId: county, state: 'pending' },
      { unitId: bureau, state: 'pending' },
    ]);
    // The county's head is undeliverable: its notice went to the liaison, whose delivery proves the county was told.
    expect((await latestSentTo(liaison(county)))?.notice).toBe(noticeId);
    expect(await latestSentTo(head(county))).not.toMatchObject({ notice: noticeId });
    expect((await injectMailEvent('delivery', liaison(county)))?.outcome).toMatchObject({ outcome: 'recorded', type: 'delivery' });
    expect((await injectMailEvent('bounce', head(bureau)))?.outcome).toMatchObject({ outcome: 'recorded', undeliverable: [bureau] });
    const notice = await getJson(`/notices/${noticeId}`);
    expect(notice.delivery).toEqual([
      { unitId: county, state: 'delivered', at: expect.any(String) },
      { unitId: bureau, state: 'bounced', at: expect.any(String) },
    ]);
  });

  it('a unit reads only its own delivery', async () => {
    const own = await getJson(`/notices/${noticeId}`, await tokenFor('unit', county));
    expect(own.delivery).toEqual([{ unitId: county, state: 'delivered', at: expect.any(String) }]);
  });

  it('a complaint is recorded on the mail, once', async () => {
    const injected = await injectMailEvent('complaint', liaison(county));
    expect(injected?.outcome).toMatchObject({ outcome: 'recorded', type: 'complaint', undeliverable: [] });
    const { client, tableName } = ledger();
    const marker = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { PK: { S: outboxKey(injected!.outcome.markerId!).PK }, SK: { S: 'MAIL' } } }),
    );
    expect(marker.Item?.complainedAt?.S).toBeDefined();
    expect(marker.Item?.deliveredAt?.S).toBeDefined();
    expect(await handler(injected!.event)).toMatchObject({ outcome: 'repeated' });
  });

  it('an event for a mail ducha never sent is ignored without error', async () => {
    const stranger = sesEventFor(
      'bounce',
      { id: `nobody-${tag}`, kind: 'x', day: '2026-01-01', to: ['x@y.cn'], sentAt: new Date().toISOString(), messageId: `unknown-${tag}` },
      'x@y.cn',
    );
    expect(await handler(stranger)).toMatchObject({ outcome: 'ignored', undeliverable: [] });
    expect(await handler({ 'detail-type': 'Email Opened', source: 'aws.ses', detail: { eventType: 'Open' } })).toMatchObject({
      outcome: 'ignored',
    });
  });
});

describe('the office is told once, in the weekly digest', () => {
  // Every office unit gets every digest, and a digest another test file runs meanwhile may be the one that tells
  // (test files run side by side): "once" is counted over all the digests this office received.
  const countyLine = `无法送达：${countyName} 主要负责人 张主任 ${head(county)}`;
  const bureauLine = `无法送达：${bureauName} 主要负责人 赵局长 ${head(bureau)}`;
  const occurrences = async (line: string) => (await digestsToOffice()).reduce((n, d) => n + (d.body.text ?? '').split(line).length - 1, 0);
  const ofWeek = async (date: string) => (await digestsToOffice()).filter((d) => d.subject.includes(`${chineseDate(date)}当周`));

  it('one line per undeliverable contact; a unit with none left says so', async () => {
    await sendWeeklyDigest(deps(), at(monday, 8, 30));
    expect(await ofWeek(monday)).toHaveLength(1);
    expect(await occurrences(countyLine)).toBe(1);
    expect(await occurrences(bureauLine)).toBe(1);
    const telling = (await digestsToOffice()).find((d) => (d.body.text ?? '').includes(bureauLine))!;
    expect(telling.body.text).toContain('该单位已无可送达的联系人');
    expect(telling.body.text).not.toContain(liaison(county));
  });

  it('a re-run of the digest sends nothing twice, and the next week does not repeat the lines', async () => {
    await sendWeeklyDigest(deps(), at(monday, 8, 30));
    expect(await ofWeek(monday)).toHaveLength(1);
    await sendWeeklyDigest(deps(), at(addDays(monday, 7), 8, 30));
    expect(await ofWeek(addDays(monday, 7))).toHaveLength(1);
    expect(await occurrences(countyLine)).toBe(1);
    expect(await occurrences(bureauLine)).toBe(1);
  });

  it('a new address given by the office is deliverable again and gets the next reminder', async () => {
    const unit = await getJson(`/units/${county}`);
    const contacts = (unit.contacts as Json[]).map(({ undeliverable: _u, undeliverableSince: _s, ...c }) =>
      c.email === head(county) ? { ...c, email: fixedAddress } : c,
    );
    const res = await api('PATCH', `/units/${county}`, { token: office, body: { contacts }, headers: { 'If-Match': `"${unit.version}"` } });
    expect(res.status, res.text).toBe(200);
    expect(contactAt(res.json as Json, fixedAddress)).toMatchObject({ undeliverable: false });
    expect(contactAt(res.json as Json, fixedAddress).undeliverableSince).toBeUndefined();
    const before = await count(fixedAddress);
    await sendDeadlineReminders(deps(), at(due, 9));
    expect(await count(fixedAddress)).toBe(before + 1);
  });
});
