/**
 * The emails of the ledger's events (派发, 延期审批, 核查), one letter to each unit told: an addressee line,
 * what happened, what the unit must do next and by when, and the link to the item in the console. Pure
 * functions, as the jobs' templates in mail.ts, rendered by the same blocks.
 */
import { addDays, type CalendarDate } from './calendar';
import type { ExtensionRequest } from './extensions';
import type { Item } from './items';
import { sourceLabels, verificationMethodLabels } from './labels';
import { lightReasonOf } from './light';
import { chineseDate, render, SOURCE_NOTICE, type RenderedMail } from './mail';

/** Days after dispatch by which a unit acknowledges (签收) an item: the mail asks for it, capped at the deadline. */
export const ACKNOWLEDGE_WITHIN_DAYS = 3;

export const acknowledgeBy = (dispatchedOn: CalendarDate, dueDate: CalendarDate): CalendarDate => {
  const by = addDays(dispatchedOn, ACKNOWLEDGE_WITHIN_DAYS);
  return by < dueDate ? by : dueDate;
};

/** The unit a letter goes to, and where in the console it acts. */
export interface LetterTo {
  name: string;
  link: string;
}

/** 每N日报送一次, the milestones' dates, or "按督办要求报送": how often the unit reports. */
export function reportCadence(item: Pick<Item, 'reportEveryDays' | 'milestones' | 'nextReportDue'>): string {
  const parts: string[] = [];
  if (item.reportEveryDays !== undefined) parts.push(`每${item.reportEveryDays}日报送一次办理情况`);
  if (item.milestones.length > 0)
    parts.push(`阶段节点：${item.milestones.map((m) => `${m.title}（${chineseDate(m.dueDate)}）`).join('；')}`);
  if (item.nextReportDue) parts.push(`首次报送时限${chineseDate(item.nextReportDue)}`);
  return parts.length > 0 ? parts.join('；') : '办结前按督办要求报送办理情况';
}

const numbered = (lines: readonly string[]) => (lines.length === 0 ? '（无）' : lines.map((l, i) => `${i + 1}. ${l}`).join('　'));

