import { describe, expect, it } from 'vitest';
import {
  coUnitRemovedLetter,
  deadlineMovedLetter,
  itemWithdrawnLetter,
  reassignedFromLetter,
  reassignedToLetter,
  rectificationAcceptedLetter,
  rectificationReturnedLetter,
  rectificationTimeLeft,
  reportReturnedLetter,
} from '../../functions/domain/change-mail';
import type { Item } from '../../functions/domain/items';
import { noticeWithdrawalMail } from '../../functions/domain/notice-withdrawal-mail';
import type { Notice } from '../../functions/domain/notices';
import type { Unit } from '../../functions/domain/units';
import { announce } from '../../functions/use-cases/announce';
import { coUnitsChanged, itemReassigned } from '../../functions/use-cases/announcements';

/** Issue 14: the letters of the changes after dispatch, read as a clerk reads them (snapshots reviewed by eye). */
const today = '2026-11-30';
const count = (text: string, part: string) => text.split(part).length - 1;

const item: Item = {
  id: 'item-1',
  title: '完成汉阴县城区供水管网改造',
  description: '',
  source: 'work-report',
  sourceRef: '2026年《政府工作报告》',
  leadUnit: 'hanyin',
  coUnits: ['water'],
  dueDate: '2027-03-31',
  requirements: ['工程进度', '资金到位情况'],
  projectType: false,
  reportEveryDays: 30,
  milestones: [],
  status: 'in-progress',
  nextReportDue: '2026-12-30',
  acknowledgements: [],
  progressByUnit: {},
  registeredAt: '2026-11-01T01:00:00.000Z',
  updatedAt: '2026-11-30T01:00:00.000Z',
  version: 4,
  lastSeq: 4,
};
const to = { name: '汉阴县人民政府', link: 'https://ducha.example.gov.cn/console/unit/items/item-1' };
const notice: Pick<Notice, 'id' | 'documentNumber' | 'level' | 'issuedAt'> = {
  id: '01JDXYZ',
  documentNumber: '安督通〔2026〕12号',
  level: 'office',
  // 09:00 in Shanghai on 11-27: the UTC date is the day before.
  issuedAt: '2026-11-26T16:30:00.000Z',
};
const toRectifications = { name: '汉阴县人民政府', link: 'https://ducha.example.gov.cn/console/unit/rectifications' };

const mails = {
  rectificationReturned: rectificationReturnedLetter({
    notice,
    obligation: { due: '2026-12-04' },
    reason: '整改措施未明确责任人和完成时限',
    attempt: 1,
    to: toRectifications,
    date: today,
  }),
  rectificationAccepted: rectificationAcceptedLetter({ notice, to: toRectifications, date: today }),
  reassignedTo: reassignedToLetter({
    item: { ...item, leadUnit: 'water', coUnits: [] },
    previousLeadName: '汉阴县人民政府',
    coUnitNames: [],
    reason: '管网改造划归水利部门统一实施',
    to: { name: '市水利局', link: 'https://ducha.example.gov.cn/console/unit/items/item-1' },
    date: today,
  }),
  reassignedFrom: reassignedFromLetter({
    item: { ...item, leadUnit: 'water', coUnits: [] },
    newLeadName: '市水利局',
    reason: '管网改造划归水利部门统一实施',
    extensionWithdrawn: true,
    to: { name: '汉阴县人民政府', link: 'https://ducha.example.gov.cn/console/unit/inbox' },
    date: today,
  }),
  reportReturned: reportReturnedLetter({
    item: { ...item, requirements: ['管网铺设进度', '资金到位情况'] },
    submittedAt: '2026-11-27T02:00:00.000Z',
    reason: '报送内容空泛，未写明完成的工程量和资金到位数额',
    findings: [
      { kind: 'boilerplate', where: 'summary', words: ['高度重视', '稳步推进'] },
      { kind: 'excuse', where: 1, words: ['由于上级资金尚未下达'] },
      { kind: 'off-point', where: 0, words: ['铺设'] },
    ],
    reportAgainBy: '2026-12-03',
    to,
    date: today,
  }),
  itemWithdrawn: itemWithdrawnLetter({
    item: { ...item, status: 'withdrawn' },
    asLead: true,
    reason: '项目已并入省级统筹实施',
    decision: '市政府常务会议纪要〔2026〕21号',
    extensionWithdrawn: false,
    to,
    date: today,
  }),
  deadlineMoved: deadlineMovedLetter({
    item,
    asLead: true,
    leadUnitName: '汉阴县人民政府',
    previousDueDate: '2026-12-31',
    reason: '冬季冻土期无法施工',
    decision: '市政府常务会议纪要〔2026〕21号',
    to,
    date: today,
  }),
  deadlineMovedCoUnit: deadlineMovedLetter({
    item,
    asLead: false,
    leadUnitName: '汉阴县人民政府',
    previousDueDate: '2026-12-31',
    reason: '冬季冻土期无法施工',
    decision: '市政府常务会议纪要〔2026〕21号',
    to: { name: '市水利局', link: to.link },
    date: today,
  }),
  noticeWithdrawn: noticeWithdrawalMail({
    noticeId: notice.id,
    documentNumber: '安督通〔2026〕12号',
    level: 'government',
    issuedOn: '2026-11-27',
    withdrawnOn: today,
    reason: '点名单位有误',
    unitNames: ['汉阴县人民政府', '市水利局'],
    salutation: '汉阴县人民政府：',
    named: true,
    link: 'https://ducha.example.gov.cn/console/unit/rectifications',
  }),
  coUnitRemoved: coUnitRemovedLetter({
    item,
    leadUnitName: '汉阴县人民政府',
    to: { name: '市水利局', link: 'https://ducha.example.gov.cn/console/unit/inbox' },
    date: today,
  }),
};

