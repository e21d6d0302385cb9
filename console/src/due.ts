/**
 * A deadline as a person enters it: a date, or a number of working days (工作日) that the API counts by China's
 * calendar (weekends and statutory holidays off, 调休 makeup days on). The console never counts working days
 * itself: the API answers with the date and `dueRule`, how it was derived, which the item's page shows.
 */
import type { DueRule } from './api/types';

export type DueMode = 'date' | 'workingDays';

export interface DueChoice {
  mode: DueMode;
  /** `2026-12-31`, when mode is date. */
  date?: string;
  /** 1–250, when mode is workingDays. */
  days?: number | null;
}

/** The API's `dueDate` / `newDueDate`: the date as typed, or `{ workingDays: N }`. */
export type DeadlineInput = string | { workingDays: number };

export function dueInputOf(choice: DueChoice | undefined): DeadlineInput | undefined {
  if (!choice) return undefined;
  if (choice.mode === 'workingDays') return choice.days ? { workingDays: choice.days } : undefined;
  return choice.date || undefined;
}

/** What the person has left out, said on the field; undefined when the choice is complete. */
export function dueChoiceProblem(choice: DueChoice | undefined): string | undefined {
  if (choice?.mode === 'workingDays') return choice.days ? undefined : '请填写工作日天数';
  return choice?.date ? undefined : '请选择日期';
}

const sourceWords: Record<DueRule['source'], string> = {
  'chinese-days': '依内置的国务院节假日安排',
  office: '依督查室录入的节假日安排',
};

/** The API's explanation of a deadline counted in working days, and whose holiday arrangement it followed. */
export function dueRuleText(rule: DueRule): string {
  return `${rule.explanation}（${sourceWords[rule.source]}）`;
}
