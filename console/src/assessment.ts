/** 年度考核 in words: one definition for the page and the API's workbook (functions/domain/assessment-sheet.ts). */
export { DEDUCTION_NAMES, gradeFactors, notExcellentReason, scoringRule } from '../../functions/domain/assessment-sheet';
