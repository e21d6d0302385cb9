import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  escapeHtml,
  lightLabels,
  noticeLevelLabels,
  noticeMail,
  rectificationEscalationMail,
  reminderMail,
  sourceLabels,
  statusLabels,
  warningMail,
  weeklyDigestMail,
  type MailItem,
  type RenderedMail,
} from '../../functions/domain/mail';
import { sources } from '../../functions/domain/items';
import { isWellFormed } from '../../functions/domain/text';

const today = '2026-11-26';

const deadlineItem: MailItem = {
  id: 'item-1',
  title: '推进汉江综合整治',
  source: 'work-report',
  dueDate: '2026-11-29',
  light: 'yellow',
};
const lateItem: MailItem = {
  id: 'item-2',
  title: '答复关于老旧小区改造的人大代表建议',
  source: 'npc-suggestion',
  dueDate: '2026-11-20',
  light: 'red',
  status: 'in-progress',
};
const greenItem: MailItem = {
  id: 'item-3',
  title: '落实市长批示：整治校园周边交通',
  source: 'leader-instruction',
  dueDate: '2027-03-05',
  light: 'green',
};

/** The item's title, source label, due date and light label are all in both versions. */
function expectItemShown(mail: RenderedMail, item: MailItem) {
  for (const part of [mail.text, mail.html]) {
    expect(part).toContain(item.title);
    expect(part).toContain(sourceLabels[item.source]);
    expect(part).toContain(chineseDate(item.dueDate));
    expect(part).toContain(lightLabels[item.light]);
  }
}

const colours = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' } as const;

describe('labels', () => {
  it('names every source, light, status and notice level in Chinese', () => {
    expect(Object.keys(sourceLabels).sort()).toEqual([...sources].sort());
    expect(sourceLabels['media-report']).toBe('新闻媒体反映的重大问题');
    expect(lightLabels).toEqual({ green: '绿灯', yellow: '黄灯', red: '红灯' });
    expect(statusLabels['completion-claimed']).toBe('申请办结');
    expect(noticeLevelLabels).toEqual({ office: '督查室通报批评', government: '以政府名义通报' });
  });

  it('writes dates the way official documents do', () => {
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(chineseDate('2026-11-26')).toBe('2026年11月26日');
  });
});

describe('【提醒】reminderMail', () => {
  const mail = reminderMail({
    unitName: '汉滨区人民政府',
    date: today,
    entries: [
      { item: deadlineItem, reason: 'deadline', daysLeft: 3 },
      { item: greenItem, reason: 'milestone', daysLeft: 1, milestoneTitle: '完成方案编制' },
      { item: { ...deadlineItem, id: 'item-4', title: '报送季度进展' }, reason: 'report', daysLeft: 0 },
    ],
  });

  it('names the kind, unit and date in the subject', () => {
    expect(mail.subject.startsWith('【提醒】')).toBe(true);
    expect(mail.subject).toContain('汉滨区人民政府');
    expect(mail.subject).toContain('2026年11月26日');
  });

  it('lists every item with its source, due date and light, and why it is due', () => {
    expectItemShown(mail, deadlineItem);
    expectItemShown(mail, greenItem);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('请于上述时限前完成并通过平台报送办理情况');
      expect(part).toContain('距完成时限还有3天');
      expect(part).toContain('完成方案编制');
      expect(part).toContain('距办理情况报送时限为今日');
      expect(part).toContain('安政办发〔2014〕134号');
    }
    expect(mail.html).toContain(colours.yellow);
    expect(mail.html).toContain(colours.green);
  });

  it('reads as plain text: one numbered entry per item', () => {
    expect(mail.text).toMatch(/^1\. 推进汉江综合整治$/m);
    expect(mail.text).toMatch(/^3\. 报送季度进展$/m);
    expect(mail.text).not.toMatch(/<[a-z]/i);
  });

  it('says there is nothing due when the digest is empty', () => {
    const empty = reminderMail({ unitName: '汉滨区人民政府', date: today, entries: [] });
    expect(empty.subject.startsWith('【提醒】')).toBe(true);
    expect(empty.text).toContain('无临近完成时限');
    expect(empty.html).not.toContain('<table');
  });
});

