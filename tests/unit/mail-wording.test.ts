import { describe, expect, it } from 'vitest';
import { dispatchLetter, extensionLetter, verificationLetter } from '../../functions/domain/event-mail';
import type { Item } from '../../functions/domain/items';
import { lightReasonOf } from '../../functions/domain/light';
import {
  chineseOrdinal,
  noticeMail,
  rectificationEscalationMail,
  reminderMail,
  warningMail,
  weeklyDigestMail,
  type MailItem,
} from '../../functions/domain/mail';

/** Issue 14, section 3: the wording rules, on the rendered text, so the slips cannot come back. */
const today = '2026-11-30';
const count = (text: string, part: string) => text.split(part).length - 1;
const late: MailItem = {
  id: 'i1',
  title: '城区供水管网改造',
  source: 'work-report',
  dueDate: '2026-11-25',
  light: 'red',
  lightReason: '完成时限2026年11月25日已过5天',
};
const other: MailItem = {
  id: 'i2',
  title: '农村公路建设',
  source: 'meeting-decision',
  dueDate: '2026-12-20',
  light: 'yellow',
  lightReason: '应于2026年11月25日报送办理情况，未报送（已过5天）',
};
const link = 'https://ducha.example.gov.cn/console/unit/inbox';

const item: Item = {
  id: 'item-1',
  title: '完成汉阴县城区供水管网改造',
  description: '',
  source: 'work-report',
  sourceRef: '2026年《政府工作报告》',
  leadUnit: 'hanyin',
  coUnits: ['water'],
  dueDate: '2026-12-31',
  requirements: ['工程进度', '资金到位情况'],
  projectType: false,
  reportEveryDays: 30,
  milestones: [],
  status: 'in-progress',
  nextReportDue: '2026-12-30',
  acknowledgements: [],
  progressByUnit: {},
  registeredAt: '2026-11-30T01:00:00.000Z',
  updatedAt: '2026-11-30T01:00:00.000Z',
  version: 3,
  lastSeq: 3,
  lastVerification: { method: 'site', passed: false, findings: '现场两处管段未回填', at: '2026-11-30T01:00:00.000Z' },
};
const to = { name: '汉阴县人民政府', link: 'https://ducha.example.gov.cn/console/unit/items/item-1' };

const mails = {
  reminder: reminderMail({
    unitName: '汉阴县人民政府',
    date: today,
    link,
    entries: [
      { item: other, reason: 'deadline', daysLeft: 3 },
      { item: late, reason: 'report', daysLeft: 1 },
    ],
  }),
  warning: warningMail({
    unitName: '汉阴县人民政府',
    date: today,
    graceDays: 3,
    daysIn: 'calendar',
    link,
    entries: [
      {
        answerBy: today,
        item: late,
        late: [
          { reason: 'report-missing', daysLate: 6 },
          { reason: 'overdue', daysLate: 5 },
        ],
        criticisedIn: { documentNumber: '安督通〔2026〕12号', rectificationDue: '2026-12-07' },
      },
    ],
  }),
  notice: noticeMail({
    noticeId: 'overdue-2026-11-30',
    documentNumber: '安督通〔2026〕12号',
    level: 'government',
    issuedOn: today,
    reason: '超过完成时限或未按期报送办理情况已逾3日，经预警仍未纠正，予以通报批评。',
    rectificationDue: '2026-12-07',
    salutation: '汉阴县人民政府：',
    link: 'https://ducha.example.gov.cn/console/unit/rectifications',
    units: [
      { name: '汉阴县人民政府', items: [late, late, other] },
      { name: '市水利局', items: [other] },
    ],
  }),
  noticeWithoutItems: noticeMail({
    noticeId: 'n-2',
    documentNumber: '安督通〔2026〕13号',
    level: 'office',
    issuedOn: today,
    reason: '未按期报送整改报告。',
    rectificationDue: '2026-12-07',
    units: [
      { name: '汉阴县人民政府', items: [] },
      { name: '市水利局', items: [] },
    ],
  }),
  escalation: rectificationEscalationMail({
    date: today,
    originalNoticeIds: ['n-1'],
    originalDocumentNumbers: ['安督通〔2026〕9号'],
    governmentNoticeId: 'rectification-2026-11-30',
    governmentDocumentNumber: '安督通〔2026〕14号',
    year: 2026,
    link: 'https://ducha.example.gov.cn/console/office/board',
    units: [{ name: '汉阴县人民政府', missedDue: '2026-11-28', referralSuggested: false }],
  }),
  digest: weeklyDigestMail({
    weekOf: today,
    byStatus: { 'in-progress': 2 },
    bySource: { 'work-report': 2 },
    byLight: { red: 1, yellow: 1 },
    dueThisWeek: { from: '2026-11-30', to: '2026-12-06', items: [] },
    completion: { year: 2026, closedOnTime: 1, closedLate: 0, openLate: 1, onTimeRate: 0.5 },
    redItems: [{ ...late, leadUnitName: '汉阴县人民政府' }],
    unitsWithMostRed: [{ name: '汉阴县人民政府', redItems: 1 }],
    unitsWithReportFindings: [{ name: '市住房和城乡建设局', reportsWithFindings: 3, reportsReturned: 1 }],
    unitsWithOpenRectifications: [
      { name: '汉阴县人民政府', due: '2026-12-01' },
      { name: '汉阴县人民政府', due: '2026-12-07' },
      { name: '市水利局', due: '2026-12-07' },
    ],
    link: 'https://ducha.example.gov.cn/console/leader/dashboard',
  }),
  dispatch: dispatchLetter({ item, to, asLead: true, leadUnitName: '汉阴县人民政府', coUnitNames: ['市水利局'], date: today }),
  extension: extensionLetter({
    item: { ...item, dueDate: '2027-03-31' },
    request: {
      id: 'x1',
      itemId: 'item-1',
      unitId: 'hanyin',
      currentDueDate: '2026-12-31',
      newDueDate: '2027-03-31',
      reason: '汛期停工',
      status: 'approved',
      requestedBy: 'u',
      requestedAt: '2026-11-29T01:00:00.000Z',
      note: '同意',
    },
    to,
    date: today,
  }),
  verification: verificationLetter({ item, to, date: today }),
};

