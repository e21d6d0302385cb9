/**
 * The Chinese words for the contract's codes. Each table is typed against
 * the generated schema: a value the API adds is a compile error here until
 * it has its word.
 */
import type {
  ExtensionRequest,
  Grade,
  ItemStatus,
  Light,
  Notice,
  NoticeLevel,
  Role,
  Source,
  UnitKind,
  VerificationMethod,
} from './api/types';

export const sourceLabels: Record<Source, string> = {
  'work-report': '政府工作报告',
  'meeting-decision': '政府重要会议决定',
  'npc-suggestion': '人大代表建议',
  'cppcc-proposal': '政协提案',
  'leader-instruction': '领导批示',
  'media-report': '媒体反映问题',
  'leader-assignment': '领导交办事项',
};

export const statusLabels: Record<ItemStatus, string> = {
  assigned: '已派发待签收',
  acknowledged: '已签收',
  'in-progress': '办理中',
  'completion-claimed': '申请办结待核查',
  closed: '已办结',
};

export const statusColors: Record<ItemStatus, string> = {
  assigned: 'default',
  acknowledged: 'blue',
  'in-progress': 'processing',
  'completion-claimed': 'purple',
  closed: 'success',
};

export const lightLabels: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const lightColors: Record<Light, string> = { red: 'red', yellow: 'gold', green: 'green' };

export const unitKindLabels: Record<UnitKind, string> = {
  county: '县区政府',
  department: '市级部门',
  agency: '直属机构',
  office: '督查室',
  leadership: '市政府领导',
};

export const roleLabels: Record<Role, string> = {
  office: '督查室',
  unit: '责任单位',
  leader: '领导',
  inspector: '督查员',
};

export const verificationLabels: Record<VerificationMethod, string> = {
  desk: '书面核查',
  site: '实地核查',
  unannounced: '暗查暗访',
};

export const noticeLevelLabels: Record<NoticeLevel, string> = {
  office: '督查室通报批评',
  government: '以政府名义通报',
};

export const rectificationLabels: Record<NonNullable<Notice['rectifications']>[number]['status'], string> = {
  owed: '待整改',
  rectified: '已整改',
  escalated: '逾期未整改（已升级）',
};

export const gradeColors: Record<Grade, string> = { 优秀: 'green', 良好: 'blue', 合格: 'gold', 不合格: 'red' };

/** History event types, as the timeline names them. */
export const eventLabels: Record<string, string> = {
  'item.registered': '立项派发',
  'item.acknowledged': '签收',
  'report.submitted': '报送进展',
  'extension.requested': '申请延期',
  'extension.approved': '延期获批',
  'extension.rejected': '延期未获批',
  'completion.claimed': '申请办结',
  'verification.passed': '核查通过，办结',
  'verification.failed': '核查未通过，退回办理',
  'notice.issued': '通报',
  'referral.recorded': '移送监察机关',
};

export const extensionStatusLabels: Record<ExtensionRequest['status'], string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
  withdrawn: '已撤回',
};
