/**
 * The emails of the scheduled jobs (提醒, 预警, 通报, 整改督办, 督查周报),
 * rendered in Chinese as subject, plain text and simple inline-styled HTML.
 * Pure functions: the jobs decide who gets what, these only say it.
 *
 * Every template is first built as a list of blocks and then rendered twice,
 * so the text and HTML versions say the same thing and every value is
 * escaped in one place (item titles, reasons and unit names are user input).
 */
import { type CalendarDate, isCalendarDate } from './calendar';
import type { ItemStatus, Source } from './items';
import { lightLabels, noticeLevelLabels, sourceLabels, statusLabels } from './labels';
import type { Light } from './light';
import { quotable, wellFormed } from './text';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailItem {
  id: string;
  title: string;
  source: Source;
  dueDate: CalendarDate;
  light: Light;
  /** Why the light (domain/light.ts): the same sentence the API and the spreadsheet give. */
  lightReason?: string;
  status?: ItemStatus;
}

/** 提醒: one digest per unit and day. */
export interface ReminderDigest {
  unitName: string;
  date: CalendarDate;
  entries: { item: MailItem; reason: 'deadline' | 'milestone' | 'report'; daysLeft: number; milestoneTitle?: string }[];
  link?: string;
}

/** 预警: a unit's late items and missing reports (to the unit's head and liaison, and the office). */
export interface WarningMail {
  unitName: string;
  date: CalendarDate;
  /** One entry per item, with every way it is late (a missed report and the deadline are one entry). */
  entries: {
    item: MailItem;
    late: { reason: 'overdue' | 'report-missing'; daysLate: number }[];
    /** The notice this same run issued for the item: the warning then says so instead of threatening one. */
    criticisedIn?: { documentNumber: string; rectificationDue: CalendarDate };
    /** The last day to explain and report before the notice (the grace period's end, counted as the days late are). */
    answerBy: CalendarDate;
  }[];
  /** Days late after which the office issues a notice. */
  graceDays: number;
  /** How the days late and the grace period are counted: the warning says so in words, as the notice does. */
  daysIn: 'working' | 'calendar';
  link?: string;
}

/** 通报: a criticism notice, by the office or in the government's name. */
export interface NoticeMail {
  noticeId: string;
  /** 文号, e.g. 安督通〔2026〕12号 (notices issued before numbering have none: their id stands in). */
  documentNumber?: string;
  /** The addressee line: the unit (or the office, the leaders) this copy goes to. */
  salutation?: string;
  /** Whether this copy goes to a unit the notice names (it owes a rectification) or to one kept informed. */
  named?: boolean;
  link?: string;
  level: 'office' | 'government';
  issuedOn: CalendarDate;
  reason: string;
  units: { name: string; items: MailItem[] }[];
  rectificationDue: CalendarDate;
  mediaExposure?: boolean;
}

/** 整改督办: units that did not rectify within a week: escalated, not eligible for 优秀 this year. */
export interface RectificationEscalationMail {
  date: CalendarDate;
  originalNoticeIds: string[];
  governmentNoticeId: string;
  units: { name: string; missedDue: CalendarDate; referralSuggested: boolean }[];
  year: number;
  /** 文号 of the government notice and of the notices ignored (ids where a notice has none). */
  governmentDocumentNumber?: string;
  originalDocumentNumbers?: string[];
  link?: string;
}

/** 督查周报: the ledger's overview (GET /reports/overview) for the leaders and the office. */
export interface WeeklyDigestMail {
  weekOf: CalendarDate;
  byStatus: Record<string, number>;
  bySource: Record<string, number>;
  byLight: Record<string, number>;
  dueThisWeek: { from: CalendarDate; to: CalendarDate; items: (MailItem & { leadUnitName: string })[] };
  completion: { year: number; closedOnTime: number; closedLate: number; openLate: number; onTimeRate: number | null };
  redItems: (MailItem & { leadUnitName: string })[];
  unitsWithMostRed: { name: string; redItems: number }[];
  /** 报送内容: the units whose reports of the year had findings, with how many were returned (absent in older callers: none). */
  unitsWithReportFindings?: { name: string; reportsWithFindings: number; reportsReturned: number }[];
  unitsWithOpenRectifications: { name: string; due: CalendarDate }[];
  /** The ledger's latest seals (domain/ledger-chain.ts), so a copy of each lives outside the database. */
  seals?: { number: number; date: CalendarDate; heads: number; root: string; hash: string }[];
  /** 无法送达: one line per contact whose address bounced for good since the last digest (said once). */
  undeliverable?: string[];
  link?: string;
}

