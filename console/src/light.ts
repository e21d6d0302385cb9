/**
 * Why an item shows the light it shows, in words, from what the API sends
 * (its light, deadline and next report date): the board says "完成时限
 * 2026-11-20 已过 4 天", not just "red". (The API will later send its own
 * reason; until then this reads the same fields the light is computed from.)
 */
import { DUE_SOON_DAYS } from '../../functions/domain/light';
import type { Item } from './api/types';
import { daysBetween, today as todayInShanghai } from './format';

export function lightReason(
  item: Pick<Item, 'light' | 'dueDate' | 'nextReportDue' | 'status'>,
  today = todayInShanghai(),
  /** Beside a due-date column the date need not be said again. */
  compact = false,
): string {
  if (item.status === 'closed') return '已办结';
  const daysLeft = daysBetween(today, item.dueDate);
  const due = compact ? '' : `（${item.dueDate}）`;
  if (item.light === 'red') return daysLeft < 0 ? `已过完成时限${due} ${-daysLeft} 天` : `完成时限 ${item.dueDate}`;
  if (item.light === 'yellow') {
    const reportLate = item.nextReportDue !== undefined && item.nextReportDue < today;
    const dueSoon = daysLeft <= DUE_SOON_DAYS;
    const parts = [
      ...(dueSoon ? [daysLeft === 0 ? `今天${due}到期` : `${daysLeft} 天后${due}到期`] : []),
      ...(reportLate ? [`应于 ${item.nextReportDue} 报送进展，未报送`] : []),
    ];
    return parts.length > 0 ? parts.join('；') : `完成时限 ${item.dueDate}`;
  }
  return item.nextReportDue ? `下次报送 ${item.nextReportDue}，完成时限 ${item.dueDate}` : `完成时限 ${item.dueDate}`;
}

/** Most urgent first: red, then yellow, then green, each by deadline; closed items last. */
export function byUrgency(a: Pick<Item, 'light' | 'dueDate' | 'status'>, b: Pick<Item, 'light' | 'dueDate' | 'status'>): number {
  const rank = (item: Pick<Item, 'light' | 'status'>) =>
    item.status === 'closed' ? 3 : item.light === 'red' ? 0 : item.light === 'yellow' ? 1 : 2;
  return rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate);
}
