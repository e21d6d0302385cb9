import { addDays, type CalendarDate } from '../functions/domain/calendar';
import type { ItemEdit } from '../functions/domain/item-edits';
import type { ItemRegistration, Source } from '../functions/domain/items';
import type { UnitRegistration } from '../functions/domain/units';

/**
 * A realistic demo ledger of a prefecture-level city in the notice's mould:
 * its counties and departments, the supervision office and the leaders as
 * units with contacts, and items from all seven sources with deadlines
 * around `today` — some already late, some due within days. Names are of
 * offices; the people and addresses are invented (example.gov.cn).
 */
const contact = (unitId: string, head: string, liaison: string) => [
  { name: head, email: `head.${unitId}@example.gov.cn`, role: 'head' as const },
  { name: liaison, email: `liaison.${unitId}@example.gov.cn`, role: 'liaison' as const },
];

export const demoUnits: UnitRegistration[] = [
  { id: 'supervision-office', name: '市政府督查室', kind: 'office', contacts: contact('supervision-office', '王督查', '李联络') },
  {
    id: 'city-leaders',
    name: '市政府领导',
    kind: 'leadership',
    // The leaders in charge (分管领导): people with a leaderId, whom items name and whose token carries it.
    contacts: [
      { name: '市长办公室', email: 'mayor.office@example.gov.cn', role: 'head' },
      { name: '张市长', email: 'mayor.zhang@example.gov.cn', role: 'head', leaderId: 'mayor-zhang' },
      { name: '李副市长', email: 'vice-mayor.li@example.gov.cn', role: 'head', leaderId: 'vice-mayor-li' },
    ],
  },
  { id: 'hanbin-district', name: '汉滨区人民政府', kind: 'county', contacts: contact('hanbin-district', '陈区长', '周秘书') },
  { id: 'hanyin-county', name: '汉阴县人民政府', kind: 'county', contacts: contact('hanyin-county', '刘县长', '吴秘书') },
  { id: 'shiquan-county', name: '石泉县人民政府', kind: 'county', contacts: contact('shiquan-county', '赵县长', '郑秘书') },
  { id: 'ziyang-county', name: '紫阳县人民政府', kind: 'county', contacts: contact('ziyang-county', '孙县长', '钱秘书') },
  { id: 'pingli-county', name: '平利县人民政府', kind: 'county', contacts: contact('pingli-county', '杨县长', '何秘书') },
  { id: 'development-reform', name: '市发展和改革委员会', kind: 'department', contacts: contact('development-reform', '马主任', '高科长') },
  { id: 'finance-bureau', name: '市财政局', kind: 'department', contacts: contact('finance-bureau', '林局长', '罗科长') },
  { id: 'housing-bureau', name: '市住房和城乡建设局', kind: 'department', contacts: contact('housing-bureau', '郭局长', '梁科长') },
  { id: 'transport-bureau', name: '市交通运输局', kind: 'department', contacts: contact('transport-bureau', '宋局长', '谢科长') },
  { id: 'education-bureau', name: '市教育局', kind: 'department', contacts: contact('education-bureau', '韩局长', '唐科长') },
  { id: 'health-commission', name: '市卫生健康委员会', kind: 'department', contacts: contact('health-commission', '冯主任', '于科长') },
  { id: 'ecology-bureau', name: '市生态环境局', kind: 'department', contacts: contact('ecology-bureau', '董局长', '萧科长') },
  { id: 'market-regulation', name: '市市场监督管理局', kind: 'agency', contacts: contact('market-regulation', '程局长', '曹科长') },
];

/** What happens to a demo item after it is registered, days before today: so the reports and the assessment have a year to show. */
export type DemoStep =
  | { daysAgo: number; step: 'acknowledge' }
  // `attachment`: a small PDF (正式文件) uploaded to the local S3 server and attached, as the console would.
  | { daysAgo: number; step: 'report'; percentComplete: number; summary: string; attachment?: string }
  | { daysAgo: number; step: 'complete'; summary: string }
  | { daysAgo: number; step: 'verify'; method: 'desk' | 'site' | 'unannounced'; findings: string }
  // The office keeping the ledger true (修改, 调整牵头单位, 撤销).
  | { daysAgo: number; step: 'edit'; edit: ItemEdit }
  | { daysAgo: number; step: 'reassign'; leadUnit: string; reason: string }
  | { daysAgo: number; step: 'withdraw'; reason: string; decision: string };

interface DemoItem {
  id: string;
  activity?: DemoStep[];
  /** Days from today to the deadline (negative: already late). */
  dueInDays: number;
  /** Days before today the item was registered. */
  registeredDaysAgo: number;
  item: Omit<ItemRegistration, 'dueDate' | 'milestones' | 'coUnits' | 'description' | 'projectType'> &
    Partial<Pick<ItemRegistration, 'coUnits' | 'description' | 'projectType'>> & { milestoneOffsets?: [string, number][] };
}

