import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../functions/adapters/clock';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox';
import { SesMailer } from '../../functions/adapters/ses/mailer';
import { flushPending } from '../../functions/use-cases/deliver-mail';
import { LedgerFollower } from '../../functions/use-cases/follow-ledger';
import { inOffice } from '../../functions/adapters/office-scope';
import { ROOT_OFFICE } from '../../functions/domain/offices';
import { MailNotSent, type Mailer } from '../../functions/use-cases/ports';
import { localConsoleUrl } from '../../scripts/local/defaults';
import { api, apiUrl, mailTo as mailToNow, tokenFor, type SentMail } from './support';

/**
 * Issue 14, "who is told, when", through the local API and the SES emulator: each action sends one email per
 * recipient who takes its topic, once (a retried request sends nothing twice), and a send SES refuses is not lost
 * (it stays pending and the next delivery sends it). Units of its own (a random tag).
 */
const tag = randomUUID().slice(0, 8);
const lead = `tell-lead-${tag}`;
const co = `tell-co-${tag}`;
const leadHead = `head@${lead}.example.gov.cn`;
const leadLiaison = `liaison@${lead}.example.gov.cn`;
const coHead = `head@${co}.example.gov.cn`;
/** The supervision office of this file's roster: what waits on it (延期申请, 整改报告) is mailed to it. */
const officeUnit = `tell-office-${tag}`;
const officeLiaison = `liaison@${officeUnit}.example.gov.cn`;
const year = new Date().getUTCFullYear();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let office: string;
let leadToken: string;

