import type { CalendarDate } from './calendar';
import { chineseDate, noticeLevelLabels, render, type RenderedMail } from './mail';
import type { NoticeLevel } from './notices';

export interface NoticeWithdrawalMail {
  noticeId: string;
  /** 文号 (notices issued before numbering have none: their id stands in). */
  documentNumber?: string;
  level: NoticeLevel;
  issuedOn: CalendarDate;
  withdrawnOn: CalendarDate;
  reason: string;
  /** The units the notice named. */
  unitNames: string[];
  /** The addressee line: the unit this copy goes to (by default the units named, together). */
  salutation?: string;
  /** Whether this copy goes to a unit the notice named (it owed a rectification) or to one kept informed. */
  named?: boolean;
  link?: string;
}

/**
 * 【撤销通报】 to the units a withdrawn notice named, and to the office (at government level the leaders) who were
 * told of it: it no longer stands, no rectification is owed under it, it does not count in the assessment.
 */
export function noticeWithdrawalMail(m: NoticeWithdrawalMail): RenderedMail {
  const number = m.documentNumber ?? m.noticeId;
  const named = m.named ?? true;
  return render(`【撤销通报】关于撤销${number}通报的通知（${chineseDate(m.withdrawnOn)}）`, {
    salutation: m.salutation ?? `${m.unitNames.join('、')}：`,
    blocks: [
      {
        p: `${chineseDate(m.issuedOn)}印发的${number}通报（${noticeLevelLabels[m.level]}，被通报单位：${m.unitNames.join('、')}），经研究决定予以撤销。`,
      },
      { p: `撤销理由：${m.reason}` },
      {
        p: named
          ? '该通报自即日起不再执行：贵单位无需再报送整改报告，该通报不计入贵单位年度目标责任考核，也不影响评优。'
          : '该通报自即日起不再执行：被通报单位无需再报送整改报告，该通报不计入年度目标责任考核。',
        strong: true,
      },
    ],
    link: m.link,
    signedOn: m.withdrawnOn,
  });
}
