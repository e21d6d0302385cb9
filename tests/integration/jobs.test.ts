import { randomInt, randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { DynamoIdempotencyStore } from '../../functions/adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../../functions/adapters/dynamodb/item-repository';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { SesMailer } from '../../functions/adapters/ses/mailer';
import { addDays, startOfShanghaiDay } from '../../functions/domain/calendar';
import { chineseDate } from '../../functions/domain/mail';
import { handler as overdueHandler } from '../../functions/jobs/overdue-escalation';
import { jobDeps } from '../../functions/jobs/wiring';
import { logger } from '../../functions/observability';
import { JobDays, WorkingCalendar } from '../../functions/domain/working-days';
import { sendDeadlineReminders } from '../../functions/use-cases/jobs/deadline-reminders';
import type { EscalationDeps } from '../../functions/use-cases/jobs/job-context';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import { checkRectifications } from '../../functions/use-cases/jobs/rectification-check';
import { sendWeeklyDigest } from '../../functions/use-cases/jobs/weekly-digest';
import type { Mailer } from '../../functions/use-cases/ports';
import { ScopedDue, ScopedFacts } from './scoped';
import { registerItem } from '../../functions/use-cases/register-item';
import { acknowledgeItem } from '../../functions/use-cases/acknowledge-item';
import { claimCompletion } from '../../functions/use-cases/claim-completion';
import { submitReport } from '../../functions/use-cases/submit-report';
import { verifyItem } from '../../functions/use-cases/verify-item';
import { freePort } from '../../scripts/local/ports';
import { startSesEmulator, type SesEmulator } from '../../scripts/local/ses';
import { api, sentMail, tokenFor, type SentMail } from './support';
import { head, liaison, meetingDecision, unitRegistration, type ItemFields } from '../fixtures';

/**
 * The four scheduled jobs (docs/design.md: rules 2–4, the jobs table) as use cases
 * against the run's DynamoDB Local and SES emulator, and one through its
 * Lambda handler.
 *
 * The jobs' notices have one id per day (overdue-<date>, rectification-<date>)
 * and the jobs read global indexes, so: every scenario runs on days of its own
 * in a random far-future year, with items registered "as of" that period (the
 * register-item use case with a past clock), and the jobs' due-queries are
 * narrowed to the scenario's units (ScopedDue: the real DynamoDB Queries, their
 * answers filtered) — so these jobs neither act on nor are disturbed by the
 * items, notices and rectifications of the files running beside this one. The
 * Lambda handler (the real wiring, unfiltered) runs in a past year, when no
 * other file's item is late yet. Mail is asserted per address of this file.
 */
const tag = randomUUID().slice(0, 8);
const year = randomInt(2040, 2091);
const pastYear = randomInt(2001, 2016);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let office: string;
const officeUnit = `office-${tag}`;
const leadersUnit = `leaders-${tag}`;
const officeAddress = `duban@${officeUnit}.example.gov.cn`;
const leaderAddress = `shizhang@${leadersUnit}.example.gov.cn`;

/** 09:30 (by default) Asia/Shanghai on a calendar date. */
const at = (date: string, hours = 9, minutes = 30) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);

/** A scenario's own unit ids, and the due-queries narrowed to them. */
function scenario(name: string) {
  const marker = `-${name}-${tag}`;
  return {
    id: (unit: string) => `${unit}${marker}`,
    deps: (over: Partial<EscalationDeps> = {}): ReturnType<typeof jobDeps> => ({
      ...jobDeps(),
      due: new ScopedDue(marker),
      facts: new ScopedFacts(marker),
      ...over,
    }),
  };
}

async function registerUnit(...unit: Parameters<typeof unitRegistration>) {
  const res = await api('POST', '/units', { token: office, body: unitRegistration(...unit) });
  expect(res.status, res.text).toBe(201);
}

/** Registers an item "as of" 10:00 on a past (or far-future) date, as the office. */
async function registerItemOn(date: string, fields: ItemFields): Promise<string> {
  const { item } = await registerItem(
    {
      items: new DynamoItemRepository(),
      units: new DynamoUnitRepository(),
      idempotency: new DynamoIdempotencyStore(),
      clock: { now: () => at(date, 10, 0) },
    },
    { sub: 'test-office', role: 'office' },
    meetingDecision(fields),
  );
  return item.id;
}

async function get(path: string, token = office): Promise<Json> {
  const res = await api('GET', path, { token });
  expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
  return res.json;
}

