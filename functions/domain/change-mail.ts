/**
 * The emails of changes the office makes after dispatch (issue 14, "who is told, when"): a rectification
 * returned (退回重报) or accepted, an item reassigned (调整牵头单位), withdrawn (撤销), its deadline moved
 * (调整完成时限), a co-unit removed. One letter to each unit told, as event-mail.ts writes them: an addressee
 * line, what happened and on what authority, what the unit must do next and by when, the link into the console.
 */
import { type CalendarDate, daysBetween, shanghaiDate } from './calendar';
import { acknowledgeBy, type LetterTo, reportCadence } from './event-mail';
import type { Item } from './items';
import { noticeLevelLabels, qualityKindLabels, sourceLabels } from './labels';
import type { QualityFinding } from './report-quality';
import { lightReasonOf } from './light';
import { chineseDate, render, SOURCE_NOTICE, type RenderedMail } from './mail';
import type { Notice, RectificationObligation } from './notices';

const numbered = (lines: readonly string[]) => (lines.length === 0 ? '（无）' : lines.map((l, i) => `${i + 1}. ${l}`).join('　'));

/** The notice as a letter names it: its 文号, or its id where it was issued before numbering. */
const noticeName = (notice: Pick<Notice, 'id' | 'documentNumber'>) => notice.documentNumber ?? notice.id;

/** What the rectification week has left on `date`: the days to its end, today, or the days past it. */
export function rectificationTimeLeft(due: CalendarDate, date: CalendarDate): string {
  const left = daysBetween(date, due);
  if (left > 0) return `整改时限自通报之日起一周，至${chineseDate(due)}止，尚余${left}天`;
  if (left === 0) return `整改时限自通报之日起一周，至今日（${chineseDate(due)}）止`;
  return `整改时限${chineseDate(due)}已过${-left}天`;
}