describe('【预警】warningMail', () => {
  const mail = warningMail({
    unitName: '市住建局',
    date: today,
    graceDays: 3,
    daysIn: 'calendar',
    entries: [
      { item: lateItem, late: [{ reason: 'overdue', daysLate: 1 }], answerBy: '2026-11-28' },
      { item: deadlineItem, late: [{ reason: 'report-missing', daysLate: 2 }], answerBy: '2026-11-27' },
    ],
  });

  it('names the kind, unit and date in the subject', () => {
    expect(mail.subject.startsWith('【预警】')).toBe(true);
    expect(mail.subject).toContain('市住建局');
    expect(mail.subject).toContain('2026年11月26日');
  });

  it('says how late each item is and by when the unit answers, before the grace period ends', () => {
    expectItemShown(mail, lateItem);
    expectItemShown(mail, deadlineItem);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('已超过完成时限1天，请于2026年11月28日前说明原因并报送');
      expect(part).toContain('超过报送时限2天未报送，请于2026年11月27日前说明原因并报送');
      expect(part).toContain('通报批评');
      expect(part).toContain(statusLabels['in-progress']);
    }
    expect(mail.html).toContain(colours.red);
  });

  it('counts in working days in words when the grace period does, as the notice says it', () => {
    const working = warningMail({
      unitName: '市住建局',
      date: today,
      graceDays: 3,
      daysIn: 'working',
      entries: [{ item: lateItem, late: [{ reason: 'overdue', daysLate: 1 }], answerBy: '2026-12-01' }],
    });
    expect(working.text).toContain('已超过完成时限1个工作日，请于2026年12月1日前说明原因并报送');
    expect(working.text).toContain('逾期超过3个工作日仍未说明原因并报送的');
    expect(working.text).not.toMatch(/\d天/);
  });

  it('handles an empty warning', () => {
    const empty = warningMail({ unitName: '市住建局', date: today, graceDays: 3, daysIn: 'calendar', entries: [] });
    expect(empty.subject.startsWith('【预警】')).toBe(true);
    expect(empty.text).toContain('无逾期');
  });
});

describe('【通报】noticeMail', () => {
  const base = {
    noticeId: 'N-2026-0012',
    issuedOn: today,
    reason: '未按时完成重点工作任务，未按督查要求报送办理情况',
    units: [
      { name: '市住建局', items: [lateItem] },
      { name: '汉滨区人民政府', items: [] },
    ],
    rectificationDue: '2026-12-03',
  };

  it('cites the notice, names the units and items, and asks for the rectification report within 7 days', () => {
    const mail = noticeMail({ ...base, level: 'office' });
    expect(mail.subject.startsWith('【通报】')).toBe(true);
    expect(mail.subject).toContain('督查室通报批评');
    expect(mail.subject).toContain('市住建局、汉滨区人民政府');
    expectItemShown(mail, lateItem);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('N-2026-0012');
      expect(part).toContain(base.reason);
      expect(part).toContain('请被通报单位于2026年12月3日前（7日内）通过平台报送书面整改报告，说明原因及整改措施');
      expect(part).toContain('不得评为优秀');
      expect(part).toContain('（未列具体督查事项）');
      expect(part).not.toContain('新闻媒体上公开曝光');
    }
  });

  it('says a government-level notice is in the government name, with media exposure when decided', () => {
    const mail = noticeMail({ ...base, level: 'government', mediaExposure: true });
    expect(mail.subject).toContain('以政府名义通报');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('决定以市人民政府名义对以下单位予以通报批评');
      expect(part).toContain('并在新闻媒体上公开曝光');
      expect(part).toContain('2026年12月3日前');
    }
  });

  it('shortens a long list of units in the subject', () => {
    const mail = noticeMail({
      ...base,
      level: 'office',
      units: ['甲局', '乙局', '丙局', '丁局', '戊局'].map((name) => ({ name, items: [] })),
    });
    expect(mail.subject).toContain('甲局、乙局、丙局等5个单位');
    expect(mail.text).toContain('戊局');
  });
});

