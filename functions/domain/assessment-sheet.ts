import { DEDUCTIONS, GRADE_FLOORS, type UnitAssessment, type UnitTally } from './assessment';
import type { CalendarDate } from './calendar';
import { unitKindLabels } from './labels';
import type { UnitKind } from './units';

/**
 * 年度考核 in words and as a sheet: what made each unit's grade, and the columns the console's table and the
 * workbook (GET /reports/assessment.xlsx) both show, so the page, the file and its print say the same.
 */

type Deduction = keyof typeof DEDUCTIONS;

/** Each deduction of the scoring rule by its name (a new deduction is a compile error until named). */
export const DEDUCTION_NAMES: Record<Deduction, string> = {
  closedLate: '逾期办结',
  openLate: '逾期未办结',
  reportsLate: '报送逾期',
  noticesOffice: '督查室通报',
  noticesGovernment: '政府通报',
  rectificationsLate: '整改逾期',
};

const deductionKeys = Object.keys(DEDUCTIONS) as Deduction[];

/** The scoring rule in words, from the very table the API scores with. */
export const scoringRule = `得分自 100 分起，每项扣分：${deductionKeys.map((key) => `${DEDUCTION_NAMES[key]} −${DEDUCTIONS[key]}`).join('，')}。`;

/** The title of a year's assessment, on the page, the sheet and its file name. */
export const assessmentTitle = (year: number) => `${year}年度督查考核`;

/**
 * What made a unit's grade: 100 less each deduction (count × points), the grade's floor, and rule 4's cap. The
 * on-time rate is shown beside it and counts only through its late items, so a 0 % rate with one late item is 92.
 */
export function gradeFactors(
  u: Pick<UnitTally, Deduction> &
    Pick<UnitAssessment, 'score' | 'grade'> & { supervision?: { onTimeRate: number; weight: number; ownScore: number } },
): string {
  if (u.score === null) return '本年度没有可考核的事项、报送或通报';
  const deductions = deductionKeys
    .filter((key) => Number(u[key] ?? 0) > 0)
    .map((key) => `${DEDUCTION_NAMES[key]} ${u[key]} × ${DEDUCTIONS[key]}`);
  const own = u.supervision?.ownScore ?? u.score;
  const sum = deductions.length === 0 ? '100，无扣分' : `100 − ${deductions.join(' − ')} = ${own}`;
  // 一级抓一级: the government's own office's on-time rate, blended in with its weight.
  const supervised = u.supervision
    ? `；本级督查室按期办结率 ${Math.round(u.supervision.onTimeRate * 1000) / 10}%（权重 ${Math.round(u.supervision.weight * 100)}%），` +
      `综合 ${own} × ${Math.round((1 - u.supervision.weight) * 100)}% + ${Math.round(u.supervision.onTimeRate * 1000) / 10} × ${Math.round(u.supervision.weight * 100)}% = ${u.score}`
    : '';
  const floor = GRADE_FLOORS.find(([, min]) => (u.score ?? 0) >= min);
  const byScore = floor ? `${floor[1]} 分以上为${floor[0]}` : '';
  const capped = floor?.[0] === '优秀' && u.grade !== '优秀' ? '；本年度被通报，不评优秀，定为良好' : '';
  return `${sum}${supervised}；${byScore}${capped}`;
}

/**
 * Why a unit cannot be 优秀 this year: the one-week check's mark or a notice of the year (rule 4), or nothing counted
 * for it (未参评).
 */
export function notExcellentReason(u: Pick<UnitTally, 'markedNotExcellent'> & Pick<UnitAssessment, 'score'>): string {
  if (u.markedNotExcellent) return '逾期未整改，经一周督办仍未整改';
  return u.score === null ? '本年度未参评' : '本年度被通报批评';
}

/** One unit's row of the assessment, as GET /reports/assessment answers it. */
export type AssessedRow = UnitTally & UnitAssessment & { name: string; kind: UnitKind; onTimeRate: number | null };

/** A cell of the assessment sheet: text, a count, or a rate (0–1) the workbook shows as a percentage. */
export type AssessmentCell = { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'percent'; value: number };

const text = (value: string): AssessmentCell => ({ kind: 'text', text: value });
const count = (value: number): AssessmentCell => ({ kind: 'number', value });
/** 未参评 has no score, a unit with no deadline come no rate: a dash, as on the page. */
const NONE = '—';

export interface AssessmentColumn {
  header: string;
  /** Width in the workbook, in characters. */
  width: number;
  /** Long text: wrapped in the workbook, so the row grows rather than the column. */
  wrap?: boolean;
  cell: (u: AssessedRow) => AssessmentCell;
}

/** The columns of the console's table (pages/leader/Assessment.tsx), in its order, with names, never ids. */
export const assessmentSheet: readonly AssessmentColumn[] = [
  { header: '单位', width: 24, wrap: true, cell: (u) => text(u.name) },
  { header: '类别', width: 15, cell: (u) => text(unitKindLabels[u.kind]) },
  { header: '得分', width: 7, cell: (u) => (u.score === null ? text(NONE) : count(u.score)) },
  { header: '等级', width: 8, cell: (u) => text(u.grade) },
  { header: '评分依据', width: 40, wrap: true, cell: (u) => text(gradeFactors(u)) },
  // On paper there is no tooltip: a unit without 优秀资格 says why in its cell.
  { header: '优秀资格', width: 18, wrap: true, cell: (u) => text(u.excellentEligible ? '有' : `无（${notExcellentReason(u)}）`) },
  { header: '牵头事项', width: 9, cell: (u) => count(u.itemsLed) },
  { header: '按时办结', width: 9, cell: (u) => count(u.closedOnTime) },
  { header: '逾期办结', width: 9, cell: (u) => count(u.closedLate) },
  { header: '逾期未办结', width: 11, cell: (u) => count(u.openLate) },
  { header: '按时办结率', width: 11, cell: (u) => (u.onTimeRate === null ? text(NONE) : { kind: 'percent', value: u.onTimeRate }) },
  { header: '报送（按时/逾期）', width: 12, wrap: true, cell: (u) => text(`${u.reportsOnTime} / ${u.reportsLate}`) },
  { header: '通报（督查室/政府）', width: 12, wrap: true, cell: (u) => text(`${u.noticesOffice} / ${u.noticesGovernment}`) },
  { header: '整改逾期', width: 9, cell: (u) => count(u.rectificationsLate) },
];

export const assessmentColumns = assessmentSheet.map((column) => column.header);

/** The year's assessment as the sheet's rows, in the API's order (best score first). */
export const assessmentRows = (units: readonly AssessedRow[]): AssessmentCell[][] =>
  units.map((u) => assessmentSheet.map((column) => column.cell(u)));

/** The line under the title: the day the figures are as of, and the scoring rule. */
export const assessmentSubtitle = (asOf: CalendarDate) => `截至 ${asOf}。${scoringRule}`;
