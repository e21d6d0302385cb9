/**
 * The one place dates are written for people: every calendar date as
 * `2026-12-31`, every instant as `2026-12-31 09:30`, both in Asia/Shanghai
 * whatever the browser's own zone, like the ledger's dates.
 */
import { addDays, daysBetween, shanghaiDate } from '../../functions/domain/calendar';

export { addDays, daysBetween };

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (`2026-12-31`) or an ISO instant, as `2026-12-31`; `—` when there is none. */
export function formatDate(value: string | undefined | null): string {
  if (!value) return '—';
  if (CALENDAR_DATE.test(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : shanghaiDate(instant);
}

/** An ISO instant as `2026-12-31 09:30` (Asia/Shanghai). */
export function formatDateTime(value: string | undefined | null): string {
  if (!value) return '—';
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const shifted = new Date(instant.getTime() + 8 * 3600 * 1000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** Today in Asia/Shanghai. */
export const today = (now: Date = new Date()) => shanghaiDate(now);

/** 剩 3 天 / 今天到期 / 已逾期 2 天: calendar days, as the API's light and its warnings count them. */
export function daysLeftText(due: string, on: string = today()): string {
  const days = daysBetween(on, due);
  if (days > 0) return `剩 ${days} 天`;
  if (days === 0) return '今天到期';
  return `已逾期 ${-days} 天`;
}

/** Whether a date has passed (Asia/Shanghai). */
export const isPast = (due: string, on: string = today()) => daysBetween(on, due) < 0;

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${Math.round(value * 1000) / 10}%`;
}

export function formatYuan(value: number | undefined): string {
  if (value === undefined) return '—';
  return `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
}