/** The colours of the lights in HTML mail. */
export const lightColors: Record<Light, string> = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' };

// The codes' names live in labels.ts; mail's readers import them from here too.
export { lightLabels, noticeLevelLabels, sourceLabels, statusLabels };

/** The notice the platform's rules come from. */
export const SOURCE_NOTICE = '安政办发〔2014〕134号';
const SIGNATURE = '市人民政府督查室';
/** Who signs the mail being rendered: the root office as ever, unless signedBy names another (纵向到底). */
let signature = SIGNATURE;

/**
 * Renders mail signed by an office below the root (汉滨区政府督查室) rather than the root's 市人民政府督查室: the
 * county's reminders, notices and letters go to the county's units in the county office's name. Mail is built
 * synchronously, so no other mail is rendered while `build` runs.
 */
export function signedBy<T>(office: string | undefined, build: () => T): T {
  const before = signature;
  signature = office ?? SIGNATURE;
  try {
    return build();
  } finally {
    signature = before;
  }
}

/** The greeting of the mail to the leaders and the office: the city's as it was, or the office's below it. */
const leadersAndOffice = () => (signature === SIGNATURE ? '市政府各位领导、市人民政府督查室：' : `各位领导、${signature}：`);
const AUTO_SENT = '本邮件由督查管理电子平台自动发送，请勿直接回复。';

/** 2026-03-05 → 2026年3月5日, the form official documents use. */
export function chineseDate(date: CalendarDate): string {
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}

/** Escapes a value for HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// ---------------------------------------------------------------------------
// 提醒
// ---------------------------------------------------------------------------

export function reminderMail(d: ReminderDigest): RenderedMail {
  const subject = `【提醒】${d.unitName}督查事项办理提醒（${chineseDate(d.date)}）`;
  const blocks: Block[] =
    d.entries.length === 0
      ? [{ p: '今日贵单位无临近完成时限或报送时限的督查事项。' }]
      : [
          {
            p: `根据《关于进一步加强政务督查工作的通知》（${SOURCE_NOTICE}）要求，现将贵单位近期到期的督查事项提醒如下：`,
          },
          itemsTable(
            d.entries.map((e) => ({ item: e.item, extra: reminderReason(e) })),
            { extraHeader: '提醒事项' },
          ),
          // Said once, after the list: what to do, and by when (each entry's own date).
          { p: '请于上述时限前完成并通过平台报送办理情况。确需延期的，请在完成时限前通过平台提出延期申请，说明理由。' },
        ];
  return render(subject, { salutation: `${d.unitName}：`, blocks, link: d.link, signedOn: d.date });
}

function reminderReason(e: ReminderDigest['entries'][number]): string {
  const when = (what: string) =>
    e.daysLeft > 0 ? `${what}还有${e.daysLeft}天` : e.daysLeft === 0 ? `${what}为今日` : `${what}已过${-e.daysLeft}天`;
  switch (e.reason) {
    case 'deadline':
      return when('距完成时限');
    case 'milestone':
      return when(`阶段节点「${e.milestoneTitle ?? '阶段任务'}」距完成时限`);
    case 'report':
      return when('距办理情况报送时限');
  }
}

// ---------------------------------------------------------------------------
// 预警
// ---------------------------------------------------------------------------

export function warningMail(w: WarningMail): RenderedMail {
  const subject = `【预警】${w.unitName}督查事项逾期预警（${chineseDate(w.date)}）`;
  const threatened = w.entries.some((e) => !e.criticisedIn);
  const blocks: Block[] =
    w.entries.length === 0
      ? [{ p: '贵单位目前无逾期未完成或逾期未报送的督查事项。' }]
      : [
          { p: '经督查管理电子平台核对，贵单位以下督查事项已逾期，现予预警：' },
          itemsTable(
            w.entries.map((e) => ({ item: e.item, extra: warningReason(e, w) })),
            { extraHeader: '预警情形' },
          ),
          // The threat of a notice only where one is still to come: not for an item this very run has criticised.
          threatened
            ? {
                p: `根据《关于进一步加强政务督查工作的通知》（${SOURCE_NOTICE}）规定，对未按时、未按要求完成工作任务和未按督查要求报送办理情况的单位，由政府办公室进行通报批评。逾期超过${w.graceDays}${dayWord(w.daysIn)}仍未说明原因并报送的，将予以通报批评。`,
                strong: true,
              }
            : { p: '已通报批评的事项，请按通报要求报送书面整改报告。', strong: true },
        ];
  return render(subject, { salutation: `${w.unitName}：`, blocks, link: w.link, signedOn: w.date });
}

/** The days of a grace period in words: the warning, the notice and its reason count them alike. */
export const dayWord = (daysIn: 'working' | 'calendar') => (daysIn === 'working' ? '个工作日' : '天');