const history = async (itemId: string): Promise<Json[]> => (await get(`/items/${itemId}/history?limit=100`)).items;

/** Every email in a store addressed to one of this file's addresses. */
const ofThisFile = (mails: SentMail[]) => mails.filter((m) => m.destination.to.some((to) => to.includes(tag)));
const mine = async () => ofThisFile(await sentMail());
/** The emails of `after` not in `before`, per recipient. */
function newMail(before: SentMail[], after: SentMail[]) {
  const seen = new Set(before.map((m) => m.messageId));
  const fresh = after.filter((m) => !seen.has(m.messageId));
  const to = (address: string) => fresh.filter((m) => m.destination.to.some((t) => t.toLowerCase() === address.toLowerCase()));
  return { all: fresh, to };
}

async function markerExists(pk: string, sk: string): Promise<boolean> {
  const { client, tableName } = ledger();
  const out = await client.send(new GetItemCommand({ TableName: tableName, Key: { PK: { S: pk }, SK: { S: sk } }, ConsistentRead: true }));
  return out.Item !== undefined;
}

beforeAll(async () => {
  office = await tokenFor('office');
  await registerUnit(officeUnit, `市政府督查室-${tag}`, 'office', [{ name: '督查室', email: officeAddress, role: 'head' }]);
  await registerUnit(leadersUnit, `市政府领导-${tag}`, 'leadership', [{ name: '市长', email: leaderAddress, role: 'head' }]);
});