describe('the letters of changes after dispatch (issue 14)', () => {
  it.each(Object.entries(mails))('%s: an addressee line, what to do next and by when, a console link, nothing doubled', (_, mail) => {
    expect(mail.text).toMatch(/^[^\n]+：\n/);
    // What to do next and by when: a dated 请…前, 请立即, or (nothing more owed) 无需再….
    expect(mail.text).toMatch(/请[^。]*(\d{4}年\d{1,2}月\d{1,2}日前|立即)|无需再/);
    expect(mail.text).toContain('办理入口：https://ducha.example.gov.cn/console/');
    expect(mail.text).not.toMatch(/(予以以|贵单位贵单位|。。|，，)/);
    expect(mail.html).not.toContain('<script');
  });

  it('退回重报: the reason, and the days left of the week that runs from the notice (not from the return)', () => {
    const text = mails.rectificationReturned.text;
    expect(text).toContain('退回理由：整改措施未明确责任人和完成时限');
    expect(text).toContain('贵单位按照安督通〔2026〕12号通报（督查室通报批评，2026年11月27日印发）要求报送的整改报告');
    expect(text).toContain('至2026年12月4日止，尚余4天');
    expect(text).toContain('于2026年12月4日前通过平台重新报送书面整改报告');
    expect(mails.rectificationReturned.subject).toBe('【整改报告退回】安督通〔2026〕12号：请于2026年12月4日前重新报送整改报告');
    expect(rectificationTimeLeft('2026-12-04', '2026-12-04')).toContain('至今日');
    expect(rectificationTimeLeft('2026-12-04', '2026-12-06')).toBe('整改时限2026年12月4日已过2天');
  });

  it('退回重报 after the week: 请立即, and no threat of the escalation the unit already had', () => {
    const past = { notice, reason: '未附整改佐证材料', attempt: 2, to: toRectifications, date: '2026-12-08' };
    const late = rectificationReturnedLetter({ ...past, obligation: { due: '2026-12-04' } });
    expect(late.subject).toContain('请立即重新报送');
    expect(late.text).toContain('第2次报送的整改报告');
    expect(late.text).toContain('整改时限2026年12月4日已过4天');
    expect(late.text).toContain('将按规定以市人民政府名义通报批评');
    const escalated = rectificationReturnedLetter({ ...past, obligation: { due: '2026-12-04', wasEscalated: true } });
    expect(escalated.text).not.toContain('将按规定');
  });

  it('调整牵头单位: the new lead is told what it owns, the deadline and 请于…前签收; the former lead to hand over', () => {
    const text = mails.reassignedTo.text;
    expect(text).toContain('牵头单位由汉阴县人民政府调整为贵单位');
    expect(text).toContain('请于2026年12月3日前登录督查管理电子平台签收');
    expect(text).toContain('完成时限：2027年3月31日');
    expect(text).toContain('督办要求：1. 工程进度　2. 资金到位情况');
    expect(count(text, '调整理由：')).toBe(1);
    expect(mails.reassignedFrom.text).toContain('无需再报送办理情况');
    expect(mails.reassignedFrom.text).toContain('延期申请一并撤回');
    expect(mails.reassignedFrom.text).toContain('请于2026年12月3日前与市水利局做好工作交接');
  });

  it('撤销 and 调整完成时限 name the deciding document and the reason; a moved deadline old → new', () => {
    expect(mails.itemWithdrawn.text).toContain('撤销依据：市政府常务会议纪要〔2026〕21号');
    expect(mails.itemWithdrawn.text).toContain('撤销理由：项目已并入省级统筹实施');
    expect(mails.itemWithdrawn.text).toContain('贵单位无需再办理、报送该事项');
    expect(mails.deadlineMoved.text).toContain('完成时限由2026年12月31日调整为2027年3月31日');
    expect(mails.deadlineMoved.text).toContain('调整依据：市政府常务会议纪要〔2026〕21号');
    expect(mails.deadlineMoved.text).toContain('请于2027年3月31日前完成');
    expect(mails.deadlineMovedCoUnit.text).toContain('请配合牵头单位汉阴县人民政府于2027年3月31日前完成');
  });

  it('撤销通报 names the notice by its 文号, each unit addressed on its own', () => {
    expect(mails.noticeWithdrawn.subject).toBe('【撤销通报】关于撤销安督通〔2026〕12号通报的通知（2026年11月30日）');
    expect(mails.noticeWithdrawn.text).not.toContain(notice.id);
    expect(mails.noticeWithdrawn.text.startsWith('汉阴县人民政府：\n')).toBe(true);
    expect(mails.noticeWithdrawn.text).toContain('贵单位无需再报送整改报告');
  });

  it.each(Object.keys(mails))('%s: reads as the reviewed snapshot', async (kind) => {
    const mail = mails[kind as keyof typeof mails];
    await expect(`${mail.subject}\n\n${mail.text}`).toMatchFileSnapshot(`./__snapshots__/mail/${kind}.txt`);
  });
});