function warningReason(e: WarningMail['entries'][number], w: WarningMail): string {
  const days = (n: number) => `${n}${dayWord(w.daysIn)}`;
  const late = e.late
    .map((l) => (l.reason === 'overdue' ? `已超过完成时限${days(l.daysLate)}` : `办理情况已超过报送时限${days(l.daysLate)}未报送`))
    .join('；');
  if (e.criticisedIn)
    return `${late}，已予以通报批评（${e.criticisedIn.documentNumber}），请于${chineseDate(e.criticisedIn.rectificationDue)}前报送书面整改报告`;
  // The notice follows once the grace period is over: the unit answers before then.
  return `${late}，请于${chineseDate(e.answerBy)}前说明原因并报送`;
}

// ---------------------------------------------------------------------------
// 通报
// ---------------------------------------------------------------------------

export function noticeMail(n: NoticeMail): RenderedMail {
  const levelLabel = noticeLevelLabels[n.level];
  const number = n.documentNumber ?? n.noticeId;
  const subject = `【通报】${levelLabel}：关于${unitList(n.units.map((u) => u.name))}的通报（${number}）`;
  // 以政府名义 says who criticises, 予以 what is done: "予以以政府名义通报批评" doubled the 以.
  const decision = n.level === 'government' ? '决定以市人民政府名义对以下单位予以通报批评' : '决定对以下单位予以通报批评';
  const blocks: Block[] = [
    {
      fields: [
        ['文号', number],
        ['通报级别', levelLabel],
        ['通报日期', chineseDate(n.issuedOn)],
      ],
    },
    { p: `通报事由：${n.reason}` },
    {
      p: `根据《关于进一步加强政务督查工作的通知》（${SOURCE_NOTICE}）实行责任追究制度的规定，${decision}${n.mediaExposure ? '，并在新闻媒体上公开曝光' : ''}：`,
    },
  ];
  if (n.units.length === 0) blocks.push({ p: '（本通报未列被通报单位。）' });
  else if (n.units.every((u) => u.items.length === 0)) {
    // No items named: the units in one line, not "（未列具体督查事项）" under each of them.
    blocks.push({ p: n.units.map((u, i) => `${chineseOrdinal(i + 1)}、${u.name}`).join('　') });
  } else {
    n.units.forEach((unit, index) => {
      blocks.push({ heading: `${chineseOrdinal(index + 1)}、${unit.name}` });
      blocks.push(
        unit.items.length > 0
          ? itemsTable(
              uniqueItems(unit.items).map((item) => ({ item, extra: item.lightReason })),
              { extraHeader: '情形' },
            )
          : { p: '（未列具体督查事项）' },
      );
    });
  }
  blocks.push(
    n.named === false
      ? { p: `请督促被通报单位于${chineseDate(n.rectificationDue)}前报送书面整改报告。`, strong: true }
      : {
          p: `整改要求：请被通报单位于${chineseDate(n.rectificationDue)}前（7日内）通过平台报送书面整改报告，说明原因及整改措施。被通报单位本年度目标责任考核不得评为优秀格次。`,
          strong: true,
        },
  );
  return render(subject, { salutation: n.salutation ?? '各被通报单位：', blocks, link: n.link, signedOn: n.issuedOn });
}