describe('overdue-escalation and rectification-check: 预警 → 通报批评 → 以政府名义通报 (rules 2–4)', () => {
  const s = scenario('s1');
  const A = s.id('a');
  const B = s.id('b');
  const nameA = `甲县-${tag}`;
  const nameB = `乙局-${tag}`;
  const titleA = `汉江堤防加固工程-${tag}`;
  const titleB = `老旧小区改造-${tag}`;
  const due = `${year}-01-10`;
  const day1 = addDays(due, 1);
  const day4 = addDays(due, 4); // grace 3: more than 3 days late
  const noticeId = `overdue-${day4}`;
  const checkDay = addDays(day4, 8); // the rectification was due day4 + 7
  const govId = `rectification-${checkDay}`;
  const checkDay2 = addDays(checkDay, 8);
  let itemA: string;
  let itemB: string;
  let bToken: string;

  beforeAll(async () => {
    await registerUnit(A, nameA);
    await registerUnit(B, nameB, 'department');
    bToken = await tokenFor('unit', B);
    itemA = await registerItemOn(`${year}-01-02`, { title: titleA, leadUnit: A, dueDate: due });
    itemB = await registerItemOn(`${year}-01-02`, { title: titleB, leadUnit: B, dueDate: due });
  });

  it('day 1 late: a 预警 to each unit’s head and the office, once however often the job runs', async () => {
    const before = await mine();
    const result = await escalateOverdue(s.deps(), at(day1));
    expect(result).toMatchObject({ job: 'overdue-escalation', date: day1, noticesIssued: [] });
    expect(result.emails.failed).toBe(0);
    const fresh = newMail(before, await mine());
    for (const [unit, name, title] of [
      [A, nameA, titleA],
      [B, nameB, titleB],
    ] as const) {
      const warnings = fresh.to(head(unit));
      expect(warnings.map((m) => m.subject)).toEqual([`【预警】${name}督查事项逾期预警（${chineseDate(day1)}）`]);
      expect(warnings[0]!.body.text).toContain(title);
      // The grace period counts working days (the calendar is there): the warning says so, as the notice will.
      expect(warnings[0]!.body.text).toContain('已超过完成时限1个工作日');
      expect(warnings[0]!.body.text).toContain('逾期超过3个工作日仍未说明原因并报送的');
      // 预警 goes to the liaison as well as the head (issue 14), once each.
      expect(fresh.to(liaison(unit)).map((m) => m.subject)).toEqual(warnings.map((m) => m.subject));
    }
    const toOffice = fresh.to(officeAddress).map((m) => m.subject);
    expect(toOffice).toHaveLength(2);
    expect(toOffice).toEqual(
      expect.arrayContaining([expect.stringContaining(`【预警】${nameA}`), expect.stringContaining(`【预警】${nameB}`)]),
    );
    expect(fresh.to(leaderAddress)).toEqual([]);
    expect(await jobDeps().notices.get(`overdue-${day1}`)).toBeNull();

    // The same day again, and the next days within the grace period: nothing new.
    const settled = await mine();
    for (const day of [day1, addDays(due, 2), addDays(due, 3)]) {
      const again = await escalateOverdue(s.deps(), at(day));
      expect(again.noticesIssued).toEqual([]);
    }
    expect(newMail(settled, await mine()).all).toEqual([]);
    expect(await jobDeps().notices.get(`overdue-${addDays(due, 3)}`)).toBeNull();
  });

  it('past the grace period: ONE office notice of the day naming both units and items, emailed to units, office and leaders, in each item’s history; once', async () => {
    const before = await mine();
    const result = await escalateOverdue(s.deps(), at(day4));
    expect(result.noticesIssued).toEqual([noticeId]);
    expect(result.emails.failed).toBe(0);

    const notice = await get(`/notices/${noticeId}`);
    expect(notice).toMatchObject({ id: noticeId, level: 'office', rectificationDue: addDays(day4, 7), mediaExposure: false });
    expect([...notice.unitIds].sort()).toEqual([A, B].sort());
    expect([...notice.itemIds].sort()).toEqual([itemA, itemB].sort());
    expect(notice.rectifications).toEqual(
      expect.arrayContaining([
        { unitId: A, due: addDays(day4, 7), status: 'owed' },
        { unitId: B, due: addDays(day4, 7), status: 'owed' },
      ]),
    );

    const fresh = newMail(before, await mine());
    for (const address of [head(A), liaison(A), head(B), liaison(B), officeAddress, leaderAddress]) {
      const got = fresh.to(address);
      expect(
        got.map((m) => m.subject),
        address,
      ).toEqual([expect.stringMatching(/^【通报】督查室通报批评：关于.*的通报/)]);
      // Named by its 文号 (issue 14), not by its id.
      expect(notice.documentNumber).toMatch(new RegExp(`^安督通〔${year}〕\\d+号$`));
      for (const text of [nameA, nameB, titleA, titleB, notice.documentNumber, chineseDate(addDays(day4, 7))])
        expect(got[0]!.body.text, address).toContain(text);
    }
    for (const itemId of [itemA, itemB]) {
      const issued = (await history(itemId)).filter((e) => e.type === 'notice.issued');
      expect(issued).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ role: 'office' }),
          data: expect.objectContaining({ noticeId, level: 'office' }),
        }),
      ]);
    }

    // Re-run that day: no new notice, no new email, no second history event.
    const settled = await mine();
    const again = await escalateOverdue(s.deps(), at(day4, 15, 0));
    expect(again.noticesIssued).toEqual([]);
    expect(newMail(settled, await mine()).all).toEqual([]);
    for (const itemId of [itemA, itemB]) expect((await history(itemId)).filter((e) => e.type === 'notice.issued')).toHaveLength(1);
    const naming = (await get('/notices?limit=100')).items.filter((n: Json) => n.unitIds.includes(A));
    expect(naming.map((n: Json) => n.id)).toEqual([noticeId]);
  });

  it('B rectifies within the week; a week on, the check escalates A alone: government notice, not eligible for 优秀, 整改督办 to leaders and office; once', async () => {
    const rect = await api('POST', `/notices/${noticeId}/rectifications`, {
      token: bToken,
      body: { explanation: '对逾期问题说明原因', measures: '倒排工期，专人盯办', report: '关于老旧小区改造逾期问题的整改报告' },
    });
    expect(rect.status, rect.text).toBe(201);
    expect(rect.json).toMatchObject({ noticeId, unitId: B, onTime: true });

    // The day the rectification is due, nothing yet.
    expect((await checkRectifications(s.deps(), at(addDays(day4, 7), 10, 0))).noticesIssued).toEqual([]);

    const before = await mine();
    const result = await checkRectifications(s.deps(), at(checkDay, 10, 0));
    expect(result).toMatchObject({ job: 'rectification-check', date: checkDay, noticesIssued: [govId] });
    expect(result.emails.failed).toBe(0);

    const gov = await get(`/notices/${govId}`);
    expect(gov).toMatchObject({ level: 'government', unitIds: [A], escalates: [noticeId], rectificationDue: addDays(checkDay, 7) });
    expect(gov.referralSuggested).toBeUndefined();
    expect(await markerExists(`UNIT#${A}`, `MARK#not-excellent#${year}`)).toBe(true);
    expect(await markerExists(`UNIT#${B}`, `MARK#not-excellent#${year}`)).toBe(false);

    const original = await get(`/notices/${noticeId}`);
    const standing = Object.fromEntries(original.rectifications.map((r: Json) => [r.unitId, r.status]));
    expect(standing).toEqual({ [A]: 'escalated', [B]: 'rectified' });

    const fresh = newMail(before, await mine());
    for (const address of [leaderAddress, officeAddress]) {
      const duban = fresh.to(address).filter((m) => m.subject.startsWith('【整改督办】'));
      expect(
        duban.map((m) => m.subject),
        address,
      ).toEqual([`【整改督办】${nameA}逾期未报送整改报告（${chineseDate(checkDay)}）`]);
      expect(duban[0]!.body.text).toContain(gov.documentNumber);
      expect(duban[0]!.body.text).toContain(`${year}年度目标责任考核不得评为优秀`);
      expect(duban[0]!.body.text).not.toContain(nameB);
    }
    for (const address of [head(A), liaison(A)]) {
      expect(fresh.to(address).map((m) => m.subject)).toEqual([expect.stringContaining('【通报】以政府名义通报')]);
    }
    expect([...fresh.to(head(B)), ...fresh.to(liaison(B))]).toEqual([]);
    expect((await history(itemA)).filter((e) => e.type === 'notice.issued').map((e) => e.data.noticeId)).toEqual([noticeId, govId]);

    // Re-run that day: nothing new.
    const settled = await mine();
    const again = await checkRectifications(s.deps(), at(checkDay, 16, 0));
    expect(again.noticesIssued).toEqual([]);
    expect(newMail(settled, await mine()).all).toEqual([]);
    expect((await history(itemA)).filter((e) => e.type === 'notice.issued')).toHaveLength(2);
  });

  it('the government notice lists only the items of the units it escalates (not B’s, which B rectified)', async () => {
    const gov = await get(`/notices/${govId}`);
    expect(gov.itemIds).toEqual([itemA]);
    expect((await history(itemB)).filter((e) => e.type === 'notice.issued').map((e) => e.data.noticeId)).toEqual([noticeId]);
  });

  it('A ignores the government notice too: the next check escalates again and suggests a referral (移送)', async () => {
    const before = await mine();
    const result = await checkRectifications(s.deps(), at(checkDay2, 10, 0));
    const id2 = `rectification-${checkDay2}`;
    expect(result.noticesIssued).toEqual([id2]);
    expect(await get(`/notices/${id2}`)).toMatchObject({ level: 'government', unitIds: [A], escalates: [govId], referralSuggested: [A] });
    // Who is proposed for 移送 is for the office and the leaders only (README): not the unit named, nor an inspector.
    expect((await get(`/notices/${id2}`, await tokenFor('leader'))).referralSuggested).toEqual([A]);
    for (const token of [await tokenFor('unit', A), await tokenFor('inspector')]) {
      const seen = await get(`/notices/${id2}`, token);
      expect(seen).toMatchObject({ id: id2, unitIds: [A] });
      expect(seen).not.toHaveProperty('referralSuggested');
      const listed: Json[] = [];
      let cursor: string | undefined;
      do {
        const page = await get(`/notices?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
        listed.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      expect(listed.some((n) => n.id === id2)).toBe(true);
      expect(listed.some((n) => 'referralSuggested' in n)).toBe(false);
    }
    const duban = newMail(before, await mine())
      .to(leaderAddress)
      .filter((m) => m.subject.startsWith('【整改督办】'));
    expect(duban).toHaveLength(1);
    expect(duban[0]!.body.text).toContain('建议移送监察机关');
  });
});

describe('deadline-reminders: one 提醒 digest per unit and day', () => {
  const s = scenario('s2');
  const C = s.id('c');
  const D = s.id('d');
  const G = s.id('g'); // no contacts
  const today = `${year}-04-10`;
  const titles = {
    in3: `三日内到期-${tag}`,
    in1: `明日到期-${tag}`,
    in0: `今日到期-${tag}`,
    report: `定期报送-${tag}`,
    in2: `两日后到期-${tag}`,
    in7: `七日后到期-${tag}`,
    lonely: `无联系人单位事项-${tag}`,
  };

  beforeAll(async () => {
    await registerUnit(C, `丙区-${tag}`);
    await registerUnit(D, `丁局-${tag}`, 'department', [{ name: '丁局长', email: head(D), role: 'head' }]);
    await registerUnit(G, `戊所-${tag}`, 'agency', []);
    const registered = addDays(today, -9);
    await Promise.all([
      registerItemOn(registered, { title: titles.in3, leadUnit: C, dueDate: addDays(today, 3) }),
      registerItemOn(registered, { title: titles.in1, leadUnit: C, coUnits: [D], dueDate: addDays(today, 1) }),
      registerItemOn(registered, { title: titles.in0, leadUnit: C, dueDate: today }),
      // Reports every 10 days from registration: the next one is due tomorrow.
      registerItemOn(registered, { title: titles.report, leadUnit: C, dueDate: addDays(today, 60), reportEveryDays: 10 }),
      registerItemOn(registered, { title: titles.in2, leadUnit: C, dueDate: addDays(today, 2) }),
      registerItemOn(registered, { title: titles.in7, leadUnit: C, dueDate: addDays(today, 7) }),
      registerItemOn(registered, { title: titles.lonely, leadUnit: G, dueDate: addDays(today, 1) }),
    ]);
  });

  it('reminds of items due in 3, 1 and 0 days and of a report due tomorrow, in ONE email per contact; co-units get their own; re-runs send nothing; other days on request', async () => {
    const before = await mine();
    const result = await sendDeadlineReminders(s.deps(), at(today, 9, 0));
    expect(result).toMatchObject({ job: 'deadline-reminders', date: today });
    expect(result.emails.failed).toBe(0);
    expect(result.unitsWithoutContacts).toContain(G);
    expect(result.unitsWithoutContacts).not.toContain(C);

    const fresh = newMail(before, await mine());
    for (const address of [head(C), liaison(C)]) {
      const got = fresh.to(address);
      expect(
        got.map((m) => m.subject),
        address,
      ).toEqual([`【提醒】丙区-${tag}督查事项办理提醒（${chineseDate(today)}）`]);
      const text = got[0]!.body.text!;
      for (const title of [titles.in3, titles.in1, titles.in0, titles.report]) expect(text, title).toContain(title);
      for (const title of [titles.in2, titles.in7, titles.lonely]) expect(text, title).not.toContain(title);
      expect(text).toContain('距完成时限为今日');
      expect(text).toContain('距完成时限还有3天');
      expect(text).toContain('距办理情况报送时限还有1天');
    }
    const toD = fresh.to(head(D));
    expect(toD.map((m) => m.subject)).toEqual([`【提醒】丁局-${tag}督查事项办理提醒（${chineseDate(today)}）`]);
    expect(toD[0]!.body.text).toContain(titles.in1);
    for (const title of [titles.in3, titles.in0, titles.report]) expect(toD[0]!.body.text).not.toContain(title);

    // Again that day: nothing new.
    const settled = await mine();
    await sendDeadlineReminders(s.deps(), at(today, 11, 0));
    expect(newMail(settled, await mine()).all).toEqual([]);

    // The configurable days: [7] reminds of another set.
    const before7 = await mine();
    const seven = await sendDeadlineReminders(s.deps(), at(today, 9, 0), [7]);
    expect(seven.emails.failed).toBe(0);
    const fresh7 = newMail(before7, await mine());
    for (const address of [head(C), liaison(C)]) {
      const got = fresh7.to(address);
      expect(got).toHaveLength(1);
      expect(got[0]!.body.text).toContain(titles.in7);
      expect(got[0]!.body.text).toContain('距完成时限还有7天');
      for (const title of [titles.in3, titles.in1, titles.in0, titles.report]) expect(got[0]!.body.text).not.toContain(title);
    }
    expect(fresh7.to(head(D))).toEqual([]);
  });
});

describe('nothing lost when SES fails mid-run', () => {
  const s = scenario('s3');
  const E = s.id('e');
  const F = s.id('f');
  const today = `${year}-06-10`;
  let port: number;
  let ses: SesEmulator | undefined;

  const store = async (url: string): Promise<SentMail[]> => ((await (await fetch(`${url}/store`)).json()) as { emails: SentMail[] }).emails;

  beforeAll(async () => {
    await registerUnit(E, `己县-${tag}`);
    await registerUnit(F, `庚局-${tag}`, 'department');
    await registerItemOn(addDays(today, -5), { title: `东区污水管网-${tag}`, leadUnit: E, dueDate: addDays(today, 1) });
    await registerItemOn(addDays(today, -5), { title: `西区垃圾分类-${tag}`, leadUnit: F, dueDate: addDays(today, 1) });
    port = await freePort();
    ses = await startSesEmulator({ port });
  });
  afterAll(async () => {
    await ses?.stop();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('mail the emulator could not take stays pending; the next run sends each of it once and nothing twice', async () => {
    // Each failed send is warned of: expected here, so caught and counted rather than printed.
    const warnings = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const url = ses!.url;
    // The emulator's store is this process's, shared with the file's own emulator: mail of earlier tests is in it.
    const earlier = new Set((await store(url)).map((m) => m.messageId));
    const ofThisRun = (mails: SentMail[]) => ofThisFile(mails).filter((m) => !earlier.has(m.messageId));
    const real = new SesMailer({ endpoint: url });
    let storeAtStop: SentMail[] | undefined;
    // After the first of this scenario's emails is sent, the emulator goes down.
    const mailer: Mailer = {
      async send(mail) {
        await real.send(mail);
        if (!storeAtStop && mail.to.some((to) => to.includes(tag))) {
          storeAtStop = await store(url);
          await ses!.stop();
        }
      },
    };
    const addresses = [head(E), liaison(E), head(F), liaison(F)];
    const first = await sendDeadlineReminders(s.deps({ mailer }), at(today, 9, 0));
    expect(storeAtStop).toBeDefined();
    const sentFirst = ofThisRun(storeAtStop!).map((m) => m.destination.to[0]!);
    expect(sentFirst).toHaveLength(1);
    expect(first.emails.failed).toBeGreaterThanOrEqual(3);
    expect(first.emails.failures).toEqual(
      expect.arrayContaining([{ kind: 'reminder', reason: expect.stringContaining('SES did not send the mail') }]),
    );
    expect(warnings).toHaveBeenCalledTimes(first.emails.failed);

    const pendingOfMine = async () => (await new DynamoOutbox().pending(500)).filter((m) => m.to.some((to) => to.includes(s.id(''))));
    const pending = (await pendingOfMine()).map((m) => m.to[0]!);
    expect([...pending, ...sentFirst].sort()).toEqual([...addresses].sort());

    // The emulator is back (its store is this process's, kept across the restart); the same day again.
    ses = await startSesEmulator({ port });
    const second = await sendDeadlineReminders(s.deps({ mailer }), at(today, 9, 0));
    expect(second.emails.failed).toBe(0);
    expect(await pendingOfMine()).toEqual([]);
    const seen = new Set(ofThisRun(storeAtStop!).map((m) => m.messageId));
    const resent = ofThisRun(await store(ses.url))
      .filter((m) => !seen.has(m.messageId))
      .map((m) => m.destination.to[0]!);
    expect(resent.sort()).toEqual([...pending].sort());
    const everything = ofThisRun(await store(ses.url)).map((m) => m.destination.to[0]!);
    expect(everything.sort()).toEqual([...addresses].sort());
    for (const m of ofThisRun(await store(ses.url))) expect(m.subject).toMatch(/^【提醒】/);
  });
});

describe('weekly-digest: 督查周报 to the leaders and the office', () => {
  const s = scenario('s4');
  const H = s.id('h');
  // The first Monday of September.
  const sept1 = `${year}-09-01`;
  const monday = addDays(sept1, (8 - new Date(`${sept1}T00:00:00Z`).getUTCDay()) % 7);
  const red = `逾期未办结事项-${tag}`;
  const green = `正常推进事项-${tag}`;

  beforeAll(async () => {
    await registerUnit(H, `辛区-${tag}`);
    await registerItemOn(addDays(monday, -20), { title: red, leadUnit: H, dueDate: addDays(monday, -2) });
    await registerItemOn(addDays(monday, -20), { title: green, leadUnit: H, dueDate: addDays(monday, 30), source: 'work-report' });
  });

  it('lists the ledger by status, source and light, with the red item and its unit; once a week', async () => {
    expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
    const before = await mine();
    const result = await sendWeeklyDigest(s.deps(), at(monday, 8, 30));
    expect(result).toMatchObject({ job: 'weekly-digest', date: monday, looked: 2 });
    const fresh = newMail(before, await mine());
    for (const address of [leaderAddress, officeAddress]) {
      const got = fresh.to(address);
      expect(
        got.map((m) => m.subject),
        address,
      ).toEqual([`【督查周报】督查工作周报（${chineseDate(monday)}当周）`]);
      const text = got[0]!.body.text!;
      expect(text).toContain('督查台账共有督查事项2项');
      expect(text).toContain('六、红灯（逾期）事项（1项）');
      // The overview's figures: the red item is this year's one item past its deadline, none closed.
      expect(text).toContain('逾期未办结：1项');
      expect(text).toContain('按期办结率：0.0%');
      expect(text).toContain('本周无到期事项');
      expect(text).toMatch(new RegExp(`七、红灯事项较多的单位\\n\\n1\\. 辛区-${tag}\\n   红灯事项：1项`));

      expect(text).toContain(red);
      expect(text).toContain(`辛区-${tag}`);
      expect(text).not.toContain(green);
    }
    expect(fresh.to(head(H))).toEqual([]);

    const settled = await mine();
    await sendWeeklyDigest(s.deps(), at(monday, 10, 0));
    expect(newMail(settled, await mine()).all).toEqual([]);
  });
});

describe('a failure mid-run loses nothing: the re-run completes what the failed run began', () => {
  it('rectification-check: a DynamoDB error while queueing its mail; the re-run still marks the unit, mails leaders and office, records the notice', async () => {
    const s = scenario('s5');
    const M = s.id('m');
    const name = `壬县-${tag}`;
    await registerUnit(M, name);
    const due = `${year}-11-01`;
    const itemId = await registerItemOn(`${year}-10-25`, { title: `整改跟踪事项-${tag}`, leadUnit: M, dueDate: due });
    const noticeDay = addDays(due, 4);
    expect((await escalateOverdue(s.deps(), at(noticeDay))).noticesIssued).toEqual([`overdue-${noticeDay}`]);

    const checkDay = addDays(noticeDay, 8);
    const outbox = new DynamoOutbox();
    let failures = 0;
    const flaky = Object.assign(Object.create(outbox) as DynamoOutbox, {
      claim: async (...args: Parameters<DynamoOutbox['claim']>) => {
        if (failures++ === 0)
          throw Object.assign(new Error('Throughput exceeds the current capacity of your table'), {
            name: 'ProvisionedThroughputExceededException',
          });
        return outbox.claim(...args);
      },
    });
    await expect(checkRectifications(s.deps({ outbox: flaky }), at(checkDay, 10, 0))).rejects.toThrow(/capacity/);

    // The scheduler's retry of the same day.
    const before = await mine();
    await checkRectifications(s.deps(), at(checkDay, 10, 5));
    const fresh = newMail(before, await mine());
    expect(fresh.to(leaderAddress).map((m) => m.subject)).toEqual([`【整改督办】${name}逾期未报送整改报告（${chineseDate(checkDay)}）`]);
    expect(await markerExists(`UNIT#${M}`, `MARK#not-excellent#${year}`)).toBe(true);
    expect((await history(itemId)).map((e) => e.data.noticeId)).toContain(`rectification-${checkDay}`);
  });

  it('overdue-escalation: an error while recording the notice in the items’ histories; the re-run records it', async () => {
    const s = scenario('s6');
    const N = s.id('n');
    await registerUnit(N, `癸局-${tag}`, 'department');
    const due = `${year}-12-01`;
    const itemId = await registerItemOn(`${year}-11-25`, { title: `历史记录事项-${tag}`, leadUnit: N, dueDate: due });
    const day = addDays(due, 4);
    const items = new DynamoItemRepository();
    let failures = 0;
    const flaky = Object.assign(Object.create(items) as DynamoItemRepository, {
      commit: async (...args: Parameters<DynamoItemRepository['commit']>) => {
        if (failures++ === 0)
          throw Object.assign(new Error('Throughput exceeds the current capacity of your table'), {
            name: 'ProvisionedThroughputExceededException',
          });
        return items.commit(...args);
      },
    });
    await expect(escalateOverdue(s.deps({ items: flaky }), at(day))).rejects.toThrow(/capacity/);
    await escalateOverdue(s.deps(), at(day, 9, 35));
    expect((await history(itemId)).filter((e) => e.type === 'notice.issued').map((e) => e.data.noticeId)).toEqual([`overdue-${day}`]);
  });
});

describe('a job through its Lambda handler (the real wiring, the time from the event)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const K = `k-s7-${tag}`;
  // The real wiring follows China's calendar (working-days.ts): the job warns on working days only, so the day after is one.
  const days = new JobDays(new WorkingCalendar());
  let due = `${pastYear}-05-10`;
  while (!days.isWorkingDay(addDays(due, 1))) due = addDays(due, 1);
  const title = `汛期安全隐患排查-${tag}`;

  beforeAll(async () => {
    await registerUnit(K, `子镇-${tag}`);
    await registerItemOn(`${pastYear}-05-01`, { title, leadUnit: K, dueDate: due });
  });

  it('overdue-escalation runs as of the event’s time and warns the late unit’s head and the office', async () => {
    const day = addDays(due, 1);
    const before = await mine();
    const logged = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const result = await overdueHandler({ time: at(day).toISOString(), job: 'overdue-escalation' });
    expect(logged).toHaveBeenCalledExactlyOnceWith('overdue-escalation done', result);
    // The summary every job answers and logs: the event's instant in Shanghai time, the emails counted flat.
    expect(result).toMatchObject({ job: 'overdue-escalation', time: `${day}T09:30:00+08:00`, date: day, noticesIssued: [] });
    expect(result).toMatchObject({ skipped: 0, failed: 0, failures: [] });
    expect(result.sent).toBeGreaterThanOrEqual(2);
    const fresh = newMail(before, await mine());
    expect(fresh.to(head(K)).map((m) => m.subject)).toEqual([`【预警】子镇-${tag}督查事项逾期预警（${chineseDate(day)}）`]);
    expect(fresh.to(head(K))[0]!.body.text).toContain(title);
    expect(fresh.to(officeAddress).map((m) => m.subject)).toEqual([expect.stringContaining(`子镇-${tag}`)]);
    await expect(overdueHandler({ time: 'yesterday' })).rejects.toThrow();
  });
});

