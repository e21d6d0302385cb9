/**
 * Every sentence the API says to a person, in Chinese (the default: clerks
 * read them on the page) and in English (`Accept-Language: en`), one entry
 * per meaning. Rules and adapters raise errors naming an entry and its
 * values (message.ts); the HTTP edge renders them in the caller's language.
 * English texts are the ones the API spoke before it spoke Chinese.
 */
import type { Role } from '../domain/caller';
import type { Action, ExtensionStatus } from '../domain/codes';
import type { ItemStatus } from '../domain/items';
import { actionLabels, extensionStatusLabels, roleLabels, statusLabels } from '../domain/labels';

/** A message as data (see message.ts): what a text may nest, e.g. the missing points of a report. */
export interface NestedMessage {
  readonly key: string;
  readonly params?: unknown;
}
type Say = (message: NestedMessage) => string;
type Texts<P> = { zh: (p: P, say: Say) => string; en: (p: P, say: Say) => string };
// biome-ignore lint/complexity/noBannedTypes: `{}` is "no values": say('key') then needs no second argument.
const texts = <P = {}>(zh: Texts<P>['zh'], en: Texts<P>['en']): Texts<P> => ({ zh, en });

const zhList = (values: readonly string[]) => values.join('、');
/** 10-01 for 2026-10-01: a due rule's days, whose year the rule's start already says. */
const md = (date: string) => date.slice(5);
const range = (first: string, last: string) => (first === last ? md(first) : `${md(first)}…${md(last)}`);

/** 2026-03-05 → 2026年3月5日, as official documents write a date. */
const cnDate = (date: string) => {
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
};

/** An ISO instant as 2026年12月7日 7:35 (Asia/Shanghai), as a clerk reads a time. */
const cnDateTime = (iso: string) => {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const shifted = new Date(instant.getTime() + 8 * 3600 * 1000).toISOString();
  return `${cnDate(shifted.slice(0, 10))} ${Number(shifted.slice(11, 13))}:${shifted.slice(14, 16)}`;
};

/** An attachment by its file name when the record is known, else as 所选附件 (its id means nothing to a person). */
const fileName = (p: { name?: string }) => (p.name ? `附件“${p.name}”` : '所选附件');

/** The item's status names a clerk knows; why an action is not open in each. */
const WHY_NOT = {
  // In progress, only verification is closed to an item: its completion has not been claimed.
  zh: {
    assigned: '尚未签收',
    acknowledged: '尚未报送进展',
    'in-progress': '尚未申请办结',
    'completion-claimed': '办结申请正等待核查',
    closed: '事项已办结',
    withdrawn: '事项已撤销',
  },
  en: {
    assigned: 'it has not been acknowledged (签收) yet',
    acknowledged: 'no progress has been reported yet',
    'completion-claimed': 'its completion is awaiting verification (核查)',
    closed: 'it is closed',
    withdrawn: 'it was withdrawn (撤销)',
  },
} as const satisfies { zh: Record<ItemStatus, string>; en: Partial<Record<ItemStatus, string>> };

const ACTION_EN: Record<Action, string> = {
  acknowledge: 'acknowledge',
  report: 'report on',
  requestExtension: 'request an extension for',
  decideExtension: 'decide an extension for',
  claimCompletion: 'claim completion of',
  verify: 'verify',
  edit: 'edit',
  moveDeadline: 'move the deadline of',
  reassign: 'reassign',
  withdraw: 'withdraw',
};

/** What a record is called, for "already exists". */
const RECORD_NAMES = {
  item: { zh: '督查事项', en: 'Item' },
  notice: { zh: '通报', en: 'Notice' },
  referral: { zh: '移送记录', en: 'Referral' },
  unit: { zh: '单位', en: 'Unit' },
  office: { zh: '督查机构', en: 'Office' },
} as const;

/** zod's type names, as a clerk would say them. */
const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'string' },
  number: { zh: '数字', en: 'number' },
  int: { zh: '整数', en: 'integer' },
  boolean: { zh: 'true 或 false', en: 'boolean' },
  object: { zh: 'JSON 对象', en: 'object' },
  array: { zh: '列表（JSON 数组）', en: 'array' },
  null: { zh: '空值（null）', en: 'null' },
};
const typeName = (type: string, language: 'zh' | 'en') => TYPE_NAMES[type]?.[language] ?? type;

/** The request fields by their names on the form, for the one-line summary of a 400. */
const FIELD_LABELS: Record<string, string> = {
  body: '请求体',
  query: '查询参数',
  path: '路径参数',
  title: '督查事项名称',
  description: '事项说明',
  source: '来源',
  sourceRef: '来源文号',
  leadUnit: '牵头单位',
  coUnits: '协办单位',
  dueDate: '完成时限',
  requirements: '督办要求',
  projectType: '项目类事项',
  reportEveryDays: '报送周期（天）',
  milestones: '节点',
  summary: '进展情况',
  percentComplete: '完成进度',
  answers: '督办要求答复',
  requirement: '督办要求序号',
  answer: '答复',
  investmentYuan: '完成投资（元）',
  workVolume: '完成工程量',
  difficulties: '困难和问题',
  method: '核查方式',
  passed: '核查结论',
  findings: '核查意见',
  newDueDate: '申请的新时限',
  reason: '理由',
  approve: '审批结论',
  note: '审批意见',
  level: '通报级别',
  unitIds: '被通报单位',
  itemIds: '涉及的督查事项',
  mediaExposure: '媒体曝光',
  explanation: '情况说明',
  measures: '整改措施',
  report: '整改报告',
  unitId: '单位',
  itemId: '督查事项',
  clue: '问题线索',
  id: '编号',
  name: '名称',
  kind: '类别',
  contacts: '联系人',
  email: '电子邮箱',
  role: '职务',
  q: '搜索词',
  limit: '每页条数',
  cursor: '分页游标',
  status: '状态',
  unit: '单位',
  light: '灯号',
  dueBefore: '完成时限（之前）',
  dueAfter: '完成时限（之后）',
  year: '考核年度',
  asOf: '统计日期',
  requestId: '延期申请编号',
};

/** `milestones.0.dueDate` → 节点 第1项 完成时限; unknown names stay as they are. */
const zhField = (path: string) =>
  path === ''
    ? '请求体'
    : path
        .split('.')
        .map((part) => (/^\d+$/.test(part) ? `第${Number(part) + 1}项` : (FIELD_LABELS[part] ?? part)))
        .join(' ');

