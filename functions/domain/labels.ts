/**
 * The Chinese names of the ledger's codes, as a clerk reads them: in mail,
 * in the spreadsheet and in the API's messages. Data only (no imports but
 * types), so the message catalogue can use them without a cycle.
 */
import type { Role } from './caller';
import type { ExtensionStatus } from './extensions';
import type { ItemStatus } from './items';
import type { Action } from './lifecycle';

export const statusLabels: Record<ItemStatus, string> = {
  assigned: '已派发',
  acknowledged: '已签收',
  'in-progress': '办理中',
  'completion-claimed': '申请销号',
  closed: '已办结',
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
  claimCompletion: '申请销号',
  verify: '核查',
};

export const extensionStatusLabels: Record<ExtensionStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  withdrawn: '已撤回',
};
