import { daysBetween, type CalendarDate } from './calendar';
import { isOpen, type ItemStatus } from './items';

/** 红黄绿灯: green on track, yellow due soon or a report late, red overdue. */
export const lights = ['green', 'yellow', 'red'] as const;
export type Light = (typeof lights)[number];

/** Days before the due date from which an open item shows yellow. */
export const DUE_SOON_DAYS = 3;

export interface LightInputs {
  status: ItemStatus;
  dueDate: CalendarDate;
  nextReportDue?: CalendarDate;
}

/**
 * The light of an item on a given Shanghai date. Overdue is not a status but
 * this computation, so it is always current. A closed item is done: green.
 */
export function lightOf(item: LightInputs, today: CalendarDate): Light {
  // Closed is done and withdrawn (撤销) is no longer owed: neither is ever late.
  if (!isOpen(item.status)) return 'green';
  const daysLeft = daysBetween(today, item.dueDate);
  if (daysLeft < 0) return 'red';
  if (daysLeft <= DUE_SOON_DAYS) return 'yellow';
  if (item.nextReportDue !== undefined && item.nextReportDue < today) return 'yellow';
  return 'green';
}