describe('【整改督办】rectificationEscalationMail', () => {
  const mail = rectificationEscalationMail({
    date: '2026-12-04',
    originalNoticeIds: ['N-2026-0012', 'N-2026-0013'],
    governmentNoticeId: 'G-2026-0002',
    year: 2026,
    units: [
      { name: '市住建局', missedDue: '2026-12-03', referralSuggested: true },
      { name: '汉滨区人民政府', missedDue: '2026-12-03', referralSuggested: false },
    ],
  });

  it('says the units were escalated and are not eligible for 优秀 this year', () => {
    expect(mail.subject.startsWith('【整改督办】')).toBe(true);
    expect(mail.subject).toContain('市住建局');
    expect(mail.subject).toContain('2026年12月4日');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('未在规定时限内报送整改报告，已以政府名义通报，2026年度目标责任考核不得评为优秀格次');
      expect(part).toContain('2026年度');
      expect(part).toContain('G-2026-0002');
      expect(part).toContain('N-2026-0012、N-2026-0013');
      expect(part).toContain('2026年12月3日');
    }
  });

  it('suggests referral only for the flagged units', () => {
    const lines = mail.text.split('\n');
    const detailsOf = (name: string) => lines[lines.findIndex((l) => l.endsWith(`. ${name}`)) + 1] ?? '';
    expect(detailsOf('市住建局')).toContain('建议移送监察机关');
    expect(detailsOf('汉滨区人民政府')).not.toContain('移送');
    expect(mail.text.match(/建议移送监察机关/g)).toHaveLength(1);
    const rows = mail.html.slice(mail.html.indexOf('<tbody>')).split('<tr>');
    expect(rows.find((r) => r.includes('市住建局'))).toContain('建议移送监察机关');
    expect(rows.find((r) => r.includes('汉滨区人民政府'))).not.toContain('移送');
  });

  it('handles a run with no unit to escalate', () => {
    const empty = rectificationEscalationMail({
      date: '2026-12-04',
      originalNoticeIds: [],
      governmentNoticeId: 'G-0',
      year: 2026,
      units: [],
    });
    expect(empty.subject.startsWith('【整改督办】')).toBe(true);
    expect(empty.text).not.toContain('建议移送监察机关');
  });
});

describe('【督查周报】weeklyDigestMail', () => {
  const mail = weeklyDigestMail({
    weekOf: '2026-11-23',
    byStatus: { assigned: 2, 'in-progress': 5, closed: 3 },
    bySource: { 'work-report': 6, 'npc-suggestion': 4 },
    byLight: { green: 6, yellow: 2, red: 2 },
    dueThisWeek: { from: '2026-11-23', to: '2026-11-29', items: [{ ...deadlineItem, leadUnitName: '市交通局' }] },
    completion: { year: 2026, closedOnTime: 3, closedLate: 1, openLate: 2, onTimeRate: 0.5 },
    redItems: [{ ...lateItem, leadUnitName: '市住建局' }],
    unitsWithMostRed: [{ name: '市住建局', redItems: 2 }],
    unitsWithOpenRectifications: [{ name: '汉滨区人民政府', due: '2026-12-03' }],
  });

  it('gives the counts with their labels, the red items and the open rectifications', () => {
    expect(mail.subject.startsWith('【督查周报】')).toBe(true);
    expect(mail.subject).toContain('2026年11月23日');
    expectItemShown(mail, lateItem);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('共有督查事项10项');
      expect(part).toContain('办理中');
      expect(part).toContain('人大代表建议');
      expect(part).toContain('市住建局');
      expect(part).toContain('汉滨区人民政府');
      expect(part).toContain('2026年12月3日');
    }
    expect(mail.text).toContain('办理中：5');
    expect(mail.text).toContain('红灯：2');
    expect(mail.html).toContain(colours.red);
  });

  it("gives the week's deadlines, the year's on-time rate and the units with most red items", () => {
    expect(mail.text).toContain('四、本周（2026年11月23日至2026年11月29日）到期事项（1项）');
    expectItemShown(mail, deadlineItem);
    expect(mail.text).toContain('市交通局');
    expect(mail.text).toContain('五、2026年度按期办结情况');
    expect(mail.text).toContain('按期办结：3项\n逾期办结：1项\n逾期未办结：2项\n按期办结率：50.0%');
    expect(mail.text).toMatch(/七、红灯事项较多的单位\n\n1\. 市住建局\n {3}红灯事项：2项/);
  });

  it('says so when nothing is red and no rectification is open', () => {
    const quiet = weeklyDigestMail({
      weekOf: '2026-11-23',
      byStatus: {},
      bySource: {},
      byLight: {},
      dueThisWeek: { from: '2026-11-23', to: '2026-11-29', items: [] },
      completion: { year: 2026, closedOnTime: 0, closedLate: 0, openLate: 0, onTimeRate: null },
      redItems: [],
      unitsWithMostRed: [],
      unitsWithOpenRectifications: [],
    });
    expect(quiet.text).toContain('共有督查事项0项');
    expect(quiet.text).toContain('本周无到期事项');
    expect(quiet.text).toContain('按期办结率：暂无已到期事项');
    expect(quiet.text).toContain('本周无红灯事项');
    expect(quiet.text).toContain('无待报送整改报告的单位');
    // Only the on-time figures are a table: no list of items or units.
    expect(quiet.html).not.toContain('<thead>');
  });
});

