/**
 * The light (红黄绿灯) is the API's: it sends `light` and `lightReason` (functions/domain/light.ts `judgeLight`
 * decides both), and the console shows them as sent, never judging an item itself. What stays here is the
 * page's own: the order of a to-do list.
 */
import type { Item } from './api/types';

/** Most urgent first: red, then yellow, then green, each by deadline; closed items last. */
export function byUrgency(a: Pick<Item, 'light' | 'dueDate' | 'status'>, b: Pick<Item, 'light' | 'dueDate' | 'status'>): number {
  const rank = (item: Pick<Item, 'light' | 'status'>) =>
    item.status === 'closed' ? 3 : item.light === 'red' ? 0 : item.light === 'yellow' ? 1 : 2;
  return rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate);
}
