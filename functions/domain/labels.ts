/**
 * The Chinese name of every code the platform speaks in: the API's enums
 * are English codes, and /openapi.json explains each one with these. The
 * mail's labels (sources, statuses, lights, notice levels) were written for
 * the mail first and stay in mail.ts; they are re-exported here so that this
 * is the one place to look a code up.
 */
import type { Role } from './caller';
import type { ExtensionStatus } from './extensions';
import type { ObligationStatus } from './notices';
import type { ContactRole, UnitKind } from './units';
import type { VerificationMethod } from './items';

export { lightLabels, noticeLevelLabels, sourceLabels, statusLabels } from './mail';

export const roleLabels: Record<Role, string> = {
  office: '督查室',
  leader: '政府领导',
  unit: '责任单位',
  inspector: '督查员（核查）',
};

export const unitKindLabels: Record<UnitKind, string> = {
  county: '县区人民政府',
  department: '市政府工作部门',
  agency: '市政府直属机构',
  office: '督查室',
  leadership: '政府领导',
};

export const contactRoleLabels: Record<ContactRole, string> = { head: '主要负责人', liaison: '联络员' };

export const verificationMethodLabels: Record<VerificationMethod, string> = {
  desk: '书面核查',
  site: '实地核查',
  unannounced: '暗查暗访',
};

export const extensionStatusLabels: Record<ExtensionStatus, string> = {
  pending: '待审批',
  approved: '同意延期',
  rejected: '不同意延期',
  withdrawn: '已撤回（申请销号时）',
};

/** A named unit's rectification (整改) after a notice. */
export const obligationStatusLabels: Record<ObligationStatus, string> = {
  owed: '待整改',
  rectified: '已整改',
  escalated: '逾期未整改，已以政府名义督办',
};

/**
 * Every type of event an item's history holds: the changes of lifecycle.ts
 * and items.ts, and the notices and referrals that name the item.
 */
export const historyEventLabels = {
  'item.registered': '立项派发',
  'item.acknowledged': '签收',
  'report.submitted': '报送进展',
  'extension.requested': '延期申请',
  'extension.approved': '同意延期',
  'extension.rejected': '不同意延期',
  'completion.claimed': '申请销号',
  'verification.passed': '核查通过，办结',
  'verification.failed': '核查未通过，退回办理',
  'notice.issued': '通报',
  'referral.recorded': '移送监察机关',
} as const satisfies Record<string, string>;
export type HistoryEventType = keyof typeof historyEventLabels;