const demo = (
  id: string,
  source: Source,
  dueInDays: number,
  registeredDaysAgo: number,
  item: Omit<DemoItem['item'], 'source'>,
  activity?: DemoStep[],
): DemoItem => ({
  id,
  dueInDays,
  registeredDaysAgo,
  item: { ...item, source },
  ...(activity ? { activity } : {}),
});

export const demoItems: DemoItem[] = [
  // Acknowledged, in the vice mayor's portfolio, and edited once: a co-unit added after registration.
  demo(
    'demo-work-report-01',
    'work-report',
    35,
    60,
    {
      title: '完成城区老旧小区改造3000户',
      sourceRef: '2026年《政府工作报告》',
      leadUnit: 'housing-bureau',
      coUnits: ['hanbin-district', 'finance-bureau'],
      requirements: ['改造进度（户数）', '资金到位情况', '存在问题及下步措施'],
      projectType: true,
      reportEveryDays: 14,
      milestoneOffsets: [['完成施工招标', 5]],
      leaderInCharge: 'vice-mayor-li',
    },
    [
      { daysAgo: 55, step: 'acknowledge' },
      {
        daysAgo: 40,
        step: 'edit',
        edit: { coUnits: ['hanbin-district', 'finance-bureau', 'hanyin-county'], title: '完成城区老旧小区改造3000户（含汉阴县城区）' },
      },
    ],
  ),
  demo('demo-work-report-02', 'work-report', -4, 90, {
    title: '建成安康至平利高速公路连接线',
    sourceRef: '2026年《政府工作报告》',
    leadUnit: 'transport-bureau',
    coUnits: ['pingli-county'],
    requirements: ['工程形象进度', '投资完成情况'],
    projectType: true,
    reportEveryDays: 30,
  }),
  demo(
    'demo-meeting-01',
    'meeting-decision',
    3,
    20,
    {
      title: '落实市政府第12次常务会议关于中小学校舍安全排查的决定',
      sourceRef: '市政府常务会议纪要〔2026〕12号',
      leadUnit: 'education-bureau',
      requirements: ['排查学校数量', '发现隐患及整改情况'],
      leaderInCharge: 'vice-mayor-li',
    },
    [{ daysAgo: 18, step: 'acknowledge' }],
  ),
  demo('demo-meeting-02', 'meeting-decision', 0, 30, {
    title: '制定优化营商环境十条措施实施细则',
    sourceRef: '市政府专题会议纪要〔2026〕7号',
    leadUnit: 'development-reform',
    coUnits: ['market-regulation'],
    requirements: ['细则起草情况', '征求意见情况'],
  }),
  demo(
    'demo-npc-01',
    'npc-suggestion',
    60,
    40,
    {
      title: '关于加强汉江水质保护的建议（第0231号）',
      sourceRef: '市人大代表建议第0231号',
      leadUnit: 'ecology-bureau',
      coUnits: ['hanbin-district', 'ziyang-county'],
      requirements: ['办理方案', '与代表沟通情况', '办理结果'],
    },
    [
      // Completion claimed, awaiting 核查: after a report saying 100 %.
      { daysAgo: 38, step: 'acknowledge' },
      { daysAgo: 10, step: 'report', percentComplete: 100, summary: '办理方案已落实，已与代表面商沟通，代表表示满意。' },
      { daysAgo: 9, step: 'complete', summary: '建议所提三项措施均已落实，办理结果已书面答复代表。' },
    ],
  ),
  demo(
    'demo-cppcc-01',
    'cppcc-proposal',
    1,
    45,
    {
      title: '关于发展富硒茶产业的提案（第0158号）',
      sourceRef: '市政协提案第0158号',
      leadUnit: 'ziyang-county',
      coUnits: ['development-reform'],
      requirements: ['办理方案', '与委员沟通情况', '办理结果'],
    },
    [
      // Reassigned: the county handed the proposal to the agriculture-minded department after signing it.
      { daysAgo: 40, step: 'acknowledge' },
      { daysAgo: 30, step: 'reassign', leadUnit: 'development-reform', reason: '富硒茶产业规划由市发展改革委统筹，紫阳县不再牵头。' },
    ],
  ),
  demo('demo-leader-instruction-01', 'leader-instruction', -12, 40, {
    title: '市长批示：尽快解决石泉县城区供水管网漏损问题',
    sourceRef: '领导批示件〔2026〕45号',
    leadUnit: 'shiquan-county',
    coUnits: ['housing-bureau'],
    requirements: ['问题核实情况', '整改措施', '完成时间'],
    leaderInCharge: 'mayor-zhang',
  }),
  demo(
    'demo-media-01',
    'media-report',
    -2,
    15,
    {
      title: '《安康日报》反映汉阴县农贸市场食品安全问题',
      sourceRef: '《安康日报》2026年11月3日第2版',
      leadUnit: 'market-regulation',
      coUnits: ['hanyin-county'],
      requirements: ['调查核实情况', '处理结果', '长效机制'],
    },
    [
      // In progress, and late: half done by its deadline.
      { daysAgo: 13, step: 'acknowledge' },
      { daysAgo: 6, step: 'report', percentComplete: 50, summary: '已对涉事农贸市场立案调查，问题摊位停业整顿，长效机制正在起草。' },
    ],
  ),
  demo('demo-leader-assignment-01', 'leader-assignment', 21, 10, {
    title: '冬季流感防控和医疗救治准备工作',
    sourceRef: '市政府领导交办〔2026〕33号',
    leadUnit: 'health-commission',
    coUnits: ['hanbin-district', 'pingli-county'],
    requirements: ['药品物资储备', '发热门诊设置', '应急预案'],
    reportEveryDays: 7,
  }),
  demo(
    'demo-leader-assignment-02',
    'leader-assignment',
    90,
    5,
    {
      title: '编制2027年重点项目投资计划',
      sourceRef: '市政府领导交办〔2026〕36号',
      leadUnit: 'development-reform',
      coUnits: ['finance-bureau'],
      requirements: ['项目清单', '资金来源', '时间安排'],
      projectType: true,
    },
    [
      // Withdrawn (撤销) by the government's decision: out of every job's reach and of the assessment.
      {
        daysAgo: 2,
        step: 'withdraw',
        reason: '该项工作并入全市“十五五”规划编制统一安排，不再单独督办。',
        decision: '市政府常务会议纪要〔2026〕31号',
      },
    ],
  ),
  // Closed on time: claimed five days before its deadline, verified at the desk.
  demo(
    'demo-closed-on-time-01',
    'work-report',
    -20,
    80,
    {
      title: '完成2026年度市级财政预算公开工作',
      sourceRef: '2026年《政府工作报告》',
      leadUnit: 'finance-bureau',
      requirements: ['公开范围', '公开时间', '群众意见处理'],
    },
    [
      { daysAgo: 75, step: 'acknowledge' },
      { daysAgo: 60, step: 'report', percentComplete: 60, summary: '市级部门预算已按要求公开六成，剩余部门正在审核。' },
      {
        daysAgo: 26,
        step: 'report',
        percentComplete: 100,
        summary: '剩余部门预算审核完毕并全部在门户网站公开。',
        attachment: '关于2026年度市级部门预算公开情况的报告.pdf',
      },
      { daysAgo: 25, step: 'complete', summary: '市级97个部门预算及“三公”经费全部公开，群众意见已逐条回复。' },
      { daysAgo: 22, step: 'verify', method: 'desk', findings: '查阅门户网站公开栏目，公开内容完整。' },
    ],
  ),
  // Closed late: completion claimed four days after its deadline, verified on site.
  demo(
    'demo-closed-late-01',
    'meeting-decision',
    -30,
    70,
    {
      title: '落实市政府常务会议关于汉阴县城区停车场建设的决定',
      sourceRef: '市政府常务会议纪要〔2026〕9号',
      leadUnit: 'hanyin-county',
      requirements: ['选址及用地', '建设进度'],
    },
    [
      { daysAgo: 66, step: 'acknowledge' },
      {
        daysAgo: 50,
        step: 'report',
        percentComplete: 40,
        summary: '停车场选址已确定，土地手续正在办理，主体工程尚未开工。',
        attachment: '停车场项目用地预审意见.pdf',
      },
      { daysAgo: 27, step: 'report', percentComplete: 100, summary: '两处停车场主体及配套完工，已通过竣工验收。' },
      { daysAgo: 26, step: 'complete', summary: '城区两处停车场已建成投用，新增停车位420个。' },
      { daysAgo: 24, step: 'verify', method: 'site', findings: '实地查看两处停车场，已投入使用。' },
    ],
  ),
];