export const catalogue = {
  // --- who is calling (rule 6) ---------------------------------------------------------------
  'auth.sign-in': texts(
    () => '请先登录：此接口需要登录令牌（Authorization: Bearer …）',
    () => 'Sign in: this route needs a bearer token',
  ),
  'auth.no-role': texts<{ roles: readonly Role[] }>(
    (p) => `您的账号未分配督查平台角色（应为${zhList(p.roles.map((r) => roleLabels[r]))}之一）`,
    (p) => `Your account has no ducha role (one of ${p.roles.join(', ')})`,
  ),
  'auth.no-unit': texts(
    () => '您的责任单位账号未绑定单位（custom:unitId）',
    () => 'Your unit account names no unit (custom:unitId)',
  ),
  'auth.bad-office': texts<{ office: string }>(
    (p) => `您的账号所属督查机构（custom:officeId）“${p.office}”不是有效的机构编号`,
    (p) => `Your account's office (custom:officeId) "${p.office}" is not an office id`,
  ),
  'auth.unknown-office': texts<{ office: string }>(
    (p) => `您的账号所属督查机构 ${p.office} 尚未在平台登记，请联系上级督查室`,
    (p) => `Your account's office ${p.office} is not registered; ask the office above it`,
  ),
  'auth.role-not-allowed': texts<{ what: string; allowed: readonly Role[]; role: Role }>(
    (p) => `${p.what} 仅限${zhList(p.allowed.map((r) => roleLabels[r]))}使用；您当前的身份是${roleLabels[p.role]}`,
    (p) => `${p.what} is for ${p.allowed.join(' / ')}; you are signed in as ${p.role}`,
  ),
  'auth.office-registers-items': texts(
    () => '只有督查室可以登记督查事项',
    () => 'Only the supervision office registers items',
  ),
  'auth.office-issues-notices': texts(
    () => '只有督查室可以发布通报',
    () => 'Only the supervision office issues notices',
  ),
  'auth.office-refers-clues': texts(
    () => '只有督查室可以移送问题线索',
    () => 'Only the supervision office refers clues',
  ),
  'auth.responsible-unit-only': texts(
    () => '只有责任单位可以办理此事',
    () => 'Only a responsible unit can do this',
  ),
  'auth.not-responsible': texts<{ unitId: string; itemId: string }>(
    () => '贵单位不是该督查事项的责任单位',
    (p) => `Unit ${p.unitId} is not responsible for item ${p.itemId}`,
  ),
  'auth.lead-unit-only': texts<{ leadUnit: string }>(
    // The unit reads the lead's name on the item itself; the id would mean nothing to it.
    () => '只有牵头单位可以办理此事',
    (p) => `Only the lead unit (${p.leadUnit}) can do this`,
  ),
  'auth.own-items-only': texts(
    () => '责任单位只能查看本单位的督查事项',
    () => 'A unit sees only its own items',
  ),
  'auth.notice-not-yours': texts<{ noticeId: string }>(
    () => '该通报未点名贵单位；只有被通报的单位报送整改报告',
    (p) => `Notice ${p.noticeId} does not name your unit; only a named unit submits a rectification`,
  ),

  // --- not there ------------------------------------------------------------------------------
  'missing.item': texts<{ id: string }>(
    (p) => `没有督查事项 ${p.id}`,
    (p) => `No item ${p.id}`,
  ),
  'rule.cascade-from-root': texts(
    () => '本级督查室没有上级督查机构，无可分解下达的上级事项',
    () => 'Your office has no office above it: there is no item to pass down',
  ),
  'rule.cascade-closed': texts<{ status: ItemStatus }>(
    (p) => `上级督查事项已${statusLabels[p.status]}，不能再分解下达`,
    (p) => `The item above is ${p.status}: it cannot be passed down any more`,
  ),
  'rule.cascade-later-than-parent': texts<{ dueDate: string }>(
    (p) => `分解事项的完成时限不能晚于上级事项的 ${cnDate(p.dueDate)}`,
    (p) => `An item passed down is due no later than the item above (${p.dueDate})`,
  ),
  'office.header-invalid': texts<{ office: string }>(
    (p) => `X-Ducha-Office“${p.office}”不是有效的督查机构编号`,
    (p) => `X-Ducha-Office "${p.office}" is not an office id`,
  ),
  'office.read-only-below': texts<{ office: string }>(
    (p) => `下级督查机构 ${p.office} 的台账只能查阅（督查室、领导、督查员），不能代为办理`,
    (p) => `The ledger of ${p.office}, below yours, is for reading only (office, leaders, inspectors)`,
  ),
  'office.parent-clerks-only': texts<{ office: string }>(
    (p) => `只有本级督查室工作人员可以代表本级政府在上级督查机构 ${p.office} 办理事项`,
    (p) => `Only your office's clerks act for your government in ${p.office}, the office above`,
  ),
  'missing.office': texts<{ id: string }>(
    (p) => `没有督查机构 ${p.id}`,
    (p) => `No office ${p.id}`,
  ),
  'rule.office-too-deep': texts<{ levels: number }>(
    (p) => `督查机构最多设${p.levels}级下级机构，不能在此机构下再登记`,
    (p) => `Offices go at most ${p.levels} levels below the root: none can be registered under this one`,
  ),
  'rule.office-unit-unknown': texts<{ id: string }>(
    (p) => `本级名册中没有单位 ${p.id}：下级督查机构须对应本级名册中的一个单位（如县区人民政府）`,
    (p) => `No unit ${p.id} in this office's roster: an office below serves a unit of it (a county government)`,
  ),
  'conflict.unit-has-office': texts<{ unitId: string }>(
    (p) => `单位 ${p.unitId} 已登记了下级督查机构`,
    (p) => `Unit ${p.unitId} already has an office of its own`,
  ),
  'missing.unit': texts<{ id: string }>(
    (p) => `没有单位 ${p.id}`,
    (p) => `No unit ${p.id}`,
  ),
  'missing.notice': texts<{ id: string }>(
    (p) => `没有通报 ${p.id}`,
    (p) => `No notice ${p.id}`,
  ),
  'missing.extension-request': texts<{ itemId: string; requestId: string }>(
    () => '该督查事项没有这项延期申请',
    (p) => `No extension request ${p.requestId} on item ${p.itemId}`,
  ),
  'missing.references': texts<{ ids: readonly string[] }>(
    (p) => `以下单位或督查事项不在台账中：${zhList(p.ids)}`,
    (p) => `Not in the ledger: ${p.ids.join(', ')}`,
  ),
  'missing.notice-references': texts<{ ids: readonly string[] }>(
    (p) => `通报所列的以下单位或督查事项不在台账中：${zhList(p.ids)}`,
    (p) => `The notice names what is not in the ledger: ${p.ids.join(', ')}`,
  ),
  'missing.units': texts<{ ids: readonly string[] }>(
    (p) => `没有这些单位：${zhList(p.ids)}`,
    (p) => `No such unit: ${p.ids.join(', ')}`,
  ),
  'missing.unit-detail': texts<{ id: string }>(
    (p) => `没有单位 ${p.id}`,
    (p) => `unknown unit ${p.id}`,
  ),
  'missing.item-detail': texts<{ id: string }>(
    (p) => `没有督查事项 ${p.id}`,
    (p) => `unknown item ${p.id}`,
  ),

  // --- the state has moved on (409) -------------------------------------------------------------
  'conflict.exists': texts<{ what: keyof typeof RECORD_NAMES; id: string }>(
    (p) => `${RECORD_NAMES[p.what].zh} ${p.id} 已存在`,
    (p) => `${RECORD_NAMES[p.what].en} ${p.id} already exists`,
  ),
  'conflict.illegal-transition': texts<{ itemId: string; status: ItemStatus; action: Action }>(
    (p) => `该督查事项当前状态为“${statusLabels[p.status]}”（${WHY_NOT.zh[p.status]}），不能${actionLabels[p.action]}`,
    (p) =>
      `Cannot ${ACTION_EN[p.action]} item ${p.itemId}: its status is ${p.status} (${WHY_NOT.en[p.status as keyof typeof WHY_NOT.en] ?? `it is ${p.status}`})`,
  ),
  'conflict.allowed-from': texts<{ action: Action; allowedFrom: readonly ItemStatus[] }>(
    (p) => `${actionLabels[p.action]}只能在以下状态进行：${zhList(p.allowedFrom.map((s) => statusLabels[s]))}`,
    (p) => `${p.action} is allowed from: ${p.allowedFrom.join(', ')}`,
  ),
  'conflict.already-acknowledged': texts<{ unitId: string; itemId: string }>(
    () => '贵单位已签收该督查事项',
    (p) => `Unit ${p.unitId} already acknowledged item ${p.itemId}`,
  ),
  'missing.report': texts<{ id: string; itemId: string }>(
    (p) => `督查事项 ${p.itemId} 没有报送 ${p.id}`,
    (p) => `Item ${p.itemId} has no report ${p.id}`,
  ),
  'conflict.report-returned': texts<{ reportId: string }>(
    () => '该报送已退回重报',
    (p) => `Report ${p.reportId} was already returned`,
  ),
  'conflict.report-item-closed': texts<{ itemId: string }>(
    () => '督查事项已办结或撤销，报送不再退回',
    (p) => `Item ${p.itemId} is no longer open: its reports are not returned`,
  ),
  'conflict.already-rectified': texts<{ unitId: string; noticeId: string }>(
    () => '贵单位已报送该通报的整改报告',
    (p) => `Unit ${p.unitId} already submitted its rectification for notice ${p.noticeId}`,
  ),
  'conflict.extension-pending': texts<{ itemId: string; requestId: string }>(
    () => '该督查事项已有一项延期申请等待审批',
    (p) => `Item ${p.itemId} already has an extension request awaiting decision (${p.requestId})`,
  ),
  'conflict.extension-decided': texts<{ requestId: string; status: ExtensionStatus }>(
    (p) => `该延期申请${extensionStatusLabels[p.status]}，不能再审批`,
    (p) => `Extension request ${p.requestId} was already ${p.status}`,
  ),
  'conflict.extension-decided-meanwhile': texts(
    () => '该延期申请刚刚已被审批',
    () => 'The extension request was decided meanwhile',
  ),
  'conflict.version': texts<{ itemId: string; version: number }>(
    () => '该督查事项刚刚被他人修改，请刷新后重试',
    (p) => `Item ${p.itemId} was changed by someone else meanwhile (version ${p.version} is stale); reload it and try again`,
  ),

  // --- the notice's rules (422) ---------------------------------------------------------------
  'rule.due-date-passed': texts<{ dueDate: string; today: string }>(
    (p) => `完成时限 ${p.dueDate} 早于今天（${p.today}，北京时间）`,
    (p) => `dueDate ${p.dueDate} is before today (${p.today}, Asia/Shanghai)`,
  ),
  'rule.not-in-past': texts(
    () => '不能早于今天',
    () => 'must not be in the past',
  ),
  'rule.lead-unit-also-co-unit': texts(
    () => '牵头单位不能同时是协办单位',
    () => 'The lead unit cannot also be a co-unit',
  ),
  'rule.contains-lead-unit': texts<{ leadUnit: string }>(
    (p) => `包含了牵头单位 ${p.leadUnit}`,
    (p) => `contains the lead unit ${p.leadUnit}`,
  ),
  'rule.milestone-outside-deadline': texts(
    () => '每个节点的时限都须在今天与事项的完成时限之间',
    () => 'Every milestone must fall between today and the item dueDate',
  ),
  'rule.outside-deadline': texts(
    () => '不在今天与完成时限之间',
    () => 'outside today..dueDate',
  ),
  'rule.report-incomplete': texts<{ missing: readonly { path?: string; message: NestedMessage }[] }>(
    (p, say) => `报送内容不完整（不得漏项掉项）：${p.missing.map((m) => say(m.message)).join('；')}`,
    (p) => `The report leaves out: ${p.missing.map((m) => m.path).join(', ')} (不得漏项掉项)`,
  ),
  'rule.no-such-requirement': texts<{ requirement: number; count: number }>(
    (p) => `该督查事项只有 ${p.count} 项督办要求，没有第 ${p.requirement + 1} 项`,
    (p) => `no requirement ${p.requirement}: the item has ${p.count}`,
  ),
  'rule.requirement-unanswered': texts<{ index: number; requirement: string }>(
    (p) => `未答复第 ${p.index + 1} 项督办要求：${p.requirement}`,
    (p) => `requirement ${p.index} is not answered: ${p.requirement}`,
  ),
  'rule.investment-missing': texts(
    () => '项目类事项须填报完成投资额',
    () => 'a project-type item must state the amount invested',
  ),
  'rule.work-volume-missing': texts(
    () => '项目类事项须填报完成工程量',
    () => 'a project-type item must state the work volume',
  ),
  'rule.progress-fell-unexplained': texts<{ percentComplete: number; previous: number }>(
    (p) => `本次完成进度 ${p.percentComplete}% 低于上次报送的 ${p.previous}%：请在“困难和问题”中说明原因`,
    (p) => `percentComplete ${p.percentComplete} is below your previous report's ${p.previous}: explain why in difficulties`,
  ),
  'rule.required-when-progress-falls': texts(
    () => '进度回落时必填',
    () => 'required when progress falls',
  ),
  'rule.extension-not-later': texts<{ dueDate: string }>(
    (p) => `申请的新时限须晚于当前完成时限 ${p.dueDate}，且不能早于今天`,
    (p) => `newDueDate must be later than the current deadline ${p.dueDate} and not in the past`,
  ),
  'rule.must-be-after': texts<{ date: string }>(
    (p) => `须晚于 ${p.date}`,
    (p) => `must be after ${p.date}`,
  ),
  'rule.ledger-too-large': texts<{ maxRows: number }>(
    (p) => `符合条件的督查事项超过 ${p.maxRows} 项：请缩小筛选范围（状态、单位、来源、灯号、完成时限、搜索词）`,
    (p) => `The ledger has more than ${p.maxRows} items for this filter; narrow it (status, unit, source, light, dueBefore, dueAfter, q)`,
  ),
  'rule.idempotency-key-reused': texts(
    () => '此 Idempotency-Key 已用于另一个不同的请求；新的请求请使用新的键',
    () => 'This Idempotency-Key was already used for a different request; use a new key for a new request',
  ),

  // --- keeping the ledger true: edits, reassignment, withdrawal, the leader in charge (issue 12) ---
  'precondition.version-stale': texts<{ itemId: string; expected: number; current: number }>(
    () => '该督查事项在您打开后已被他人修改，请刷新后再改',
    (p) => `Item ${p.itemId} changed meanwhile (you edited version ${p.expected}, it is now at ${p.current}); reload it and edit again`,
  ),
  'precondition.unit-version-stale': texts<{ unitId: string; expected: number; current: number }>(
    () => '该单位在您打开后已被他人修改，请刷新后再改',
    (p) => `Unit ${p.unitId} changed meanwhile (you edited version ${p.expected}, it is now at ${p.current}); reload it and edit again`,
  ),
  'precondition.if-match-required': texts(
    () => '修改须在 If-Match 请求头中注明所修改的版本号（即读取时的 version）',
    () => 'An edit must name the version it edits in the If-Match header (the version you read)',
  ),
  'precondition.if-match-malformed': texts(
    () => 'If-Match 应为版本号，例如 "3"',
    () => 'If-Match must be a version number, e.g. "3"',
  ),
  'rule.requirement-answered': texts(
    () => '已有报送答复的督办要求不能删除、移动或改写（报送按序号答复）；新的督办要求请添加在末尾',
    () => 'A requirement that reports answered cannot be removed, moved or reworded (answers point at its place); add new ones at the end',
  ),
  'rule.requirement-answered-detail': texts<{ index: number; requirement: string }>(
    (p) => `第 ${p.index + 1} 项督办要求“${p.requirement}”已有报送答复`,
    (p) => `requirement ${p.index} (${p.requirement}) has been answered by reports`,
  ),
  'rule.deadline-unchanged': texts<{ dueDate: string }>(
    (p) => `完成时限已是 ${p.dueDate}`,
    (p) => `the deadline is already ${p.dueDate}`,
  ),
  'rule.same-lead-unit': texts<{ leadUnit: string }>(
    (p) => `${p.leadUnit} 已是牵头单位`,
    (p) => `${p.leadUnit} already leads the item`,
  ),
  'missing.leader': texts<{ leaderId: string }>(
    (p) => `政府领导名册中没有 ${p.leaderId}（分管领导须是“政府领导”类单位中有 leaderId 的人员）`,
    (p) => `No leader ${p.leaderId} in the roster (a leader in charge is a person with a leaderId in a unit of kind leadership)`,
  ),
  'rule.leader-id-outside-leadership': texts(
    () => '只有“政府领导”类单位的人员可以有 leaderId',
    () => 'Only the people of a unit of kind leadership have a leaderId',
  ),
  'rule.leader-id-taken': texts<{ leaderId: string; unitId: string; unitName: string }>(
    (p) => `领导编号 ${p.leaderId} 已属于「${p.unitName}」的人员`,
    (p) => `leaderId ${p.leaderId} already belongs to a person of unit ${p.unitId}`,
  ),
  'rule.leader-me-without-id': texts(
    () => 'leader=me 只适用于登录令牌带有 leaderId 的领导；其他人请写明 leaderId',
    () => 'leader=me is for a leader whose token carries a leaderId; others name the leaderId',
  ),
  'rule.completion-needs-full-report': texts<{ percentComplete: number | null }>(
    (p) =>
      `申请办结前，牵头单位须先报送完成进度为 100% 的进展报告（目前最近一次为 ${p.percentComplete === null ? '未报送' : `${p.percentComplete}%`}）`,
    (p) =>
      `Before claiming completion the lead unit must report 100 % complete (its latest report says ${p.percentComplete === null ? 'nothing' : `${p.percentComplete} %`})`,
  ),
  'rule.completion-needs-new-report': texts<{ failedAt: string }>(
    (p) => `核查未通过（${cnDateTime(p.failedAt)}）后，须先报送整改后的进展报告（完成进度 100%），再申请办结`,
    (p) => `Verification failed at ${p.failedAt}: report again (100 % complete) after the failure before claiming completion`,
  ),
  'auth.unit-history-own': texts(
    () => '责任单位只能查看本单位的修改记录',
    () => "A unit reads only its own unit's history",
  ),

  // --- what a request may hold (400) ----------------------------------------------------------
  'request.invalid': texts<{ problems: readonly { path: string; message: NestedMessage }[] }>(
    (p, say) => `请求有误：${p.problems.map((d) => `${zhField(d.path)}：${say(d.message)}`).join('；')}`,
    (p, say) => `Invalid request: ${p.problems.map((d) => `${d.path || '(body)'} ${say(d.message)}`).join('; ')}`,
  ),
  'request.malformed-json': texts(
    () => '请求体不是有效的 JSON',
    () => 'The request body is not valid JSON',
  ),
  'request.unsupported-media-type': texts(
    () => '请以 JSON 格式发送请求体（Content-Type: application/json）',
    () => 'Send the body as JSON with Content-Type: application/json',
  ),
  'request.too-large': texts<{ kb: number }>(
    (p) => `请求体超过 ${p.kb} KB`,
    (p) => `The request body is over ${p.kb} KB`,
  ),
  'request.malformed-query': texts(
    () => '查询字符串格式有误：参数须按 UTF-8 进行百分号编码（例如“供水”写作 %E4%BE%9B%E6%B0%B4）',
    () => 'The query string is malformed: percent-encode each parameter as UTF-8 (供水 is %E4%BE%9B%E6%B0%B4)',
  ),
  'request.bad-cursor': texts(
    () => '分页游标无效：不是本接口给出的游标',
    () => 'cursor is not one this API issued',
  ),
  'request.bad-cursor-detail': texts(
    () => '无效的游标',
    () => 'invalid cursor',
  ),
  'request.foreign-cursor': texts(
    () => '分页游标属于另一个查询',
    () => 'cursor belongs to a different query',
  ),
  'request.foreign-cursor-detail': texts(
    () => '游标与当前筛选条件不符',
    () => 'cursor does not match these filters',
  ),
  'request.no-such-route': texts(
    () => '没有这个接口',
    () => 'No such route',
  ),
  // Not "may be retried": whether a change that failed this way was written is unknown (see 'unavailable.*').
  'request.internal': texts(
    () => '服务器内部出错：修改是否已生效未知，请先查看再决定是否重新提交（带 Idempotency-Key 的请求可以直接重试）',
    () =>
      'Something went wrong on our side: whether a change took effect is unknown; look before sending it again ' +
      '(a request with an Idempotency-Key may simply be retried)',
  ),
  // A read changes nothing, so nothing is in doubt: it is said to have failed, and may simply be sent again.
  'request.internal-read': texts(
    () => '服务器内部出错，读取失败，请稍后重试',
    () => 'Something went wrong on our side: the read failed; try again shortly',
  ),

  // --- one field's problem, from the zod schemas (functions/http/validation.ts) ---------------
  'input.required': texts(
    () => '必填',
    () => 'Required',
  ),
  'input.wrong-type': texts<{ expected: string; received: string }>(
    (p) => `应为${typeName(p.expected, 'zh')}，收到的是${typeName(p.received, 'zh')}`,
    (p) => `Invalid input: expected ${typeName(p.expected, 'en')}, received ${typeName(p.received, 'en')}`,
  ),
  'input.not-a-number': texts(
    () => '应为数字',
    () => 'Invalid input: expected number, received NaN',
  ),
  'input.integer': texts(
    () => '应为整数',
    () => 'Invalid input: expected int, received number',
  ),
  'input.empty': texts(
    () => '不能为空',
    () => 'Must not be empty',
  ),
  'input.too-short': texts<{ minimum: number }>(
    (p) => `至少 ${p.minimum} 个字`,
    (p) => `Too small: expected string to have >=${p.minimum} characters`,
  ),
  'input.too-long': texts<{ maximum: number }>(
    (p) => `不能超过 ${p.maximum} 个字`,
    (p) => `Too big: expected string to have <=${p.maximum} characters`,
  ),
  'input.too-few': texts<{ minimum: number }>(
    (p) => `至少 ${p.minimum} 项`,
    (p) => `Too small: expected array to have >=${p.minimum} items`,
  ),
  'input.too-many': texts<{ maximum: number }>(
    (p) => `最多 ${p.maximum} 项`,
    (p) => `Too big: expected array to have <=${p.maximum} items`,
  ),
  'input.too-small': texts<{ minimum: number; inclusive: boolean }>(
    (p) => (p.inclusive ? `不能小于 ${p.minimum}` : `须大于 ${p.minimum}`),
    (p) => `Too small: expected number to be ${p.inclusive ? '>=' : '>'}${p.minimum}`,
  ),
  'input.too-big': texts<{ maximum: number; inclusive: boolean }>(
    (p) => (p.inclusive ? `不能大于 ${p.maximum}` : `须小于 ${p.maximum}`),
    (p) => `Too big: expected number to be ${p.inclusive ? '<=' : '<'}${p.maximum}`,
  ),
  'input.one-of': texts<{ values: readonly string[] }>(
    (p) => `应为以下之一：${zhList(p.values)}`,
    (p) => `Invalid option: expected one of ${p.values.map((v) => JSON.stringify(v)).join('|')}`,
  ),
  'input.email': texts(
    () => '不是有效的电子邮件地址',
    () => 'Invalid email address',
  ),
  'input.datetime': texts(
    () => '应为 ISO 8601 时间，如 2026-11-26T09:00:00Z',
    () => 'Invalid ISO datetime',
  ),
  'input.pattern': texts<{ pattern: string }>(
    (p) => `格式不符合要求（${p.pattern}）`,
    (p) => `Invalid string: must match pattern ${p.pattern}`,
  ),
  'input.format': texts<{ format: string }>(
    (p) => `格式不正确（应为 ${p.format}）`,
    (p) => `Invalid ${p.format}`,
  ),
  'input.unknown-fields': texts<{ keys: readonly string[] }>(
    (p) => `不认识的字段：${zhList(p.keys)}`,
    (p) => `Unrecognized key${p.keys.length > 1 ? 's' : ''}: ${p.keys.map((k) => JSON.stringify(k)).join(', ')}`,
  ),
  'input.invalid': texts(
    () => '无效的值',
    () => 'Invalid input',
  ),
  /** What zod's own locales say, for the issues the entries above have no words for. */
  'input.zod': texts<{ zh: string; en: string }>(
    (p) => p.zh,
    (p) => p.en,
  ),

  // --- the schemas' own rules (functions/http/schemas.ts) ---------------------------------------
  'schema.calendar-date': texts(
    () => '应为真实存在的日期，格式 YYYY-MM-DD',
    () => 'must be a real calendar date, YYYY-MM-DD',
  ),
  'schema.office-slug': texts(
    () => '应为 2–32 位小写字母、数字或连字符，以字母开头（如 hanbin）',
    () => 'lowercase letters, digits and hyphens, 2–32 characters, starting with a letter (hanbin)',
  ),
  'schema.unit-id': texts(
    () => '应为 2–48 位小写字母、数字或连字符，以字母或数字开头',
    () => 'lowercase letters, digits and hyphens, 2–48 characters',
  ),
  'schema.edit-empty': texts(
    () => '请至少修改一项',
    () => 'name at least one field to change',
  ),
  'schema.units-repeated': texts(
    () => '单位不能重复',
    () => 'must not repeat a unit',
  ),
  'schema.row-number': texts(
    () => '应为文件中的行号',
    () => 'must be a row number of the file',
  ),
  'schema.aliases-repeated': texts(
    () => '别名不能重复',
    () => 'must not repeat an alias',
  ),
  'schema.requirements-repeated': texts(
    () => '督办要求不能重复',
    () => 'must not repeat a requirement',
  ),
  'schema.answers-repeated': texts(
    () => '同一项督办要求只能答复一次',
    () => 'answers a requirement twice',
  ),
  'schema.items-repeated': texts(
    () => '督查事项不能重复',
    () => 'must not repeat an item',
  ),
  'schema.year-format': texts(
    () => '应为四位数年份，如 2026',
    () => 'must be a four-digit year, e.g. 2026',
  ),
  'schema.year-min': texts(
    () => '不能早于 2000 年',
    () => 'must be 2000 or later',
  ),
  'schema.year-max': texts(
    () => '不能晚于 2100 年',
    () => 'must be 2100 or earlier',
  ),
  'schema.date-range': texts(
    () => '应在 2000-01-01 至 2100-12-31 之间',
    () => 'must be between 2000-01-01 and 2100-12-31',
  ),
  'schema.hundredths': texts(
    () => '最多保留两位小数',
    () => 'must have at most two decimal places',
  ),
  'schema.single-line': texts(
    () => '应为一行文字，不能含换行',
    () => 'must be one line, without line breaks',
  ),
  'schema.broken-character': texts(
    () => '含有残缺的字符（不成对的 UTF-16 代理项），无法保存和发送，请重新输入这段文字',
    () => 'holds a broken character (an unpaired UTF-16 surrogate) that cannot be stored or sent: type the text again',
  ),
  'schema.forbidden-character': texts<{ character: string }>(
    (p) => `含有控制字符等不能作为文字的字符 ${p.character}，请删除`,
    (p) => `holds ${p.character}, a control character (or noncharacter), which is not text`,
  ),
  'schema.invisible-only': texts(
    () => '不能只含空白或不可见字符',
    () => 'must hold visible text, not only blank or invisible characters',
  ),
  'schema.idempotency-key': texts(
    () => '应为 1–255 个可打印 ASCII 字符（首尾不能是空格）',
    () => 'must be 1–255 printable ASCII characters, with no space at either end',
  ),
  'schema.search-text': texts(
    () => '搜索词含有无法识别的字符：请按 UTF-8 对查询参数进行百分号编码',
    () => 'the search text holds characters that are not text: percent-encode the query string as UTF-8',
  ),

  // --- refusals before any function runs: API Gateway's in AWS, the local server's on one machine ---
  'gateway.unauthorized': texts(
    () => '请先登录：登录令牌缺失、无效或已过期',
    () => 'Sign in: the bearer token is missing, invalid or expired',
  ),
  'gateway.missing-token': texts(
    () => '请先登录：缺少登录令牌（Authorization: Bearer <令牌>）',
    () => 'Missing bearer token (Authorization: Bearer <token>)',
  ),
  'gateway.token-expired': texts(
    () => '登录已过期，请重新登录',
    () => 'Token expired',
  ),
  'gateway.token-other-secret': texts(
    () =>
      '登录令牌由另一个本地密钥签发（另一个 DATA_DIR 或 LOCAL_JWT_SECRET），请按本服务的设置重新生成：npm run -s token -- --role office',
    () =>
      "Token signed with another local secret: it was made for another DATA_DIR (or LOCAL_JWT_SECRET) than this server's. " +
      "Make a new one with the server's settings: npm run -s token -- --role office",
  ),
  'gateway.token-invalid': texts(
    () => '登录令牌无效，请重新登录',
    () => 'Invalid token',
  ),
  'gateway.access-denied': texts(
    () => '无权访问',
    () => 'Access denied',
  ),
  'gateway.waf-filtered': texts(
    () => '请求被防火墙拦截',
    () => 'The request was blocked by the firewall',
  ),
  'gateway.no-route': texts<{ method: string; path: string }>(
    (p) => `没有这个接口：${p.method} ${p.path}`,
    (p) => `No route for ${p.method} ${p.path}`,
  ),
  'gateway.method-not-allowed': texts<{ method: string; path: string; allow: readonly string[] }>(
    (p) => `${p.path} 不接受 ${p.method} 请求，请使用 ${zhList(p.allow)}`,
    (p) => `${p.method} is not allowed on ${p.path}; use ${p.allow.join(', ')}`,
  ),
  'gateway.malformed-path': texts<{ path: string }>(
    (p) => `路径格式有误：${p.path}`,
    (p) => `Malformed path ${p.path}`,
  ),
  'gateway.bad-request-parameters': texts(
    () => '请求参数有误',
    () => 'Invalid request parameters',
  ),
  'gateway.bad-request-body': texts(
    () => '请求体有误',
    () => 'Invalid request body',
  ),
  'gateway.too-large': texts<{ limit: number }>(
    (p) => `请求体超过 ${p.limit} 字节`,
    (p) => `Request body is larger than ${p.limit} bytes`,
  ),
  'gateway.throttled': texts(
    () => '请求过于频繁，请稍后再试',
    () => 'Too many requests; try again shortly',
  ),
  'gateway.refused': texts(
    () => '请求被拒绝：请求格式有误（例如查询参数未按 UTF-8 百分号编码）',
    () => 'The request was refused: it is malformed (e.g. a query string not percent-encoded as UTF-8)',
  ),
  'gateway.function-failed': texts(
    () => '服务内部出错，请稍后重试',
    () => 'Internal server error',
  ),
  'gateway.malformed-response': texts(
    () => '服务返回了无效的响应',
    () => 'Malformed Lambda proxy response',
  ),

  // --- 503: not now, nothing written, the same request may be sent again (functions/http/problems.ts) ---
  'unavailable.item-busy': texts<{ itemId: string }>(
    () => '该督查事项正有大量修改同时写入，本次请求未写入任何内容，请稍后重新提交',
    (p) => `Item ${p.itemId} is taking many changes at once; nothing of this request was written: send it again shortly`,
  ),
  'unavailable.throttled': texts(
    () => '数据库繁忙，本次请求未写入任何内容，请稍后重新提交',
    () => 'The database is busy; nothing of this request was written: send it again shortly',
  ),
  'unavailable.timed-out': texts(
    () => '请求未能及时完成，修改是否已生效未知：请先查看再决定是否重新提交（带 Idempotency-Key 的请求可以直接重试）',
    () =>
      'The request did not finish in time and whether a change took effect is unknown: look before sending it again ' +
      '(a request with an Idempotency-Key may simply be retried)',
  ),
  'unavailable.timed-out-read': texts(
    () => '请求未能及时完成，读取失败，请稍后重试',
    () => 'The request did not finish in time: the read failed; try again shortly',
  ),
  // --- the tamper-evident ledger (GET /items/{id}/history/verify, npm run verify-ledger) ---
  'ledger.event-record': texts<{ itemId: string; seq: number | null; expected: string; stored: string }>(
    (p) =>
      `事项 ${p.itemId} ${p.seq === null ? '一条无权查看的记录' : `第 ${p.seq} 条记录`}所附的进展报告与记录时的摘要不符（应为 ${p.expected}，现为 ${p.stored}）：报告写入后被改动或删除`,
    (p) =>
      `item ${p.itemId}, ${p.seq === null ? 'an event you may not read' : `event ${p.seq}`}: the report it names no longer gives the digest recorded with it (expected ${p.expected}, now ${p.stored}): it was changed or removed after it was written`,
  ),
  'ledger.event-hash': texts<{ itemId: string; seq: number | null; expected: string; stored: string }>(
    (p) =>
      `事项 ${p.itemId} ${p.seq === null ? '一条无权查看的记录' : `第 ${p.seq} 条记录`}的内容与所存哈希不符（应为 ${p.expected}，所存为 ${p.stored}）：该记录写入后被改动`,
    (p) =>
      `item ${p.itemId}, ${p.seq === null ? 'an event you may not read' : `event ${p.seq}`}: its content does not give its stored hash (expected ${p.expected}, stored ${p.stored}): it was changed after it was written`,
  ),
  'ledger.event-prev-hash': texts<{ itemId: string; seq: number | null; expected: string; stored: string }>(
    (p) =>
      `事项 ${p.itemId} ${p.seq === null ? '一条无权查看的记录' : `第 ${p.seq} 条记录`}与前一条记录的链接不符（应为 ${p.expected}，所存为 ${p.stored}）：前一条记录被删除、插入或改链`,
    (p) =>
      `item ${p.itemId}, ${p.seq === null ? 'an event you may not read' : `event ${p.seq}`}: its link to the event before does not match (expected ${p.expected}, stored ${p.stored}): an event was removed or inserted, or the link changed`,
  ),
  'ledger.event-gap': texts<{ itemId: string; seq: number | null; expected: string; stored: string }>(
    (p) => `事项 ${p.itemId} 的记录序号不连续（应为 ${p.expected}，实为 ${p.stored}）：有记录被删除`,
    (p) => `item ${p.itemId}: its events skip a number (expected ${p.expected}, found ${p.stored}): an event was removed`,
  ),
  'ledger.event-order': texts<{ itemId: string; seq: number | null; expected: string; stored: string }>(
    (p) => `事项 ${p.itemId} ${p.seq === null ? '一条无权查看的记录' : `第 ${p.seq} 条记录`}已入链，而其前一条尚未入链：链被改动`,
    (p) =>
      `item ${p.itemId}, ${p.seq === null ? 'an event you may not read' : `event ${p.seq}`}: it is chained although an event before it is not: the chain was changed`,
  ),
  'ledger.seal-hash': texts<{ seal: number; date: string; expected: string; stored: string }>(
    (p) => `第 ${p.seal} 号封存（${p.date}）的编号、日期或根哈希被改动：其哈希应为 ${p.expected}，所存为 ${p.stored}`,
    (p) => `seal ${p.seal} (${p.date}): its number, date or root was changed: its hash should be ${p.expected}, stored ${p.stored}`,
  ),
  'ledger.seal-prev-hash': texts<{ seal: number; date: string; expected: string; stored: string }>(
    (p) => `第 ${p.seal} 号封存（${p.date}）与前一封存的链接不符（应为 ${p.expected}，所存为 ${p.stored}）`,
    (p) => `seal ${p.seal} (${p.date}): its link to the seal before does not match (expected ${p.expected}, stored ${p.stored})`,
  ),
  'ledger.seal-root': texts<{ seal: number; date: string; expected: string; stored: string }>(
    (p) => `第 ${p.seal} 号封存（${p.date}）所列链头算出的根哈希为 ${p.expected}，所存为 ${p.stored}：封存内容被改动`,
    (p) => `seal ${p.seal} (${p.date}): its heads give the root ${p.expected}, stored ${p.stored}: the seal was changed`,
  ),
  'ledger.seal-leaf': texts<{ seal: number; date: string; expected: string; stored: string; itemId?: string; seq?: number }>(
    (p) =>
      `第 ${p.seal} 号封存（${p.date}）封存的事项 ${p.itemId} 第 ${p.seq} 条记录现算哈希为 ${p.expected}，封存时为 ${p.stored}：该记录封存后被改写`,
    (p) =>
      `seal ${p.seal} (${p.date}): item ${p.itemId} event ${p.seq} now hashes to ${p.expected}, sealed as ${p.stored}: the history was rewritten after it was sealed`,
  ),
  'ledger.seal-number': texts<{ seal: number; date: string; expected: string; stored: string }>(
    (p) => `封存编号不连续：应为第 ${p.expected} 号，实为第 ${p.stored} 号（${p.date}）：有封存被删除`,
    (p) => `seals skip a number: expected seal ${p.expected}, found ${p.stored} (${p.date}): a seal was removed`,
  ),
  'ledger.archive-copy-missing': texts<{ seal: number; date: string }>(
    (p) => `第 ${p.seal} 号封存（${p.date}）在存档中没有副本`,
    (p) => `seal ${p.seal} (${p.date}) has no copy in the archive`,
  ),
  'ledger.archive-copy-differs': texts<{ seal: number; date: string; fields: string }>(
    (p) => `第 ${p.seal} 号封存（${p.date}）与存档副本不符（${p.fields}）：台账中的封存被改写`,
    (p) => `seal ${p.seal} (${p.date}) differs from its archived copy (${p.fields}): the seal in the ledger was rewritten`,
  ),
  'ledger.archive-seal-missing': texts<{ seal: number; date: string }>(
    (p) => `存档中有第 ${p.seal} 号封存（${p.date}）的副本，台账中却没有该封存：封存被删除`,
    (p) => `the archive holds a copy of seal ${p.seal} (${p.date}), which the ledger no longer has: the seal was removed`,
  ),
  'ledger.archive-not-compared': texts<Record<string, never>>(
    () => '未与封存存档副本比对（用 --seal-dir 或 --seal-bucket 指明存档）',
    () => 'the seals were not compared with their archived copies (name the archive with --seal-dir or --seal-bucket)',
  ),
  'ledger.intact': texts<{ items: number; events: number; chained: number; seals: number }>(
    (p) => `台账完好：${p.items} 个事项的 ${p.events} 条记录（已入链 ${p.chained} 条）及 ${p.seals} 个封存均与哈希相符`,
    (p) => `The ledger is intact: ${p.events} events of ${p.items} items (${p.chained} chained) and ${p.seals} seals match their hashes`,
  ),
  'ledger.broken': texts<{ findings: number }>(
    (p) => `台账有 ${p.findings} 处与哈希不符（见上）`,
    (p) => `The ledger has ${p.findings} mismatches (above)`,
  ),
  // The working-day calendar (functions/domain/working-days.ts), delivery receipts and the public feed.
  'calendar.not-covered': texts<{ year: number; last: number }>(
    (p) =>
      `工作日无法计算：${p.year} 年的节假日安排尚未录入（已录入至 ${p.last} 年）。请督查室先在“工作日历”中录入 ${p.year} 年安排，或填写具体日期`,
    (p) =>
      `Working days cannot be counted: the holidays of ${p.year} are not entered yet (entered up to ${p.last}). ` +
      `The office enters them with PUT /calendar/${p.year}, or give a date`,
  ),
  'calendar.date-outside-year': texts<{ year: number }>(
    (p) => `节假日安排中的日期须在 ${p.year} 年内`,
    (p) => `Every date of the arrangement must be in ${p.year}`,
  ),
  'calendar.not-in-year': texts<{ year: number }>(
    (p) => `不在 ${p.year} 年内`,
    (p) => `not in ${p.year}`,
  ),
  'calendar.date-repeated': texts(
    () => '同一日期重复列出',
    () => 'A date is listed twice',
  ),
  'calendar.listed-already': texts<{ date: string; first: string }>(
    (p) => `${p.date} 已在 ${p.first} 列出`,
    (p) => `${p.date} is already listed at ${p.first}`,
  ),
  'calendar.makeup-not-weekend': texts(
    () => '调休上班日须是周六或周日',
    () => 'A makeup working day must be a Saturday or a Sunday',
  ),
  'calendar.weekday-already-working': texts<{ date: string; weekday: number }>(
    (p) => `${p.date} 是周${'日一二三四五六'[p.weekday]}，本来就是工作日`,
    (p) =>
      `${p.date} is a ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][p.weekday]}, a working day already`,
  ),
  'calendar.day-twice': texts(
    () => '同一天不能既是放假日又是调休上班日',
    () => 'A day cannot be both a holiday and a makeup working day',
  ),
  'calendar.also-holiday': texts<{ date: string }>(
    (p) => `${p.date} 已列为放假日`,
    (p) => `${p.date} is also listed as a holiday`,
  ),
  'calendar.due-rule': texts<{
    workingDays: number;
    from: string;
    skipped: { name: string; first: string; last: string }[];
    makeupDays: string[];
  }>(
    (p) =>
      `自 ${p.from} 起 ${p.workingDays} 个工作日` +
      (p.skipped.length ? `：跳过${p.skipped.map((s) => `${s.name} ${range(s.first, s.last)}`).join('、')}` : '') +
      (p.makeupDays.length ? `${p.skipped.length ? '，' : '：'}计入调休上班日 ${p.makeupDays.map(md).join('、')}` : ''),
    (p) =>
      `${p.workingDays} working days from ${p.from}` +
      (p.skipped.length ? `: skipped ${p.skipped.map((s) => `${s.name} ${range(s.first, s.last)}`).join(', ')}` : '') +
      (p.makeupDays.length ? `${p.skipped.length ? ',' : ':'} counted ${p.makeupDays.map((d) => `${md(d)} (调休)`).join(', ')}` : ''),
  ),
  // ── h: the light's reasons (domain/light.ts judgeLight), with their dates, and the mail's own sentences ──
  'schema.topics-repeated': texts(
    () => '同一邮件类别只能选择一次',
    () => 'names a mail topic twice',
  ),
  'light.closed': texts(
    () => '已办结',
    () => 'closed',
  ),
  'light.withdrawn': texts(
    () => '已撤销',
    () => 'withdrawn',
  ),
  'light.overdue': texts<{ dueDate: string; daysLate: number }>(
    (p) => `完成时限${cnDate(p.dueDate)}已过${p.daysLate}天`,
    (p) => `the deadline ${p.dueDate} passed ${p.daysLate} day(s) ago`,
  ),
  'light.imported-past-due': texts(
    () => '导入前原台账已过期，不计入逾期、不预警通报',
    () => 'it had passed before the ledger was imported: not counted late, warned of or criticised',
  ),
  'light.due-soon': texts<{ dueDate: string; daysLeft: number }>(
    (p) => (p.daysLeft === 0 ? `完成时限为今日（${cnDate(p.dueDate)}）` : `距完成时限${cnDate(p.dueDate)}还有${p.daysLeft}天`),
    (p) => (p.daysLeft === 0 ? `due today (${p.dueDate})` : `due ${p.dueDate}, in ${p.daysLeft} day(s)`),
  ),
  'light.report-missing': texts<{ reportDue: string; daysLate: number }>(
    (p) => `应于${cnDate(p.reportDue)}报送办理情况，未报送（已过${p.daysLate}天）`,
    (p) => `a progress report was due ${p.reportDue} and has not come (${p.daysLate} day(s) ago)`,
  ),
  'light.standing': texts<{ dueWords?: string }>(
    (p) => `${p.dueWords ?? '长期坚持'}，按期报送进展`,
    () => 'a standing task, reported on its cadence',
  ),
  'light.on-track': texts<{ dueDate: string; daysLeft: number }>(
    (p) => `按期推进，距完成时限${cnDate(p.dueDate)}还有${p.daysLeft}天`,
    (p) => `on track, due ${p.dueDate} in ${p.daysLeft} day(s)`,
  ),
  // --- rectification review, notice withdrawal, import, attachments (issue 12) ----------------
  'auth.office-reviews-rectifications': texts(
    () => '只有督查室可以审核整改报告',
    () => 'Only the supervision office reviews rectifications',
  ),
  'auth.office-withdraws-notices': texts(
    () => '只有督查室可以撤销通报',
    () => 'Only the supervision office withdraws notices',
  ),
  'conflict.notice-withdrawn': texts<{ noticeId: string }>(
    () => '该通报已撤销',
    (p) => `Notice ${p.noticeId} has been withdrawn`,
  ),
  'conflict.rectification-not-awaiting-review': texts<{ noticeId: string; unitId: string }>(
    () => '该单位在这份通报下没有待审核的整改报告',
    (p) => `Unit ${p.unitId} has no rectification awaiting review under notice ${p.noticeId}`,
  ),
  'schema.return-needs-reason': texts(
    () => '退回重报须说明理由',
    () => 'A returned rectification needs a reason',
  ),
  'missing.rectification-unit': texts<{ noticeId: string; unitId: string }>(
    () => '该通报未点名这个单位',
    (p) => `Notice ${p.noticeId} does not name unit ${p.unitId}`,
  ),
  'rule.unit-name-taken': texts<{ name: string; unitId: string; unitName: string }>(
    (p) => `名称「${p.name}」已是「${p.unitName}」的名称、简称或别名`,
    (p) => `The name "${p.name}" is already a name, short name or alias of unit ${p.unitId}`,
  ),
  'import.unknown-unit': texts<{ name: string }>(
    (p) => `单位「${p.name}」不在单位名册中（可先登记该单位，或在预览中选择对应单位）`,
    (p) => `Unit "${p.name}" is not in the roster (register it, or choose the unit meant in the preview)`,
  ),
  'import.did-you-mean': texts<{ name: string; candidates: readonly string[] }>(
    (p) => `单位「${p.name}」不在单位名册中，您是否指${p.candidates.map((c) => `「${c}」`).join('或')}？`,
    (p) => `Unit "${p.name}" is not in the roster: did you mean ${p.candidates.map((c) => `"${c}"`).join(' or ')}?`,
  ),
  'import.which-source': texts<{ text: string }>(
    (p) => (p.text === '' ? '未写来源，请选择来源' : `无法从「${p.text}」判断来源，请选择来源`),
    (p) => (p.text === '' ? 'No source given: choose one' : `Cannot tell the source from "${p.text}": choose one`),
  ),
  'import.which-date': texts<{ text: string }>(
    (p) => `完成时限「${p.text}」无法识别为日期，请填写完成时限（如 2026-12-31）`,
    (p) => `Deadline "${p.text}" is not a date this import reads: give the deadline (e.g. 2026-12-31)`,
  ),
  'import.no-date': texts(
    () => '未写完成时限，请填写完成时限',
    () => 'No deadline given: give one',
  ),
  'import.which-leader': texts<{ name: string; candidates: readonly string[] }>(
    (p) =>
      p.candidates.length > 0
        ? `责任领导「${p.name}」未能对应到分管领导，您是否指${p.candidates.map((c) => `「${c}」`).join('或')}？`
        : `责任领导「${p.name}」未能对应到分管领导，名册中尚无分管领导`,
    (p) =>
      `Leader "${p.name}" matches no leader of the roster${p.candidates.length > 0 ? `: did you mean ${p.candidates.join(' or ')}?` : ''}`,
  ),
  'import.no-lead': texts(
    () => '未写牵头单位',
    () => 'No lead unit given',
  ),
  'import.duplicate-row': texts<{ row: number }>(
    (p) => `与第 ${p.row} 行内容相同`,
    (p) => `Same as row ${p.row}`,
  ),
  'import.columns-missing': texts<{ columns: readonly string[] }>(
    (p) => `文件缺少以下列：${zhList(p.columns)}（表头须与导出的督查台账一致）`,
    (p) => `The file lacks the columns ${p.columns.join(', ')} (headers as in the exported ledger)`,
  ),
  'import.too-many-rows': texts<{ rows: number; max: number }>(
    (p) => `文件有 ${p.rows} 行，一次最多导入 ${p.max} 行，请分批导入`,
    (p) => `The file has ${p.rows} rows; import at most ${p.max} at a time`,
  ),
  'import.sheet-too-large': texts<{ cell: string; columns: number; rows: number }>(
    (p) => `工作表用到了单元格 ${p.cell}，超出导入范围（最多 ${p.columns} 列、${p.rows} 行）：请删去台账以外的内容后再导入`,
    (p) =>
      `The sheet uses cell ${p.cell}, beyond what an import reads (${p.columns} columns, ${p.rows} rows): remove what is not the ledger and send it again`,
  ),
  'import.formula-without-value': texts<{ cell: string }>(
    (p) => `单元格 ${p.cell} 是公式，但文件没有保存它的计算结果：请在 Excel 中打开、保存后再导入`,
    (p) => `Cell ${p.cell} holds a formula whose result the file did not keep: open and save it in Excel, then send it again`,
  ),
  'import.unreadable': texts(
    () => '无法读取文件：请上传 CSV（UTF-8 或 GBK 编码）或 Excel（.xlsx）文件',
    () => 'The file cannot be read: send a CSV (UTF-8 or GBK) or an Excel (.xlsx) workbook',
  ),
  'import.media-type': texts(
    () => '请以 text/csv 或 Excel（.xlsx）类型上传文件',
    () => 'Send the file as text/csv or as an Excel (.xlsx) workbook',
  ),
  'import.too-large': texts<{ mb: number }>(
    (p) => `文件超过 ${p.mb} MB`,
    (p) => `The file is larger than ${p.mb} MB`,
  ),
  'import.rows-invalid': texts<{ rows: readonly number[] }>(
    (p) => `以下行有问题，未导入任何事项：第 ${p.rows.join('、')} 行（可先用 dryRun=true 预览）`,
    (p) => `Nothing was imported: rows ${p.rows.join(', ')} have problems (preview with dryRun=true)`,
  ),
  'attachment.unknown': texts<{ id: string; name?: string }>(
    (p) => `${fileName(p)}不存在或不属于您`,
    (p) => `Attachment ${p.id} does not exist or is not yours`,
  ),
  'attachment.not-uploaded': texts<{ id: string; name?: string }>(
    (p) => `${fileName(p)}尚未上传`,
    (p) => `Attachment ${p.id} has not been uploaded`,
  ),
  'attachment.mismatch': texts<{ id: string; name?: string }>(
    (p) => `${fileName(p)}的大小或文件类型与申请上传时不符`,
    (p) => `Attachment ${p.id} is not of the size or type declared for it`,
  ),
  'attachment.replaced': texts<{ id: string; name?: string }>(
    (p) => `${fileName(p)}在使用时被重新上传，请重新提交`,
    (p) => `Attachment ${p.id} was uploaded again while it was being attached: send the request again`,
  ),
  'attachment.already-attached': texts<{ id: string; name?: string }>(
    (p) => `${fileName(p)}已用于其他材料`,
    (p) => `Attachment ${p.id} is already attached elsewhere`,
  ),
  'attachment.unusable': texts<{ ids: readonly string[]; names?: readonly string[] }>(
    (p) => (p.names?.length ? `以下附件不能使用：${zhList(p.names.map((n) => `“${n}”`))}` : '所选附件不能使用'),
    (p) => `These attachments cannot be used: ${p.ids.join(', ')}`,
  ),
  'attachment.missing': texts<{ id: string }>(
    () => '没有这个附件',
    (p) => `No attachment ${p.id}`,
  ),
  'attachment.extension': texts<{ extension: string }>(
    (p) => `文件名须以 .${p.extension} 结尾，与文件类型一致`,
    (p) => `The file name must end in .${p.extension}, as its type says`,
  ),
  // --- Delivery receipts (mail-events): the weekly digest's line for a contact whose address bounced for good ---
  'mail.undeliverable': texts<{ unit: string; role: string; name: string; address: string; since: string; noneLeft: boolean }>(
    (p) =>
      `无法送达：${p.unit} ${p.role} ${p.name} ${p.address}（${p.since}起退信，邮件已改发该单位其他联系人${p.noneLeft ? '；该单位已无可送达的联系人，平台未向其发送任何邮件，请尽快更新地址' : ''}）`,
    (p) =>
      `Undeliverable: ${p.unit} ${p.role} ${p.name} ${p.address} (bounced since ${p.since}; mail goes to the unit's other contacts${p.noneLeft ? '; the unit has no deliverable contact left and gets no mail until its address is corrected' : ''})`,
  ),
};