describe('the wording of every email (issue 14)', () => {
  it.each(Object.entries(mails))(
    '%s: has an addressee line, a link into the console (where it has a subject matter) and no doubled words',
    (_, mail) => {
      expect(mail.text).toMatch(/^[^\n]+：\n/);
      expect(mail.text).not.toContain('予以以');
      expect(count(mail.text, '请按时完成并报送办理情况')).toBeLessThanOrEqual(1);
    },
  );

  it('a government notice says who criticises once: 以市人民政府名义…予以通报批评, never 予以以', () => {
    expect(mails.notice.text).toContain('决定以市人民政府名义对以下单位予以通报批评');
  });

  it('numbers units 一、二、 and items under them 1. 2., each item once however many reasons it is late for', () => {
    expect(mails.notice.text).toContain('一、汉阴县人民政府');
    expect(mails.notice.text).toContain('二、市水利局');
    expect(mails.notice.text).not.toMatch(/^1\. 汉阴县/m);
    expect(count(mails.notice.text, '城区供水管网改造')).toBe(1);
    expect(count(mails.warning.text, '城区供水管网改造')).toBe(1);
    expect(mails.warning.text).toContain('办理情况已超过报送时限6天未报送；已超过完成时限5天');
    expect([chineseOrdinal(1), chineseOrdinal(10), chineseOrdinal(12), chineseOrdinal(21)]).toEqual(['一', '十', '十二', '二十一']);
  });

  it('a notice naming no items lists its units on one line, not "（未列具体督查事项）" under each', () => {
    expect(mails.noticeWithoutItems.text).not.toContain('未列具体督查事项');
    expect(mails.noticeWithoutItems.text).toContain('一、汉阴县人民政府　二、市水利局');
  });

  it('the 预警 does not threaten the notice this same run issued: it names the 文号 and the rectification date', () => {
    expect(mails.warning.text).not.toContain('将予以通报批评');
    expect(mails.warning.text).toContain('已予以通报批评（安督通〔2026〕12号），请于2026年12月7日前报送书面整改报告');
  });

  it('says each rule once: 请按时完成 in the reminder, the not-优秀 rule in the 整改督办 and the notice', () => {
    expect(count(mails.reminder.text, '报送办理情况')).toBe(1);
    expect(count(mails.escalation.text, '不得评为优秀')).toBe(1);
    expect(count(mails.notice.text, '不得评为优秀')).toBe(1);
  });

  it('the weekly digest counts a unit owing two rectifications once, with both dates', () => {
    expect(mails.digest.text).toContain('八、待报送整改报告的单位（2个）');
    expect(count(mails.digest.text, '\n1. 汉阴县人民政府\n   整改报告时限')).toBe(1);
    expect(mails.digest.text).toContain('2026年12月1日、2026年12月7日');
  });

  it('notices are named by their 文号, not by ids like overdue-2026-11-30', () => {
    expect(mails.notice.subject).toContain('安督通〔2026〕12号');
    expect(mails.notice.text).not.toContain('overdue-2026-11-30');
    expect(mails.escalation.text).not.toContain('rectification-2026-11-30');
  });

  it('says what to do next and by when', () => {
    expect(mails.dispatch.text).toContain('请于2026年12月3日前登录督查管理电子平台签收');
    expect(mails.extension.text).toContain('请于2027年3月31日前完成');
    expect(mails.verification.text).toContain('于2026年12月31日前完成并通过平台再次申请办结');
    expect(mails.notice.text).toContain('请被通报单位于2026年12月7日前');
  });

  it.each(Object.keys(mails))('%s: reads as the reviewed snapshot', async (kind) => {
    const mail = mails[kind as keyof typeof mails];
    await expect(`${mail.subject}\n\n${mail.text}`).toMatchFileSnapshot(`./__snapshots__/mail/${kind}.txt`);
  });
});

describe('the light explains itself (issue 14, section 2)', () => {
  it('gives every reason with its dates', () => {
    expect(lightReasonOf({ status: 'in-progress', dueDate: '2026-11-25', nextReportDue: '2026-11-20' }, today)).toBe(
      '完成时限2026年11月25日已过5天；应于2026年11月20日报送办理情况，未报送（已过10天）',
    );
    expect(lightReasonOf({ status: 'in-progress', dueDate: '2027-06-30', nextReportDue: '2026-10-14' }, today)).toBe(
      '应于2026年10月14日报送办理情况，未报送（已过47天）',
    );
    expect(lightReasonOf({ status: 'assigned', dueDate: '2026-12-03' }, today)).toBe('距完成时限2026年12月3日还有3天');
    expect(lightReasonOf({ status: 'assigned', dueDate: today }, today)).toBe('完成时限为今日（2026年11月30日）');
    expect(lightReasonOf({ status: 'closed', dueDate: '2020-01-01' }, today)).toBe('已办结');
  });
});