/** 1 → 一, 12 → 十二, 21 → 二十一: how official documents number their parts (up to 99). */
export function chineseOrdinal(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** Each item once, in first-seen order: an item late for two reasons is one entry, not two. */
function uniqueItems<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && seen.add(i.id));
}

// ---------------------------------------------------------------------------
// 整改督办
// ---------------------------------------------------------------------------

export function rectificationEscalationMail(r: RectificationEscalationMail): RenderedMail {
  const subject = `【整改督办】${unitList(r.units.map((u) => u.name))}逾期未报送整改报告（${chineseDate(r.date)}）`;
  const originals = r.originalDocumentNumbers ?? r.originalNoticeIds;
  const blocks: Block[] = [
    {
      fields: [
        ['原通报文号', originals.length > 0 ? originals.join('、') : '—'],
        ['政府通报文号', r.governmentDocumentNumber ?? r.governmentNoticeId],
        ['督办日期', chineseDate(r.date)],
      ],
    },
  ];
  if (r.units.length === 0) {
    blocks.push({ p: '本次无逾期未报送整改报告的单位。' });
  } else {
    blocks.push(
      {
        p: `根据《关于进一步加强政务督查工作的通知》（${SOURCE_NOTICE}）规定，被通报单位须自通报之日起一周内说明情况、提出整改措施、形成书面整改报告。以下单位未在规定时限内报送整改报告，已以政府名义通报，${r.year}年度目标责任考核不得评为优秀格次：`,
      },
      {
        table: {
          headers: ['单位', '整改报告时限', '处理意见'],
          rows: r.units.map((u) => [
            u.name,
            chineseDate(u.missedDue),
            u.referralSuggested ? '已以政府名义通报；建议移送监察机关' : '已以政府名义通报',
          ]),
        },
      },
      { p: '请督促上述单位立即报送书面整改报告，说明原因及整改措施。', strong: true },
    );
  }
  return render(subject, { salutation: leadersAndOffice(), blocks, link: r.link, signedOn: r.date });
}

// ---------------------------------------------------------------------------
// 邮件无法发送（告知督查室）
// ---------------------------------------------------------------------------

/** An email the platform gave up on: it failed the same permanent way too often to try again. */
export interface ParkedMail {
  /** The parked email's kind (reminder, warning, …), its day and its subject, as queued. */
  kind: string;
  day: string;
  subject: string;
  to: readonly string[];
  /** Why the mail service refused it (no addresses). */
  reason: string;
  attempts: number;
  date: CalendarDate;
}

/**
 * Tells the office which email will not be sent and why, so a person can
 * tell its recipients another way and mend what stopped it. The parked
 * email's subject may hold the very character that stopped it: it is quoted
 * made safe (text.ts: quotable), so this email at least can be sent.
 */
export function parkedMailNotice(m: ParkedMail): RenderedMail {
  return render(`【邮件未能发送】${quotable(m.subject)}`, {
    salutation: '督查室：',
    blocks: [
      {
        p: `以下平台邮件已连续${m.attempts}次被邮件服务拒收，平台不再重发。请通过其他方式通知收件人，并检查邮件所引用的事项、单位名称或联系人地址：`,
      },
      {
        fields: [
          ['邮件主题', quotable(m.subject)],
          ['邮件类别', quotable(m.kind)],
          ['邮件日期', isCalendarDate(m.day) ? chineseDate(m.day) : quotable(m.day)],
          ['收件人', m.to.map(quotable).join('、')],
          ['拒收原因', quotable(m.reason)],
        ],
      },
      { p: '其他邮件不受影响，照常发送。' },
    ],
    signedOn: m.date,
  });
}

// ---------------------------------------------------------------------------
// 督查周报
// ---------------------------------------------------------------------------