/** 派发: the item as the unit receives it, lead or co-unit, and the date by which to acknowledge it. */
export function dispatchLetter(d: {
  item: Item;
  to: LetterTo;
  asLead: boolean;
  leadUnitName: string;
  coUnitNames: string[];
  date: CalendarDate;
}): RenderedMail {
  const { item } = d;
  const ackBy = acknowledgeBy(d.date, item.dueDate);
  const role = d.asLead ? '牵头办理' : '协助办理';
  return render(`【派发】${item.title}（请于${chineseDate(ackBy)}前签收）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `根据《关于进一步加强政务督查工作的通知》（${SOURCE_NOTICE}）要求，现将以下督查事项派发贵单位${role}，请于${chineseDate(ackBy)}前登录督查管理电子平台签收，并按督办要求按时报送办理情况。`,
      },
      {
        fields: [
          ['督查事项', item.title],
          ['事项来源', `${sourceLabels[item.source]}（${item.sourceRef}）`],
          ['牵头单位', d.leadUnitName],
          ['协办单位', d.coUnitNames.length > 0 ? d.coUnitNames.join('、') : '无'],
          ['完成时限', chineseDate(item.dueDate)],
          ['督办要求', numbered(item.requirements)],
          ['报送要求', reportCadence(item)],
          ['签收时限', chineseDate(ackBy)],
        ],
      },
      ...(item.description.trim() ? [{ p: `事项说明：${item.description}` }] : []),
      { p: '确需延期的，请在完成时限前通过平台提出延期申请，说明理由。' },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 延期审批: the lead unit learns the office's decision; approved, the new deadline. */
export function extensionLetter(d: { item: Item; request: ExtensionRequest; to: LetterTo; date: CalendarDate }): RenderedMail {
  const { item, request } = d;
  const approved = request.status === 'approved';
  const verdict = approved ? '已批准' : '未获批准';
  const note = request.note?.trim() ? `审批意见：${request.note}` : '';
  return render(`【延期审批】${item.title}：延期申请${verdict}（${chineseDate(d.date)}）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: approved
          ? `贵单位关于「${item.title}」的延期申请已获批准，完成时限由${chineseDate(request.currentDueDate)}调整为${chineseDate(request.newDueDate)}。`
          : `贵单位关于「${item.title}」的延期申请（申请延至${chineseDate(request.newDueDate)}）未获批准，完成时限仍为${chineseDate(item.dueDate)}。`,
      },
      ...(note ? [{ p: note }] : []),
      {
        p: `请于${chineseDate(item.dueDate)}前完成，并按要求报送办理情况。`,
        strong: true,
      },
      { p: `当前状态：${lightReasonOf(item, d.date)}。` },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 延期申请, to the office: which unit asks how much more time for what, and why; the office decides on the item's page. */
export function extensionRequestedLetter(d: {
  item: Item;
  request: ExtensionRequest;
  leadUnitName: string;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const { item, request } = d;
  return render(`【延期申请】${item.title}：${d.leadUnitName}申请延期至${chineseDate(request.newDueDate)}`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `${d.leadUnitName}申请将「${item.title}」的完成时限由${chineseDate(request.currentDueDate)}延至${chineseDate(request.newDueDate)}。`,
      },
      { p: `申请理由：${request.reason}` },
      { p: '请登录督查管理电子平台审批（批准或不批准，并填写审批意见）。', strong: true },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 核查: the lead unit learns the verification's result; failed, the findings and what is expected now. */
export function verificationLetter(d: { item: Item; to: LetterTo; date: CalendarDate }): RenderedMail {
  const { item } = d;
  const v = item.lastVerification;
  const method = v ? verificationMethodLabels[v.method] : '核查';
  const passed = v?.passed ?? item.status === 'closed';
  const late = item.dueDate < d.date;
  const next = item.nextReportDue ? `下次报送办理情况时限为${chineseDate(item.nextReportDue)}。` : '';
  return render(`【核查结果】${item.title}：${passed ? '核查通过，予以办结' : '核查未通过，退回整改'}（${chineseDate(d.date)}）`, {
    salutation: `${d.to.name}：`,
    blocks: passed
      ? [
          { p: `经${method}，贵单位牵头办理的「${item.title}」已落实到位，核查通过，予以办结。` },
          ...(v?.findings.trim() ? [{ p: `核查意见：${v.findings}` }] : []),
          { p: '本事项无需再报送办理情况。' },
        ]
      : [
          { p: `经${method}，贵单位牵头办理的「${item.title}」未通过核查，已退回办理中。` },
          { p: `核查意见：${v?.findings ?? '（未填写）'}` },
          {
            p: late
              ? `完成时限${chineseDate(item.dueDate)}已过，请立即按核查意见整改落实，完成后通过平台再次申请办结。${next}`
              : `请按核查意见整改落实，于${chineseDate(item.dueDate)}前完成并通过平台再次申请办结。${next}`,
            strong: true,
          },
        ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/**
 * 派发 of an imported ledger (导入台账): one letter per unit listing every open item it was given, instead of one
 * mail per item — a ledger of thirty rows would otherwise bury a unit under thirty mails in a minute.
 */
export function importDispatchLetter(d: {
  to: { name: string; link: string };
  items: { title: string; dueDate: CalendarDate; dueWords?: string; standing?: boolean; asLead: boolean }[];
  date: CalendarDate;
}): RenderedMail {
  const ackBy = addDays(d.date, ACKNOWLEDGE_WITHIN_DAYS);
  const due = (i: (typeof d.items)[number]) =>
    i.standing
      ? `${i.dueWords ?? '长期坚持'}（按期报送）`
      : i.dueWords
        ? `${chineseDate(i.dueDate)}（原台账：${i.dueWords}）`
        : chineseDate(i.dueDate);
  return render(`【派发】导入台账督查事项 ${d.items.length} 项（请于${chineseDate(ackBy)}前签收）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `根据《关于进一步加强政务督查工作的通知》（${SOURCE_NOTICE}）要求，原督查台账中由贵单位承办的以下 ${d.items.length} 项督查事项已录入督查管理电子平台，请于${chineseDate(ackBy)}前登录平台逐项签收，并按督办要求按时报送办理情况。`,
      },
      { table: { headers: ['督查事项', '承办方式', '完成时限'], rows: d.items.map((i) => [i.title, i.asLead ? '牵头' : '协办', due(i)]) } },
      { p: '确需延期的，请在完成时限前通过平台提出延期申请，说明理由。' },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}