/** 退回重报: the unit's rectification report is returned; the reason, and the days left of the notice's week. */
export function rectificationReturnedLetter(d: {
  notice: Pick<Notice, 'id' | 'documentNumber' | 'level' | 'issuedAt'>;
  obligation: Pick<RectificationObligation, 'due' | 'wasEscalated'>;
  reason: string;
  attempt: number;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const { notice, obligation } = d;
  const name = noticeName(notice);
  const left = daysBetween(d.date, obligation.due);
  const issuedOn = chineseDate(shanghaiDate(new Date(notice.issuedAt)));
  const nth = d.attempt > 1 ? `第${d.attempt}次` : '';
  const resend =
    left >= 0
      ? `${rectificationTimeLeft(obligation.due, d.date)}。请按退回理由补充完善整改措施，于${chineseDate(obligation.due)}前通过平台重新报送书面整改报告。`
      : `${rectificationTimeLeft(obligation.due, d.date)}。请按退回理由补充完善整改措施，立即通过平台重新报送书面整改报告。`;
  // The one-week check escalates an obligation once: a unit already escalated is not threatened again.
  const warning = obligation.wasEscalated ? '' : '逾期未重新报送的，将按规定以市人民政府名义通报批评。';
  const when = left >= 0 ? `请于${chineseDate(obligation.due)}前` : '请立即';
  return render(`【整改报告退回】${name}：${when}重新报送整改报告`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `贵单位按照${name}通报（${noticeLevelLabels[notice.level]}，${issuedOn}印发）要求${nth}报送的整改报告，经督查室审核，未达到整改要求，现予退回重报。`,
      },
      { p: `退回理由：${d.reason}` },
      { p: `${resend}${warning}`, strong: true },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 整改审核通过: the unit's rectification report is accepted; it owes nothing more under this notice. */
export function rectificationAcceptedLetter(d: {
  notice: Pick<Notice, 'id' | 'documentNumber' | 'level' | 'issuedAt'>;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const name = noticeName(d.notice);
  return render(`【整改报告审核】${name}：整改报告审核通过（${chineseDate(d.date)}）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `贵单位按照${name}通报（${noticeLevelLabels[d.notice.level]}，${chineseDate(shanghaiDate(new Date(d.notice.issuedAt)))}印发）要求报送的整改报告，经督查室审核，予以通过。`,
      },
      { p: '该通报项下贵单位无需再报送整改报告。请继续抓好整改措施落实，防止问题反弹。' },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 整改报告 handed in, to the office: which unit, under which notice, on time or not; the office reviews it. */
export function rectificationHandedInLetter(d: {
  notice: Pick<Notice, 'id' | 'documentNumber' | 'level' | 'issuedAt'>;
  unitName: string;
  attempt: number;
  onTime: boolean;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const name = noticeName(d.notice);
  return render(`【整改报告】${name}：${d.unitName}已报送整改报告（${chineseDate(d.date)}）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `${d.unitName}已按${name}通报（${noticeLevelLabels[d.notice.level]}）要求报送${d.attempt > 1 ? `第${d.attempt}次` : ''}整改报告${d.onTime ? '' : '（逾期报送）'}。`,
      },
      { p: '请登录督查管理电子平台审核：通过，或说明理由退回重报。', strong: true },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** The fields of an item a new lead now answers for: what, source, units, deadline, requirements, cadence. */
const itemFields = (item: Item, leadUnitName: string, coUnitNames: string[], previousLeadName: string): [string, string][] => [
  ['督查事项', item.title],
  ['事项来源', `${sourceLabels[item.source]}（${item.sourceRef}）`],
  ['牵头单位', leadUnitName],
  ['原牵头单位', previousLeadName],
  ['协办单位', coUnitNames.length > 0 ? coUnitNames.join('、') : '无'],
  ['完成时限', chineseDate(item.dueDate)],
  ['督办要求', numbered(item.requirements)],
  ['报送要求', reportCadence(item)],
];

/** 调整牵头单位, to the new lead: what it now owns, the deadline, and 请于…前签收. */
export function reassignedToLetter(d: {
  item: Item;
  previousLeadName: string;
  coUnitNames: string[];
  reason: string;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const { item } = d;
  const ackBy = acknowledgeBy(d.date, item.dueDate);
  return render(`【调整牵头单位】${item.title}：改由贵单位牵头办理（请于${chineseDate(ackBy)}前签收）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `经研究，督查事项「${item.title}」的牵头单位由${d.previousLeadName}调整为贵单位。自即日起由贵单位牵头办理并承担办理责任，请于${chineseDate(ackBy)}前登录督查管理电子平台签收，并按督办要求按时报送办理情况。`,
      },
      { p: `调整理由：${d.reason}` },
      { fields: [...itemFields(item, d.to.name, d.coUnitNames, d.previousLeadName), ['签收时限', chineseDate(ackBy)]] },
      { p: '确需延期的，请在完成时限前通过平台提出延期申请，说明理由。' },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 调整牵头单位, to the former lead: it no longer leads, keeps what it did, and hands over. */
export function reassignedFromLetter(d: {
  item: Item;
  newLeadName: string;
  reason: string;
  extensionWithdrawn: boolean;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const { item } = d;
  const handOverBy = acknowledgeBy(d.date, item.dueDate);
  return render(`【调整牵头单位】${item.title}：改由${d.newLeadName}牵头办理（${chineseDate(d.date)}）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `经研究，督查事项「${item.title}」的牵头单位由贵单位调整为${d.newLeadName}。自即日起贵单位不再牵头办理该事项，无需再报送办理情况；此前报送的办理情况予以保留，计入贵单位办理记录。`,
      },
      { p: `调整理由：${d.reason}` },
      ...(d.extensionWithdrawn ? [{ p: '贵单位就该事项提出、尚未审批的延期申请一并撤回。' }] : []),
      { p: `请于${chineseDate(handOverBy)}前与${d.newLeadName}做好工作交接。`, strong: true },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 撤销: the item is withdrawn by a decision; its units owe nothing more for it. */
export function itemWithdrawnLetter(d: {
  item: Item;
  asLead: boolean;
  reason: string;
  decision: string;
  extensionWithdrawn: boolean;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const { item } = d;
  return render(`【撤销督查事项】${item.title}（${chineseDate(d.date)}）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `贵单位${d.asLead ? '牵头办理' : '协助办理'}的督查事项「${item.title}」（${sourceLabels[item.source]}，${item.sourceRef}），经研究决定予以撤销。`,
      },
      {
        fields: [
          ['撤销依据', d.decision],
          ['撤销理由', d.reason],
        ],
      },
      {
        p: `自即日起，贵单位无需再办理、报送该事项，平台不再对其提醒、预警和通报，该事项不计入年度考核。${
          d.asLead && d.extensionWithdrawn ? '贵单位尚未审批的延期申请一并撤回。' : ''
        }`,
        strong: true,
      },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 调整完成时限: the deadline moved by a decision, old → new; what the unit does by the new date. */
export function deadlineMovedLetter(d: {
  item: Item;
  asLead: boolean;
  leadUnitName: string;
  previousDueDate: CalendarDate;
  reason: string;
  decision: string;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const { item } = d;
  const due = chineseDate(item.dueDate);
  return render(`【调整完成时限】${item.title}：完成时限调整为${due}`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `经研究决定，贵单位${d.asLead ? '牵头办理' : '协助办理'}的督查事项「${item.title}」完成时限由${chineseDate(d.previousDueDate)}调整为${due}。`,
      },
      {
        fields: [
          ['调整依据', d.decision],
          ['调整理由', d.reason],
        ],
      },
      {
        p: d.asLead ? `请于${due}前完成，并按要求报送办理情况。` : `请配合牵头单位${d.leadUnitName}于${due}前完成，并按要求报送协办情况。`,
        strong: true,
      },
      ...(d.asLead ? [{ p: `当前状态：${lightReasonOf(item, d.date)}。` }] : []),
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/** 调整协办单位, to a co-unit removed: it no longer co-handles the item; what it reported stays on record. */
export function coUnitRemovedLetter(d: { item: Item; leadUnitName: string; to: LetterTo; date: CalendarDate }): RenderedMail {
  const { item } = d;
  return render(`【调整协办单位】${item.title}：贵单位不再协助办理（${chineseDate(d.date)}）`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `经研究，督查事项「${item.title}」（牵头单位：${d.leadUnitName}）的协办单位已作调整，自即日起贵单位不再协助办理该事项，无需再报送协办情况；此前报送的协办情况予以保留。`,
      },
      { p: `请于${chineseDate(acknowledgeBy(d.date, item.dueDate))}前将有关工作资料移交牵头单位。`, strong: true },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}

/**
 * 退回重报 of a progress report: the unit's report, returned by the office with its reason and, when the notice's
 * content rules found something in it, what they found, each under the requirement it was found in; the unit
 * reports again by a date.
 */
export function reportReturnedLetter(d: {
  item: Pick<Item, 'title' | 'source' | 'sourceRef' | 'requirements'>;
  submittedAt: string;
  reason: string;
  findings: readonly QualityFinding[];
  reportAgainBy: CalendarDate;
  to: LetterTo;
  date: CalendarDate;
}): RenderedMail {
  const { item } = d;
  const where = (f: QualityFinding) => (f.where === 'summary' ? '总体进展' : `督办要求“${item.requirements[f.where] ?? ''}”的回答`);
  const said = (f: QualityFinding) =>
    f.kind === 'off-point'
      ? `未涉及“${f.words.join('、')}”`
      : f.kind === 'verbose'
        ? `篇幅${f.words.join('')}`
        : f.kind === 'repeated'
          ? `与督办要求“${f.words.join('')}”的回答相同`
          : f.words.length > 0
            ? `“${f.words.join('”“')}”`
            : '未见数量、金额、日期等实事';
  const found = d.findings.map((f, i) => `${i + 1}. ${where(f)}：${qualityKindLabels[f.kind]}（${said(f)}）`);
  return render(`【进展报送退回】${item.title}：请于${chineseDate(d.reportAgainBy)}前重新报送`, {
    salutation: `${d.to.name}：`,
    blocks: [
      {
        p: `贵单位${chineseDate(shanghaiDate(new Date(d.submittedAt)))}报送的督查事项「${item.title}」（${sourceLabels[item.source]}，${item.sourceRef}）办理进展，经督查室审核，未达到报送要求，现予退回重报。`,
      },
      { p: `退回理由：${d.reason}` },
      ...(found.length > 0
        ? [
            {
              p: `根据${SOURCE_NOTICE}关于报送内容“简明扼要，切忌虚话、官话、空话、套话；必须实事求是，不得强调客观原因和客观理由；必须正面回答，不得文不对题、答非所问”的要求，该报送存在以下问题：　${found.join('　')}`,
            },
          ]
        : []),
      {
        p: `请按退回理由逐项修改，正面回答每项督办要求，写明已完成的工作量、资金和时间节点，于${chineseDate(d.reportAgainBy)}前通过平台重新报送。`,
        strong: true,
      },
    ],
    link: d.to.link,
    signedOn: d.date,
  });
}