export function weeklyDigestMail(w: WeeklyDigestMail): RenderedMail {
  const subject = `【督查周报】督查工作周报（${chineseDate(w.weekOf)}当周）`;
  const total = Object.values(w.byStatus).reduce((sum, n) => sum + n, 0);
  const c = w.completion;
  // A unit owing under two notices is one unit, with both dates: the count is of units.
  const owing = [...new Set(w.unitsWithOpenRectifications.map((u) => u.name))].map((name) => ({
    name,
    dues: [...new Set(w.unitsWithOpenRectifications.filter((u) => u.name === name).map((u) => u.due))].sort(),
  }));
  const blocks: Block[] = [
    { p: `截至${chineseDate(w.weekOf)}，督查台账共有督查事项${total}项（在办事项及${c.year}年度已办结事项）。` },
    { heading: '一、按办理状态' },
    counts(w.byStatus, statusLabels),
    { heading: '二、按来源' },
    counts(w.bySource, sourceLabels),
    { heading: '三、按红黄绿灯' },
    counts(w.byLight, lightLabels),
    {
      heading: `四、本周（${chineseDate(w.dueThisWeek.from)}至${chineseDate(w.dueThisWeek.to)}）到期事项（${w.dueThisWeek.items.length}项）`,
    },
    w.dueThisWeek.items.length === 0
      ? { p: '本周无到期事项。' }
      : itemsTable(
          w.dueThisWeek.items.map((item) => ({ item, extra: item.leadUnitName })),
          { extraHeader: '牵头单位', extraFirst: true },
        ),
    { heading: `五、${c.year}年度按期办结情况` },
    {
      fields: [
        ['按期办结', `${c.closedOnTime}项`],
        ['逾期办结', `${c.closedLate}项`],
        ['逾期未办结', `${c.openLate}项`],
        ['按期办结率', c.onTimeRate === null ? '暂无已到期事项' : `${(c.onTimeRate * 100).toFixed(1)}%`],
      ],
    },
    { heading: `六、红灯（逾期）事项（${w.redItems.length}项）` },
    w.redItems.length === 0
      ? { p: '本周无红灯事项。' }
      : itemsTable(
          w.redItems.map((item) => ({ item, extra: item.leadUnitName })),
          { extraHeader: '牵头单位', extraFirst: true },
        ),
    { heading: '七、红灯事项较多的单位' },
    w.unitsWithMostRed.length === 0
      ? { p: '无。' }
      : { table: { headers: ['单位', '红灯事项'], rows: w.unitsWithMostRed.map((u) => [u.name, `${u.redItems}项`]) } },
    { heading: `八、待报送整改报告的单位（${owing.length}个）` },
    owing.length === 0
      ? { p: '无待报送整改报告的单位。' }
      : {
          table: {
            headers: ['单位', '整改报告时限'],
            rows: owing.map((u) => [u.name, u.dues.map(chineseDate).join('、')]),
          },
        },
    { heading: `九、${c.year}年度报送内容存在问题较多的单位` },
    !w.unitsWithReportFindings?.length
      ? { p: '无。' }
      : {
          table: {
            headers: ['单位', '存在虚话套话、强调客观原因、答非所问等问题的报送', '退回重报'],
            rows: w.unitsWithReportFindings.map((u) => [u.name, `${u.reportsWithFindings}次`, `${u.reportsReturned}次`]),
          },
        },
    ...(w.undeliverable && w.undeliverable.length > 0
      ? [{ heading: '邮件无法送达的联系人（请核实后在单位名册中更新地址）' }, ...w.undeliverable.map((line) => ({ p: line }))]
      : []),
    { p: '请督促红灯事项的牵头单位和待报送整改报告的单位按时办理。', strong: true },
    ...sealBlocks(w.seals),
  ];
  return render(subject, { salutation: leadersAndOffice(), blocks, link: w.link, signedOn: w.weekOf });
}