describe('whom the rows tell', () => {
  const unit = (id: string, name: string, receives?: ('dispatch' | 'item-change')[]): Unit => ({
    id,
    name,
    kind: 'department',
    contacts: [
      { name: '主任', email: `head@${id}.gov.cn`, role: 'head', ...(receives ? { receives } : {}) },
      { name: '联络员', email: `liaison@${id}.gov.cn`, role: 'liaison' },
    ],
    registeredAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  });
  const roster = [unit('hanyin', '汉阴县人民政府'), unit('water', '市水利局', ['dispatch']), unit('roads', '市交通局', ['dispatch'])];
  const deps = {
    units: { getMany: async (ids: string[]) => roster.filter((u) => ids.includes(u.id)), all: async () => roster },
    consoleUrl: 'https://ducha.example.gov.cn/console/',
  };
  const now = new Date('2026-11-30T02:00:00.000Z');

  it('co-units changed: the one added gets the 派发, the one removed is told under item-change, each contact choosing', async () => {
    const after = { ...item, coUnits: ['roads'] };
    const names = { hanyin: '汉阴县人民政府', water: '市水利局', roads: '市交通局' };
    const batch = await announce(coUnitsChanged, { item: after, names, added: ['roads'], removed: ['water'] }, deps, now);
    const letters = batch!.letters.map((l) => ({ to: l.to, subject: l.mail.subject }));
    expect(letters).toEqual([
      // The removed unit's head takes only 派发: only its liaison is told it no longer co-handles.
      { to: ['liaison@water.gov.cn'], subject: expect.stringContaining('【调整协办单位】') },
      { to: ['head@roads.gov.cn', 'liaison@roads.gov.cn'], subject: expect.stringContaining('【派发】') },
    ]);
    expect(batch!.letters[0]!.mail.text).toContain('https://ducha.example.gov.cn/console/unit/inbox');
    expect(batch!.letters[1]!.mail.text).toContain('协助办理');
    expect(batch!.letters[1]!.mail.text).toContain('https://ducha.example.gov.cn/console/unit/items/item-1');
  });

  it('reassignment: the former and the new lead, one letter each; to the new lead it is an item to sign for', async () => {
    const office: Unit = { ...unit('office', '督查室'), kind: 'office' };
    const withOffice = { ...deps, units: { getMany: deps.units.getMany, all: async () => [...roster, office] } };
    const after = { ...item, leadUnit: 'water', coUnits: [] };
    const names = { hanyin: '汉阴县人民政府', water: '市水利局' };
    const event = { item: after, data: { previousLeadUnit: 'roads', leadUnit: 'water', reason: '职能调整' }, names };
    const batch = await announce(itemReassigned, event, withOffice, now);
    expect(batch!.letters).toHaveLength(2);
    expect(batch!.letters.map((l) => [l.to, l.mail.subject])).toEqual(
      expect.arrayContaining([
        // The former lead's head takes only 派发 mail: leaving an item is an item change, told to its liaison.
        [['liaison@roads.gov.cn'], expect.stringContaining('改由市水利局牵头办理')],
        // The new lead's head takes 派发 mail: the item it must now sign for reaches it.
        [['head@water.gov.cn', 'liaison@water.gov.cn'], expect.stringContaining('改由贵单位牵头办理')],
      ]),
    );
  });
});
