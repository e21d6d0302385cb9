import type { CalendarDate } from './calendar';
import { chineseDate, escapeHtml, noticeLevelLabels, type RenderedMail } from './mail';
import type { NoticeLevel } from './notices';

export interface NoticeWithdrawalMail {
  noticeId: string;
  level: NoticeLevel;
  issuedOn: CalendarDate;
  withdrawnOn: CalendarDate;
  reason: string;
  unitNames: string[];
}

/**
 * 【撤销通报】 to the units a withdrawn notice named: it no longer stands, they owe no rectification
 * under it, and it does not count in their assessment. Kept apart from mail.ts, whose digests it does not share.
 */
export function noticeWithdrawalMail(m: NoticeWithdrawalMail): RenderedMail {
  const subject = `【撤销通报】关于撤销通报 ${m.noticeId} 的通知（${chineseDate(m.withdrawnOn)}）`;
  const paragraphs = [
    `${m.unitNames.join('、')}：`,
    `${chineseDate(m.issuedOn)}发布的${noticeLevelLabels[m.level]}（编号 ${m.noticeId}）现予撤销。`,
    `撤销理由：${m.reason}`,
    '该通报不再要求报送整改报告，也不计入年度考核。',
    `市人民政府督查室　${chineseDate(m.withdrawnOn)}`,
    '本邮件由督查管理电子平台自动发送，请勿直接回复。',
  ];
  return {
    subject,
    text: paragraphs.join('\n\n'),
    html: `<html><body>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</body></html>`,
  };
}
