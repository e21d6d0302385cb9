import type { CalendarDate } from './calendar';

/**
 * How a deadline given in working days was derived (working-days.ts counts it): stored beside the date it
 * gave. Types only, so that items and extensions can name it without importing the calendar's rules.
 */
export interface DueRule {
  workingDays: number;
  from: CalendarDate;
  /** Runs of statutory days off skipped, by holiday. */
  skipped: { name: string; first: CalendarDate; last: CalendarDate }[];
  /** 调休 weekend days counted as working days. */
  makeupDays: CalendarDate[];
  /** Whose arrangement decided: the package's, or the office's entry for a year. */
  source: 'chinese-days' | 'office';
}
