/** 年度考核 in words: what made each unit's grade, from the API's figures and the one scoring rule. */
import { DEDUCTIONS, GRADE_FLOORS } from '../../functions/domain/assessment';
import type { AssessedUnit } from './api/types';

/** Each deduction of the scoring rule by its name on the page (a new deduction is a compile error until named). */
export const DEDUCTION_NAMES: Record<keyof typeof DEDUCTIONS, string> = {
  closedLate: '逾期办结',
  openLate: '逾期未办结',
  reportsLate: '报送逾期',
  noticesOffice: '督查室通报',
  noticesGovernment: '政府通报',
  rectificationsLate: '整改逾期',
};

/**
 * What made a unit's grade: 100 less each deduction (count × points), the grade's floor, and rule 4's cap. The
 * on-time rate is shown beside it and counts only through its late items, so a 0 % rate with one late item is 92.
 */
export function gradeFactors(u: AssessedUnit): string {
  if (u.score === null) return '本年度没有可考核的事项、报送或通报';
  const deductions = (Object.keys(DEDUCTIONS) as (keyof typeof DEDUCTIONS)[])
    .filter((key) => Number(u[key] ?? 0) > 0)
    .map((key) => `${DEDUCTION_NAMES[key]} ${u[key]} × ${DEDUCTIONS[key]}`);
  const sum = deductions.length === 0 ? '100，无扣分' : `100 − ${deductions.join(' − ')} = ${u.score}`;
  const floor = GRADE_FLOORS.find(([, min]) => (u.score ?? 0) >= min);
  const byScore = floor ? `${floor[1]} 分以上为${floor[0]}` : '';
  const capped = floor?.[0] === '优秀' && u.grade !== '优秀' ? '；本年度被通报，不评优秀，定为良好' : '';
  return `${sum}；${byScore}${capped}`;
}
