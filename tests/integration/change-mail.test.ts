import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../functions/adapters/clock';
import { DynamoIdempotencyStore } from '../../functions/adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../../functions/adapters/dynamodb/item-repository';
import { DynamoNoticeRepository } from '../../functions/adapters/dynamodb/notice-repository';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { SesMailer } from '../../functions/adapters/ses/mailer';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import type { Caller } from '../../functions/domain/caller';
import { chineseDate } from '../../functions/domain/mail';
import { flushPending } from '../../functions/use-cases/deliver-mail';
import { editItemFields, moveItemDeadline, reassignItem, withdrawLedgerItem } from '../../functions/use-cases/edit-item';
import { reviewUnitRectification } from '../../functions/use-cases/review-rectification';
import { api, sentMail, tokenFor, type SentMail } from './support';

/**
 * Issue 14, "who is told, when", for the changes after dispatch, through the local API and the SES emulator:
 * 退回重报 (and acceptance), 调整牵头单位, 撤销, 调整完成时限, co-units added and removed. Each sends one email per
 * recipient who takes its topic, once; a retried request (same Idempotency-Key) sends nothing twice; a send SES
 * refuses leaves the mail, written with the change, for the next delivery. Units of its own (a random tag).
 */
const tag = randomUUID().slice(0, 8);
const year = new Date().getUTCFullYear();
const unitId = (role: string) => `chg${tag}-${role}`;
const lead = unitId('lead');
const co = unitId('co');
const heir = unitId('heir');
const joiner = unitId('join');
const officeUnit = unitId('office');
const headOf = (id: string) => `head.${id}@example.gov.cn`;
const liaisonOf = (id: string) => `liaison.${id}@example.gov.cn`;
const names: Record<string, string> = {
  [lead]: `变更测试县${tag}`,
  [co]: `变更协办局${tag}`,
  [heir]: `变更承接局${tag}`,
  [joiner]: `变更新协办局${tag}`,
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let office: string;

const call = async (method: string, path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await api(method, path, { token, body, headers });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
  return res.json as Json;
};
const versionOf = async (id: string) => (await api('GET', `/items/${id}`, { token: office })).json.version as number;
const edit = async (method: string, path: string, itemId: string, body: unknown, key: string) =>
  call(method, path, office, body, { 'If-Match': `"${await versionOf(itemId)}"`, 'Idempotency-Key': key });
/** The same request again, as a client whose answer was lost resends it: same key, same If-Match. */
const resend = (method: string, path: string, body: unknown, key: string, version: number) =>
  call(method, path, office, body, { 'If-Match': `"${version}"`, 'Idempotency-Key': key });

/** What a request left unsent within its budget the next job run releases: run that delivery first, as a job would. */
const delivery = () => ({ outbox: new DynamoOutbox(), mailer: new SesMailer(), clock: systemClock });
/** Every email of one kind (subject prefix) about one item or notice (its title or 文号 in the subject), by recipient. */
async function told(kind: string, about: string): Promise<Record<string, SentMail[]>> {
  await flushPending(delivery());
  return byRecipient((await sentMail()).filter((m) => m.subject.startsWith(kind) && m.subject.includes(about)));
}
/** By recipient, this file's addresses only: the offices and leaders other files register are told of notices too. */
function byRecipient(mails: SentMail[]): Record<string, SentMail[]> {
  const grouped: Record<string, SentMail[]> = {};
  for (const mail of mails)
    for (const to of mail.destination.to.map((t) => t.toLowerCase()).filter((t) => t.includes(`chg${tag}-`)))
      grouped[to] = [...(grouped[to] ?? []), mail];
  return grouped;
}
const onlyOnce = (mails: Record<string, SentMail[]>) => Object.fromEntries(Object.entries(mails).map(([to, m]) => [to, m.length]));

async function registerItem(title: string, coUnits: string[] = [co]): Promise<Json> {
  return call('POST', '/items', office, {
    title,
    source: 'meeting-decision',
    sourceRef: `市政府常务会议纪要〔${year}〕7号`,
    leadUnit: lead,
    coUnits,
    dueDate: `${year + 1}-06-30`,
    requirements: ['工程进度', '资金到位情况'],
    reportEveryDays: 30,
  });
}

beforeAll(async () => {
  office = await tokenFor('office');
  // An office of this file's own: the office is told of a notice and of its withdrawal, not of an item's reassignment.
  await call('POST', '/units', office, {
    id: officeUnit,
    name: `督查室${tag}`,
    kind: 'office',
    contacts: [{ name: '督查室', email: headOf(officeUnit), role: 'head' }],
  });
  for (const id of [lead, co, heir, joiner]) {
    await call('POST', '/units', office, {
      id,
      name: names[id],
      kind: id === lead ? 'county' : 'department',
      contacts: [
        // The co-unit's head takes only notices: an item's changes reach its liaison alone.
        { name: '负责人', email: headOf(id), role: 'head', ...(id === co ? { receives: ['notice'] } : {}) },
        { name: '联络员', email: liaisonOf(id), role: 'liaison' },
      ],
    });
  }
});

describe('who is told of a change after dispatch (issue 14)', () => {
  it('调整完成时限: the lead (head and liaison) and the co-unit (its liaison), once each, old → new with reason and decision', async () => {
    const title = `调整时限事项${tag}`;
    const item = await registerItem(title);
    const key = `chg-${tag}-deadline`;
    const body = { dueDate: `${year + 1}-09-30`, reason: '汛期停工', decision: `市政府常务会议纪要〔${year}〕21号` };
    const version = await versionOf(item.id);
    await edit('POST', `/items/${item.id}/deadline`, item.id, body, key);
    await resend('POST', `/items/${item.id}/deadline`, body, key, version); // a retry: nothing twice
    const mails = await told('【调整完成时限】', title);
    expect(onlyOnce(mails)).toEqual({ [headOf(lead)]: 1, [liaisonOf(lead)]: 1, [liaisonOf(co)]: 1 });
    const text = mails[liaisonOf(lead)]![0]!.body.text!;
    expect(text.startsWith(`${names[lead]}：`)).toBe(true);
    expect(text).toContain(`完成时限由${chineseDate(`${year + 1}-06-30`)}调整为${chineseDate(`${year + 1}-09-30`)}`);
    expect(text).toContain(`调整依据：市政府常务会议纪要〔${year}〕21号`);
    expect(text).toContain('调整理由：汛期停工');
    expect(text).toContain(`/console/unit/items/${item.id}`);
    expect(mails[liaisonOf(co)]![0]!.body.text).toContain(`请配合牵头单位${names[lead]}`);
  });

  it('co-units changed by PATCH: the one added gets the 派发 (请于…前签收), the one removed is told it no longer co-handles; once', async () => {
    const title = `调整协办事项${tag}`;
    const item = await registerItem(title);
    const before = await told('【派发】', title);
    const key = `chg-${tag}-patch`;
    const version = await versionOf(item.id);
    await edit('PATCH', `/items/${item.id}`, item.id, { coUnits: [joiner] }, key);
    await resend('PATCH', `/items/${item.id}`, { coUnits: [joiner] }, key, version);
    const dispatched = await told('【派发】', title);
    // The registration's 派发 went to the lead and the co-unit; the edit's to the added unit alone.
    expect(onlyOnce(dispatched)).toEqual({ ...onlyOnce(before), [headOf(joiner)]: 1, [liaisonOf(joiner)]: 1 });
    const letter = dispatched[liaisonOf(joiner)]![0]!.body.text!;
    expect(letter.startsWith(`${names[joiner]}：`)).toBe(true);
    expect(letter).toContain('协助办理');
    expect(letter).toMatch(/请于\d{4}年\d{1,2}月\d{1,2}日前登录督查管理电子平台签收/);
    const removed = await told('【调整协办单位】', title);
    expect(onlyOnce(removed)).toEqual({ [liaisonOf(co)]: 1 });
    expect(removed[liaisonOf(co)]![0]!.body.text).toContain('不再协助办理该事项');
  });

  it('调整牵头单位: the old lead and the new one, once each; the new lead is told what it owns and 请于…前签收; the office is not', async () => {
    const title = `改派事项${tag}`;
    const item = await registerItem(title);
    const key = `chg-${tag}-reassign`;
    const body = { leadUnit: heir, reason: '职能划转' };
    const version = await versionOf(item.id);
    await edit('POST', `/items/${item.id}/reassignment`, item.id, body, key);
    await resend('POST', `/items/${item.id}/reassignment`, body, key, version);
    const mails = await told('【调整牵头单位】', title);
    // Exactly these four: not the office (this file's own is registered), not the co-unit.
    expect(onlyOnce(mails)).toEqual({ [headOf(lead)]: 1, [liaisonOf(lead)]: 1, [headOf(heir)]: 1, [liaisonOf(heir)]: 1 });
    const toHeir = mails[liaisonOf(heir)]![0]!;
    expect(toHeir.subject).toContain('改由贵单位牵头办理');
    expect(toHeir.body.text).toContain(`牵头单位由${names[lead]}调整为贵单位`);
    expect(toHeir.body.text).toContain(`完成时限：${chineseDate(`${year + 1}-06-30`)}`);
    expect(toHeir.body.text).toMatch(/请于\d{4}年\d{1,2}月\d{1,2}日前登录督查管理电子平台签收/);
    expect(toHeir.body.text).toContain('调整理由：职能划转');
    const toOld = mails[liaisonOf(lead)]![0]!;
    expect(toOld.subject).toContain(`改由${names[heir]}牵头办理`);
    expect(toOld.body.text).toContain('无需再报送办理情况');
    expect(toOld.body.text).toContain('/console/unit/inbox');
  });

  it('撤销: the lead and the co-units, once each, with the reason and the deciding document', async () => {
    const title = `撤销事项${tag}`;
    const item = await registerItem(title);
    const key = `chg-${tag}-withdraw`;
    const body = { reason: '项目并入省级统筹', decision: `市政府常务会议纪要〔${year}〕22号` };
    const version = await versionOf(item.id);
    await edit('POST', `/items/${item.id}/withdrawal`, item.id, body, key);
    await resend('POST', `/items/${item.id}/withdrawal`, body, key, version);
    const mails = await told('【撤销督查事项】', title);
    expect(onlyOnce(mails)).toEqual({ [headOf(lead)]: 1, [liaisonOf(lead)]: 1, [liaisonOf(co)]: 1 });
    for (const [to, [mail]] of Object.entries(mails)) {
      expect(mail!.body.text, to).toContain(`撤销依据：市政府常务会议纪要〔${year}〕22号`);
      expect(mail!.body.text, to).toContain('撤销理由：项目并入省级统筹');
    }
    expect(mails[liaisonOf(co)]![0]!.body.text).toContain('贵单位协助办理的督查事项');
  });

  it('退回重报: the unit (head and liaison), once, with the reason and the days left of the week from the notice; 审核通过 too', async () => {
    const leadToken = await tokenFor('unit', lead);
    const item = await registerItem(`整改退回事项${tag}`, []);
    const notice = await call('POST', '/notices', office, {
      level: 'office',
      unitIds: [lead],
      itemIds: [item.id],
      reason: `未按期报送${tag}`,
    });
    const rectification = { explanation: '逾期原因说明', measures: '专人督办', report: '整改报告' };
    await call('POST', `/notices/${notice.id}/rectifications`, leadToken, rectification);
    const review = `/notices/${notice.id}/rectifications/${lead}/review`;
    const key = `chg-${tag}-return`;
    await call('POST', review, office, { decision: 'returned', reason: '整改措施不具体' }, { 'Idempotency-Key': key });
    await call('POST', review, office, { decision: 'returned', reason: '整改措施不具体' }, { 'Idempotency-Key': key });
    const returned = await told('【整改报告退回】', notice.documentNumber);
    expect(onlyOnce(returned)).toEqual({ [headOf(lead)]: 1, [liaisonOf(lead)]: 1 });
    const text = returned[headOf(lead)]![0]!.body.text!;
    const due = notice.rectificationDue as string;
    const left = Math.round((Date.parse(due) - Date.parse(shanghaiDate(new Date()))) / 86_400_000);
    expect(due).toBe(addDays(shanghaiDate(new Date(notice.issuedAt)), 7));
    expect(text).toContain('退回理由：整改措施不具体');
    expect(text).toContain(`至${chineseDate(due)}止，尚余${left}天`);
    expect(text).toContain(`于${chineseDate(due)}前通过平台重新报送书面整改报告`);
    expect(text).toContain('/console/unit/rectifications');

    await call('POST', `/notices/${notice.id}/rectifications`, leadToken, { ...rectification, measures: '明确责任人和完成时限' });
    await call('POST', review, office, { decision: 'accepted' });
    const accepted = await told('【整改报告审核】', notice.documentNumber);
    expect(onlyOnce(accepted)).toEqual({ [headOf(lead)]: 1, [liaisonOf(lead)]: 1 });
    expect(accepted[liaisonOf(lead)]![0]!.body.text).toContain('予以通过');
  });
});

describe('撤销通报 (already told through the outbox; now one letter per unit, by 文号)', () => {
  it('the named unit (head and liaison) and the office, once each, a retry nothing twice; the co-unit’s head keeps notices', async () => {
    const notice = await call('POST', '/notices', office, { level: 'office', unitIds: [lead, co], itemIds: [], reason: `误通报${tag}` });
    const key = `chg-${tag}-notice-withdrawal`;
    await call('POST', `/notices/${notice.id}/withdrawal`, office, { reason: '点名单位有误' }, { 'Idempotency-Key': key });
    await call('POST', `/notices/${notice.id}/withdrawal`, office, { reason: '点名单位有误' }, { 'Idempotency-Key': key });
    const mails = await told('【撤销通报】', notice.documentNumber);
    expect(onlyOnce(mails)).toEqual({
      [headOf(lead)]: 1,
      [liaisonOf(lead)]: 1,
      [headOf(co)]: 1,
      [liaisonOf(co)]: 1,
      [headOf(officeUnit)]: 1,
    });
    expect(mails[liaisonOf(co)]![0]!.body.text!.startsWith(`${names[co]}：`)).toBe(true);
    expect(mails[liaisonOf(co)]![0]!.body.text).toContain('贵单位无需再报送整改报告');
    expect(mails[headOf(officeUnit)]![0]!.body.text).toContain('被通报单位无需再报送整改报告');
    expect(mails[headOf(officeUnit)]![0]!.body.text).toContain(`/console/office/notices/${notice.id}`);
  });
});

describe('each change’s mail, written with it, is sent from the stream once; the jobs’ deliveries after it send nothing twice', () => {
  // The changes hold no mailer at all (TellDeps): the ledger's stream sends what each change wrote.
  const units = new DynamoUnitRepository();
  const deps = {
    items: new DynamoItemRepository(),
    notices: new DynamoNoticeRepository(),
    units,
    idempotency: new DynamoIdempotencyStore(),
    clock: systemClock,
    tell: { units },
  };
  const caller: Caller = { sub: `office-${tag}`, role: 'office' };

  /** The change made: once the stream has followed it, one email per recipient; two job deliveries later, still one. */
  async function survives(kind: string, about: string, change: () => Promise<unknown>, expected: Record<string, number>) {
    await change();
    expect(onlyOnce(await toldNow(kind, about))).toEqual(expected);
    await flushPending(delivery());
    await flushPending(delivery());
    expect(onlyOnce(await told(kind, about))).toEqual(expected);
  }
  const toldNow = async (kind: string, about: string) =>
    byRecipient((await sentMail()).filter((m) => m.subject.startsWith(kind) && m.subject.includes(about)));
  const ifMatch = async (id: string) => ({ ifMatch: await versionOf(id) });

  it('调整完成时限, 调整牵头单位, 撤销, 调整协办单位', async () => {
    const moved = await registerItem(`SES故障调整时限${tag}`);
    await survives(
      '【调整完成时限】',
      `SES故障调整时限${tag}`,
      async () =>
        moveItemDeadline(
          deps,
          caller,
          moved.id,
          { dueDate: `${year + 1}-08-31`, reason: '资金未到位', decision: '市长批示' },
          await ifMatch(moved.id),
        ),
      { [headOf(lead)]: 1, [liaisonOf(lead)]: 1, [liaisonOf(co)]: 1 },
    );
    const handed = await registerItem(`SES故障改派${tag}`);
    await survives(
      '【调整牵头单位】',
      `SES故障改派${tag}`,
      async () => reassignItem(deps, caller, handed.id, { leadUnit: heir, reason: '职能划转' }, await ifMatch(handed.id)),
      { [headOf(lead)]: 1, [liaisonOf(lead)]: 1, [headOf(heir)]: 1, [liaisonOf(heir)]: 1 },
    );
    const dropped = await registerItem(`SES故障撤销${tag}`);
    await survives(
      '【撤销督查事项】',
      `SES故障撤销${tag}`,
      async () => withdrawLedgerItem(deps, caller, dropped.id, { reason: '重复立项', decision: '督查室审定' }, await ifMatch(dropped.id)),
      { [headOf(lead)]: 1, [liaisonOf(lead)]: 1, [liaisonOf(co)]: 1 },
    );
    const changed = await registerItem(`SES故障协办${tag}`);
    await survives(
      '【调整协办单位】',
      `SES故障协办${tag}`,
      async () => editItemFields(deps, caller, changed.id, { coUnits: [joiner] }, await ifMatch(changed.id)),
      { [liaisonOf(co)]: 1 },
    );
    // The added co-unit's 派发 was in the same batch: it too arrived once.
    expect(onlyOnce(await told('【派发】', `SES故障协办${tag}`))).toMatchObject({ [headOf(joiner)]: 1, [liaisonOf(joiner)]: 1 });
  });

  it('退回重报', async () => {
    const leadToken = await tokenFor('unit', lead);
    const item = await registerItem(`SES故障整改${tag}`, []);
    const notice = await call('POST', '/notices', office, {
      level: 'office',
      unitIds: [lead],
      itemIds: [item.id],
      reason: `SES故障${tag}`,
    });
    await call('POST', `/notices/${notice.id}/rectifications`, leadToken, { explanation: '说明', measures: '措施', report: '报告' });
    await survives(
      '【整改报告退回】',
      notice.documentNumber,
      () => reviewUnitRectification(deps, caller, notice.id, lead, { decision: 'returned', reason: '缺少佐证材料' }),
      { [headOf(lead)]: 1, [liaisonOf(lead)]: 1 },
    );
  });
});
