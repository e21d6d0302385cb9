import type { Caller } from './caller';
import { say } from '../messages/message';
import { Conflict } from './errors';
import type { HistoryEvent } from './history';
import type { Item } from './items';
import { assertAllowed, assertResponsible, change } from './lifecycle';

/**
 * 签收: a responsible unit confirms it received the item. Each unit signs
 * once; the lead unit's signature moves the item to `acknowledged`.
 */
export function acknowledge(item: Item, caller: Caller, now: Date): { item: Item; event: HistoryEvent } {
  const unitId = assertResponsible(caller, item, false);
  assertAllowed('acknowledge', item);
  if (item.acknowledgements.some((a) => a.unitId === unitId)) {
    throw new Conflict(say('conflict.already-acknowledged', { unitId, itemId: item.id }), 'already-acknowledged');
  }
  const at = now.toISOString();
  return change(
    item,
    caller,
    now,
    'item.acknowledged',
    { unitId },
    {
      acknowledgements: [...item.acknowledgements, { unitId, at }],
      status: item.status === 'assigned' && unitId === item.leadUnit ? 'acknowledged' : item.status,
    },
  );
}