const post = async (path: string, token: string, body: unknown, key?: string) => {
  const res = await api('POST', path, { token, body, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });
  if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${res.text}`);
  return res.json as Json;
};
const subjects = (mails: SentMail[]) => mails.map((m) => m.subject);
/** Mail goes out from the table's stream after each commit: support.ts's mailTo waits for the stream to follow. */
const mailTo = mailToNow;
const kindOf = (mails: SentMail[], kind: string) => mails.filter((m) => m.subject.startsWith(kind));

const registration = (title: string) => ({
  title,
  source: 'meeting-decision',
  sourceRef: `市政府常务会议纪要〔${year}〕3号`,
  leadUnit: lead,
  coUnits: [co],
  dueDate: `${year + 1}-06-30`,
  requirements: ['工程进度', '资金到位情况'],
  reportEveryDays: 30,
});

beforeAll(async () => {
  office = await tokenFor('office');
  leadToken = await tokenFor('unit', lead);
  await post('/units', office, {
    id: lead,
    name: `告知测试县${tag}`,
    kind: 'county',
    contacts: [
      // The head keeps only notices (issue 14: "the head may want only notices").
      { name: '县长', email: leadHead, role: 'head', receives: ['notice'] },
      { name: '联络员', email: leadLiaison, role: 'liaison' },
    ],
  });
  await post('/units', office, {
    id: officeUnit,
    name: `督查室${tag}`,
    kind: 'office',
    contacts: [{ name: '督查科', email: officeLiaison, role: 'liaison' }],
  });
  await post('/units', office, {
    id: co,
    name: `告知测试局${tag}`,
    kind: 'department',
    contacts: [{ name: '局长', email: coHead, role: 'head' }],
  });
});

describe('who is told, when (issue 14)', () => {
  let itemId: string;

  it('派发: the lead and co-units are told once each, in words a clerk can act on; the head that keeps only notices is not', async () => {
    const key = `tell-${tag}-1`;
    const item = await post('/items', office, registration(`告知测试事项${tag}`), key);
    itemId = item.id;
    await post('/items', office, registration(`告知测试事项${tag}`), key); // a retry: nothing twice
    const toLiaison = kindOf(await mailTo(leadLiaison), '【派发】');
    const toCo = kindOf(await mailTo(coHead), '【派发】');
    expect(toLiaison).toHaveLength(1);
    expect(toCo).toHaveLength(1);
    expect(kindOf(await mailTo(leadHead), '【派发】')).toEqual([]);
    const text = toLiaison[0]!.body.text!;
    expect(text.startsWith(`告知测试县${tag}：`)).toBe(true);
    expect(text).toContain('牵头办理');
    expect(text).toContain('请于');
    expect(text).toContain('前登录督查管理电子平台签收');
    expect(text).toContain('1. 工程进度');
    expect(text).toContain('每30日报送一次办理情况');
    // The link leads to the console this local system serves, on the port it serves (not 3000 whatever PORT is).
    expect(text).toContain(`${localConsoleUrl('127.0.0.1', Number(new URL(apiUrl()).port))}unit/items/${itemId}`);
    expect(toCo[0]!.body.text).toContain('协助办理');
  });

  it('延期审批: the lead unit learns the decision and the new deadline', async () => {
    await post(`/items/${itemId}/acknowledge`, leadToken, {});
    const request = await post(`/items/${itemId}/extension-requests`, leadToken, { newDueDate: `${year + 1}-09-30`, reason: '汛期停工' });
    // The office is told of the request, which it decides.
    const asked = kindOf(await mailTo(officeLiaison), '【延期申请】');
    expect(subjects(asked)).toEqual([`【延期申请】告知测试事项${tag}：告知测试县${tag}申请延期至${year + 1}年9月30日`]);
    expect(asked[0]!.body.text).toContain(`完成时限由${year + 1}年6月30日延至${year + 1}年9月30日`);
    expect(asked[0]!.body.text).toContain('申请理由：汛期停工');
    expect(asked[0]!.body.text).toContain(`/console/office/items/${itemId}`);
    await post(`/items/${itemId}/extension-requests/${request.id}/decision`, office, { approve: true, note: '同意' });
    const mails = kindOf(await mailTo(leadLiaison), '【延期审批】');
    expect(subjects(mails)).toEqual([expect.stringContaining('延期申请已批准')]);
    expect(mails[0]!.body.text).toContain(`完成时限由${year + 1}年6月30日调整为${year + 1}年9月30日`);
    expect(kindOf(await mailTo(coHead), '【延期审批】')).toEqual([]);
    expect(kindOf(await mailTo(leadHead), '【延期审批】')).toEqual([]);
  });

  it('核查 failed: the lead unit gets the findings and what is expected now', async () => {
    await post(`/items/${itemId}/reports`, leadToken, {
      summary: '工程已完工',
      percentComplete: 100,
      answers: [
        { requirement: 0, answer: '管网全部铺设完毕' },
        { requirement: 1, answer: '资金全部到位' },
      ],
    });
    await post(`/items/${itemId}/completion`, leadToken, { summary: '已全部完成，申请销号' });
    await post(`/items/${itemId}/verification`, office, { method: 'site', passed: false, findings: '现场两处管段未回填' });
    const mails = kindOf(await mailTo(leadLiaison), '【核查结果】');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain('核查意见：现场两处管段未回填');
    expect(mails[0]!.body.text).toContain('再次申请办结');
  });

  it('通报 by hand: every named unit (head and liaison), the office; a 文号 of the year in the API and the mail', async () => {
    const notice = await post('/notices', office, { level: 'office', unitIds: [lead], itemIds: [itemId], reason: `未按要求落实${tag}` });
    expect(notice.documentNumber).toMatch(new RegExp(`^安督通〔${new Date(notice.issuedAt).getUTCFullYear()}〕\\d+号$`));
    for (const address of [leadHead, leadLiaison]) {
      const mails = kindOf(await mailTo(address), '【通报】');
      expect(mails, address).toHaveLength(1);
      expect(mails[0]!.subject).toContain(notice.documentNumber);
      expect(mails[0]!.body.text).toContain(`文号：${notice.documentNumber}`);
      expect(mails[0]!.body.text).toContain('/console/unit/rectifications');
    }
    const next = await post('/notices', office, { level: 'office', unitIds: [co], itemIds: [], reason: `再次通报${tag}` });
    const sequence = (n: Json) => Number(/〕(\d+)号/.exec(n.documentNumber)![1]);
    expect(sequence(next)).toBeGreaterThan(sequence(notice));
  });

  it('整改报告 handed in: the office is told which unit handed in under which notice, to review it', async () => {
    const notice = await post('/notices', office, { level: 'office', unitIds: [lead], itemIds: [itemId], reason: `整改告知${tag}` });
    await post(`/notices/${notice.id}/rectifications`, leadToken, {
      explanation: '对督办要求重视不够',
      measures: '成立专班，每周调度',
      report: `告知测试县关于整改情况的报告${tag}`,
    });
    const mails = kindOf(await mailTo(officeLiaison), '【整改报告】').filter((m) => m.subject.includes(notice.documentNumber));
    expect(subjects(mails)).toEqual([expect.stringContaining(`${notice.documentNumber}：告知测试县${tag}已报送整改报告`)]);
    expect(mails[0]!.body.text).toContain('请登录督查管理电子平台审核');
    expect(mails[0]!.body.text).toContain(`/console/office/notices/${notice.id}`);
  });

  it('a send SES refuses from the stream is not lost: it stays pending and the next delivery sends it, once', async () => {
    const outbox = new DynamoOutbox();
    const down: Mailer = {
      send: async () => {
        throw new MailNotSent('SES unavailable', true);
      },
    };
    const letter = { subject: `【派发】SES故障事项${tag}`, text: '派发', html: '<p>派发</p>' };
    const batch = {
      id: `ses-down-${tag}`,
      kind: 'dispatch',
      day: '2026-12-07',
      about: [`ses-down-${tag}`],
      letters: [{ to: [leadLiaison], mail: letter }],
    };
    // What the stream's handler does with a batch it reads, with SES down.
    const follower = new LedgerFollower({
      chain: { chain: async () => null },
      delivery: { outbox, mailer: down, clock: systemClock },
      alterations: { record: async () => undefined },
      clock: systemClock,
      inOffice,
    });
    await follower.follow({ kind: 'mail-written', office: ROOT_OFFICE, batch });
    expect(follower.mail).toMatchObject({ sent: 0, failed: 1 });
    const about = (mails: SentMail[]) => mails.filter((m) => m.subject.includes(`SES故障事项${tag}`));
    expect(about(await mailToNow(leadLiaison))).toEqual([]);
    const delivery = { outbox, mailer: new SesMailer(), clock: systemClock };
    expect(await flushPending(delivery)).toMatchObject({ sent: 1 });
    expect(await flushPending(delivery)).toMatchObject({ sent: 0 });
    expect(about(await mailTo(leadLiaison))).toHaveLength(1);
  });
});