describe('HTML escaping', () => {
  const hostile = '<script>alert("x")</script> 水 & 电';

  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  /** Every job template, with `text` as each item title, reason and unit name. */
  function everyTemplate(text: string): RenderedMail[] {
    const item: MailItem = { ...lateItem, title: text };
    const hostile = text;
    return [
      reminderMail({ unitName: hostile, date: today, entries: [{ item, reason: 'milestone', daysLeft: 1, milestoneTitle: hostile }] }),
      warningMail({
        unitName: hostile,
        date: today,
        graceDays: 3,
        daysIn: 'calendar',
        entries: [{ item, late: [{ reason: 'overdue', daysLate: 1 }], answerBy: today }],
      }),
      noticeMail({
        noticeId: 'N-1',
        level: 'office',
        issuedOn: today,
        reason: hostile,
        units: [{ name: hostile, items: [item] }],
        rectificationDue: '2026-12-03',
      }),
      rectificationEscalationMail({
        date: today,
        originalNoticeIds: ['N-1'],
        governmentNoticeId: 'G-1',
        year: 2026,
        units: [{ name: hostile, missedDue: today, referralSuggested: true }],
      }),
      weeklyDigestMail({
        weekOf: today,
        byStatus: { 'in-progress': 1 },
        bySource: { 'npc-suggestion': 1 },
        byLight: { red: 1 },
        dueThisWeek: { from: today, to: today, items: [{ ...item, leadUnitName: hostile }] },
        completion: { year: 2026, closedOnTime: 0, closedLate: 0, openLate: 1, onTimeRate: 0 },
        redItems: [{ ...item, leadUnitName: hostile }],
        unitsWithMostRed: [{ name: hostile, redItems: 1 }],
        unitsWithOpenRectifications: [{ name: hostile, due: today }],
      }),
    ];
  }

  it('escapes item titles, reasons and unit names in every template, and keeps them as is in text', () => {
    for (const mail of everyTemplate(hostile)) {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('& 电');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 水 &amp; 电');
      expect(mail.text).toContain(hostile);
    }
  });

  it('renders a stored lone surrogate as U+FFFD, so that one bad title never stops the mail it is in', () => {
    // Written outside the API (the edge refuses it): SES cannot encode it, and the whole mail would be refused.
    for (const mail of everyTemplate('供水\ud800改造\udc00工程')) {
      for (const part of [mail.subject, mail.text, mail.html]) expect(isWellFormed(part)).toBe(true);
      expect(mail.text).toContain('供水\uFFFD改造\uFFFD工程');
    }
  });

  it('keeps a line break in a unit name out of the subject', () => {
    const mail = reminderMail({ unitName: '甲局\r\nBcc: x@example.com', date: today, entries: [] });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it.each([
    ['NUL', '\u0000'],
    ['ESC (a terminal escape)', '\u001b'],
    ['DEL', '\u007f'],
    ['NEL', '\u0085'],
    ['a C1 control', '\u009b'],
    ['LINE SEPARATOR', '\u2028'],
    ['PARAGRAPH SEPARATOR', '\u2029'],
    ['a vertical tab and a form feed', '\u000b\u000c'],
  ])('turns %s in a unit name into a space in the subject, and keeps the name readable', (_, control) => {
    const mail = reminderMail({ unitName: `甲局${control}Bcc: x@example.com`, date: today, entries: [] });
    expect(mail.subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    expect(mail.subject).toContain('甲局 Bcc: x@example.com');
  });
});