/** 台账封存: the seals in full, so that the mail itself is a copy a later check can compare the ledger's seals with. */
function sealBlocks(seals: WeeklyDigestMail['seals']): Block[] {
  if (seals === undefined) return [];
  return [
    { heading: `九、台账防篡改封存（最近${seals.length}次）` },
    seals.length === 0
      ? { p: '尚无封存。' }
      : {
          table: {
            headers: ['封存号', '日期', '链头数', 'Merkle 根', '封存哈希'],
            rows: seals.map((s) => [String(s.number), chineseDate(s.date), String(s.heads), s.root, s.hash]),
          },
        },
    { p: '请留存本邮件：以 npm run verify-ledger 核验时，台账中的封存哈希应与此处一致。' },
  ];
}

/** Known keys in their canonical order with their labels, then any others as they are. */
function counts(values: Record<string, number>, labels: Record<string, string>): Block {
  const known = Object.keys(labels).filter((key) => key in values);
  const others = Object.keys(values).filter((key) => !(key in labels));
  const rows = [...known, ...others].map((key): [string, string] => [labels[key] ?? key, String(values[key])]);
  return rows.length === 0 ? { p: '（无）' } : { fields: rows };
}

/** At most three names in a subject, then "等N个单位". */
function unitList(names: string[]): string {
  if (names.length === 0) return '相关单位';
  if (names.length <= 3) return names.join('、');
  return `${names.slice(0, 3).join('、')}等${names.length}个单位`;
}

// ---------------------------------------------------------------------------
// Blocks, rendered as text and HTML
// ---------------------------------------------------------------------------

type Cell = string | { light: Light };

export type Block =
  | { p: string; strong?: boolean }
  | { heading: string }
  /** Label–value lines. */
  | { fields: [string, string][] }
  /** In text: one numbered entry per row, the first cell as its title. */
  | { table: { headers: string[]; rows: Cell[][] } };

function itemsTable(rows: { item: MailItem; extra?: string }[], options: { extraHeader?: string; extraFirst?: boolean }): Block {
  const withStatus = rows.some((r) => r.item.status !== undefined);
  const headers = ['督查事项', '来源', '完成时限', ...(withStatus ? ['办理状态'] : []), '灯号'];
  const extraAt = options.extraFirst ? 1 : headers.length;
  if (options.extraHeader) headers.splice(extraAt, 0, options.extraHeader);
  return {
    table: {
      headers,
      rows: rows.map(({ item, extra }) => {
        const cells: Cell[] = [
          item.title,
          sourceLabels[item.source] ?? item.source,
          chineseDate(item.dueDate),
          ...(withStatus ? [item.status ? statusLabels[item.status] : '—'] : []),
          { light: item.light },
        ];
        if (options.extraHeader) cells.splice(extraAt, 0, extra ?? '—');
        return cells;
      }),
    },
  };
}

/** A mail's parts: to whom (the addressee line), what it says, where to act (a link into the console), and its date. */
export interface MailDoc {
  salutation?: string;
  blocks: Block[];
  /** The item's or notice's page in the console (CONSOLE_URL), where the recipient does what the mail asks. */
  link?: string;
  signedOn: CalendarDate;
}

/**
 * Every mail is rendered here, so here is where stored text is made safe to send. The edge refuses bad
 * characters, but a record written before it did, or outside the API, may still hold a lone surrogate:
 * SES cannot carry it, and one such title would stop the whole mail it appears in (a leaders' digest, a
 * co-unit's 派发 mail) — mail about everything else in it. So each lone surrogate is shown as U+FFFD, as a
 * UTF-8 decoder shows a bad byte, and the mail goes out (text.ts: wellFormed).
 */
export function render(subject: string, doc: MailDoc): RenderedMail {
  // A subject is one header line: user input must not break it. The edge refuses control characters and
  // separators in names and titles, but records stored before it did may hold them: every control character
  // (C0, DEL, C1 with NEL) and U+2028/U+2029, which some mail clients and parsers take for line ends, is a space.
  const cleanSubject = wellFormed(subject.replace(/[\p{Cc}\u2028\u2029]+/gu, ' '));
  return { subject: cleanSubject, text: wellFormed(renderText(doc)), html: wellFormed(renderHtml(cleanSubject, doc)) };
}

function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : lightLabels[cell.light];
}