describe('a completion claimed by its deadline awaits the office’s verification: no reminder, warning or notice meanwhile', () => {
  it('neither the late deadline nor the report it can no longer make is held against the unit; a failed verification puts it back on the hook', async () => {
    const s = scenario('s8');
    const P = s.id('p');
    await registerUnit(P, `癸县-${tag}`);
    const due = `${year}-03-10`;
    const itemId = await registerItemOn(`${year}-02-01`, {
      title: `农村饮水安全巩固提升-${tag}`,
      leadUnit: P,
      dueDate: due,
      reportEveryDays: 10,
    });
    const unit = { sub: `p-${tag}`, role: 'unit' as const, unitId: P };
    const changeDeps = (date: string) => ({
      items: new DynamoItemRepository(),
      idempotency: new DynamoIdempotencyStore(),
      clock: { now: () => at(date, 15, 0) },
    });
    const report = { summary: '按计划推进', percentComplete: 80, answers: [{ requirement: 0, answer: '已完成水源工程' }] };
    await acknowledgeItem(changeDeps(`${year}-02-02`), unit, itemId);
    await submitReport(changeDeps(`${year}-02-10`), unit, itemId, report);
    await submitReport(changeDeps(`${year}-02-20`), unit, itemId, { ...report, percentComplete: 90 });
    await submitReport(changeDeps(`${year}-03-01`), unit, itemId, { ...report, percentComplete: 100 });
    await claimCompletion(changeDeps(`${year}-03-08`), unit, itemId, { summary: '全部工程已完工并通水，群众饮水问题得到解决。' });

    // The deadline (03-10) and the next report date (03-01 + 10 days) both pass while the office has not verified.
    const before = await mine();
    for (const day of [`${year}-03-09`, `${year}-03-11`, `${year}-03-14`, `${year}-03-20`]) {
      expect((await sendDeadlineReminders(s.deps(), at(day, 9, 0))).looked, day).toBe(0);
      const result = await escalateOverdue(s.deps(), at(day));
      expect(result.noticesIssued, day).toEqual([]);
    }
    expect(newMail(before, await mine()).to(head(P))).toEqual([]);
    expect((await history(itemId)).map((e) => e.type)).not.toContain('notice.issued');

    // The office finds it not done (查效果): back in progress, and late — the next run warns.
    await verifyItem(changeDeps(`${year}-03-21`), { sub: 'office-1', role: 'office' }, itemId, {
      method: 'site',
      passed: false,
      findings: '部分村组仍未通水。',
    });
    const warned = await mine();
    await escalateOverdue(s.deps(), at(`${year}-03-22`));
    expect(
      newMail(warned, await mine())
        .to(head(P))
        .some((m) => m.subject.startsWith('【预警】')),
    ).toBe(true);
  });
});