/** A criticism notice of the demo year: the named unit's late item, and its rectification handed in on time. */
export const demoNotice = {
  daysAgo: 10,
  rectifiedDaysAgo: 5,
  returnedDaysAgo: 3,
  returnReason: '整改措施未明确完成时限和责任人，请补充后重新报送。',
  input: {
    level: 'office' as const,
    unitIds: ['shiquan-county'],
    itemIds: ['demo-leader-instruction-01'],
    reason: '市长批示件超过完成时限未办结，经预警仍未报送办理情况，予以通报批评。',
    mediaExposure: false,
  },
  rectification: {
    explanation: '对批示件办理重视不够，供水管网改造施工组织不力。',
    measures: '成立专班，倒排工期，每周向督查室报送进展。',
    report: '石泉县人民政府关于供水管网漏损问题整改情况的报告（石政字〔2026〕88号）。',
  },
};

/** The registration of a demo item as of `today`, and the day it is registered. */
export function demoRegistration(d: DemoItem, today: CalendarDate): { registeredOn: CalendarDate; input: ItemRegistration } {
  const registeredOn = addDays(today, -d.registeredDaysAgo);
  const { milestoneOffsets = [], ...item } = d.item;
  return {
    registeredOn,
    input: {
      description: '',
      coUnits: [],
      projectType: false,
      ...item,
      dueDate: addDays(today, d.dueInDays),
      milestones: milestoneOffsets.map(([title, days]) => ({ title, dueDate: addDays(today, days) })),
    },
  };
}