function renderText(doc: MailDoc): string {
  const lines: string[] = [];
  if (doc.salutation) lines.push(doc.salutation, '');
  for (const block of doc.blocks) {
    if ('p' in block) {
      lines.push(`　　${block.p}`, '');
    } else if ('heading' in block) {
      lines.push(block.heading, '');
    } else if ('fields' in block) {
      for (const [label, value] of block.fields) lines.push(`${label}：${value}`);
      lines.push('');
    } else {
      const { headers, rows } = block.table;
      rows.forEach((row, index) => {
        lines.push(`${index + 1}. ${cellText(row[0] ?? '')}`);
        const details = row.slice(1).map((cell, i) => `${headers[i + 1]}：${cellText(cell)}`);
        if (details.length > 0) lines.push(`   ${details.join('｜')}`);
      });
      lines.push('');
    }
  }
  if (doc.link) lines.push(`办理入口：${doc.link}`, '');
  lines.push(signature, chineseDate(doc.signedOn), '', `（${AUTO_SENT}）`);
  return `${lines.join('\n')}\n`;
}

const FONT = "font-family:'PingFang SC','Microsoft YaHei','SimSun',Arial,sans-serif";
const CELL = 'border:1px solid #bdbdbd;padding:6px 8px;text-align:left;vertical-align:top';

function cellHtml(cell: Cell): string {
  if (typeof cell === 'string') return escapeHtml(cell);
  // A coloured dot and the word: the colour alone says nothing to a screen reader or a grey-scale print.
  return `<span style="color:${lightColors[cell.light]};font-size:16px">&#9679;</span>&nbsp;<span style="color:${lightColors[cell.light]};font-weight:bold">${lightLabels[cell.light]}</span>`;
}

function renderHtml(subject: string, doc: MailDoc): string {
  const parts: string[] = [];
  parts.push(`<h2 style="font-size:18px;margin:0 0 16px 0">${escapeHtml(subject)}</h2>`);
  if (doc.salutation) parts.push(`<p style="margin:0 0 12px 0">${escapeHtml(doc.salutation)}</p>`);
  for (const block of doc.blocks) {
    if ('p' in block) {
      const text = escapeHtml(block.p);
      parts.push(`<p style="margin:0 0 12px 0;text-indent:2em">${block.strong ? `<strong>${text}</strong>` : text}</p>`);
    } else if ('heading' in block) {
      parts.push(`<h3 style="font-size:15px;margin:16px 0 8px 0">${escapeHtml(block.heading)}</h3>`);
    } else if ('fields' in block) {
      const rows = block.fields
        .map(
          ([label, value]) =>
            `<tr><th style="${CELL};background:#f5f5f5;white-space:nowrap">${escapeHtml(label)}</th><td style="${CELL}">${escapeHtml(value)}</td></tr>`,
        )
        .join('');
      parts.push(`<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px 0">${rows}</table>`);
    } else {
      const { headers, rows } = block.table;
      const head = ['序号', ...headers]
        .map((h) => `<th style="${CELL};background:#f5f5f5;white-space:nowrap">${escapeHtml(h)}</th>`)
        .join('');
      const body = rows
        .map(
          (row, index) =>
            `<tr><td style="${CELL}">${index + 1}</td>${row.map((cell) => `<td style="${CELL}">${cellHtml(cell)}</td>`).join('')}</tr>`,
        )
        .join('');
      parts.push(
        `<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px 0;width:100%;max-width:960px"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`,
      );
    }
  }
  if (doc.link) parts.push(`<p style="margin:0 0 12px 0">办理入口：<a href="${escapeHtml(doc.link)}">${escapeHtml(doc.link)}</a></p>`);
  parts.push(
    `<p style="margin:24px 0 0 0;text-align:right">${escapeHtml(signature)}<br>${escapeHtml(chineseDate(doc.signedOn))}</p>`,
    `<p style="margin:24px 0 0 0;font-size:12px;color:#757575">${AUTO_SENT}</p>`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:16px;${FONT};font-size:14px;line-height:1.6;color:#212121;background:#ffffff">`,
    ...parts,
    '</body></html>',
  ].join('\n');
}
