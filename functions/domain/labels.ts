/**
 * The Chinese name of every code the platform speaks in, as a clerk reads
 * them: in mail, in the spreadsheet, in the API's messages, and in
 * /openapi.json beside each enum code. Data only (no imports but types), so
 * the mail, the message catalogue and the contract all take their words from
 * here without a cycle.
 */
import type { Role } from './caller';
import type { Action, DeliveryState, ExtensionStatus, NoticeLevel, ObligationStatus, RectificationDecision } from './codes';
import type { ItemStatus, Source, VerificationMethod } from './items';
import type { Light } from './codes';
import type { ContactRole, MailTopic, UnitKind } from './units';
import type { QualityKind } from './report-quality';

export const sourceLabels: Record<Source, string> = {
  'work-report': '政府工作报告重点工作',
  'meeting-decision': '政府重要会议决定事项',
  'npc-suggestion': '人大代表建议',
  'cppcc-proposal': '政协提案',
  'leader-instruction': '领导批示件',
  'media-report': '新闻媒体反映的重大问题',
  'leader-assignment': '领导交办的其他重大事项',
};

export const lightLabels: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

export const noticeLevelLabels: Record<NoticeLevel, string> = {
  office: '督查室通报批评',
  government: '以政府名义通报',
};

export const statusLabels: Record<ItemStatus, string> = {
  assigned: '已派发',
  acknowledged: '已签收',
  'in-progress': '办理中',
  'completion-claimed': '申请办结',
  closed: '已办结',
  withdrawn: '已撤销',
};

export const roleLabels: Record<Role, string> = {
  office: '督查室',
  leader: '领导',
  unit: '责任单位',
  inspector: '督查员',
};

/** What each lifecycle action is called in a sentence: "不能{签收}". */
export const actionLabels: Record<Action, string> = {
  acknowledge: '签收',
  report: '报送进展',
  requestExtension: '申请延期',
  decideExtension: '审批延期申请',
  claimCompletion: '申请办结',
  verify: '核查',
  edit: '修改',
  moveDeadline: '调整完成时限',
  reassign: '调整牵头单位',
  withdraw: '撤销',
};

export const unitKindLabels: Record<UnitKind, string> = {
  county: '县区人民政府',
  department: '市政府工作部门',
  agency: '市政府直属机构',
  office: '督查室',
  leadership: '政府领导',
};

export const contactRoleLabels: Record<ContactRole, string> = { head: '主要负责人', liaison: '联络员' };

/** The notice's rules for what a report says (report-quality.ts), as a finding names the rule it found broken. */
export const qualityKindLabels: Record<QualityKind, string> = {
  boilerplate: '虚话套话',
  excuse: '强调客观原因',
  'off-point': '答非所问',
  repeated: '答复重复',
  verbose: '篇幅冗长',
};

export const verificationMethodLabels: Record<VerificationMethod, string> = {
  desk: '书面核查',
  site: '实地核查',
  unannounced: '暗查暗访',
};

export const extensionStatusLabels: Record<ExtensionStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

/** A named unit's rectification (整改) after a notice. */
export const obligationStatusLabels: Record<ObligationStatus, string> = {
  owed: '待整改',
  rectified: '已整改',
  escalated: '逾期未整改，已以政府名义督办',
  returned: '整改报告被退回，须重新报送',
  withdrawn: '通报已撤销，无须整改',
};

export const rectificationDecisionLabels: Record<RectificationDecision, string> = {
  accepted: '整改报告已通过',
  returned: '退回重报',
};

/**
 * Every type of event an item's history holds: the changes of lifecycle.ts
 * and items.ts, and the notices and referrals that name the item.
 */
export const historyEventLabels = {
  'item.registered': '立项派发',
  'item.imported': '导入台账',
  'item.acknowledged': '签收',
  'report.submitted': '报送进展',
  'report.returned': '退回重报',
  'extension.requested': '延期申请',
  'extension.approved': '同意延期',
  'extension.rejected': '不同意延期',
  'completion.claimed': '申请办结',
  'verification.passed': '核查通过，办结',
  'verification.failed': '核查未通过，退回办理',
  'notice.issued': '通报',
  'notice.withdrawn': '撤销通报',
  'referral.recorded': '移送监察机关',
  // The office keeping the ledger true (item-edits.ts).
  'item.edited': '修改事项',
  'deadline.moved': '调整完成时限',
  'item.reassigned': '调整牵头单位',
  'item.withdrawn': '撤销',
} as const satisfies Record<string, string>;
export type HistoryEventType = keyof typeof historyEventLabels;

/** What a contact may choose to be emailed about (Contact.receives). */
export const mailTopicLabels: Record<MailTopic, string> = {
  dispatch: '派发（立项派发、新增协办、改由本单位牵头）',
  notice: '通报',
  extension: '延期审批结果',
  verification: '核查结果',
  rectification: '整改报告审核（退回重报、通过）',
  'item-change': '事项调整（改派、撤销、调整完成时限、协办单位变动）',
  reminder: '到期提醒',
  warning: '逾期预警',
  digest: '督查周报',
};

/** 送达: what the delivery receipts say of a notice's mail to a unit (domain/mail-events.ts). */
export const deliveryStateLabels: Record<DeliveryState, string> = { delivered: '已送达', bounced: '退信', pending: '待确认' };

/**
 * Why a pending extension request was withdrawn without a decision (its `note`). Requests withdrawn before these
 * were written said it in English (`legacy`), which the console shows in these words.
 */
export const EXTENSION_WITHDRAWN_NOTES = {
  completionClaimed: '牵头单位已申请办结，延期申请随之撤回',
  reassigned: '牵头单位已调整，延期申请随之撤回',
  itemWithdrawn: '督查事项已撤销，延期申请随之撤回',
} as const;
export const LEGACY_EXTENSION_NOTES: Readonly<Record<string, string>> = {
  'withdrawn: completion claimed': EXTENSION_WITHDRAWN_NOTES.completionClaimed,
  'withdrawn: item reassigned': EXTENSION_WITHDRAWN_NOTES.reassigned,
  'withdrawn: item withdrawn': EXTENSION_WITHDRAWN_NOTES.itemWithdrawn,
};
