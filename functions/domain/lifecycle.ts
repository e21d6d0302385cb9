import { actorOf, type Caller } from './caller';
import { say } from '../messages/message';
import type { Action } from './codes';
import { Conflict, Forbidden } from './errors';
import type { HistoryEvent } from './history';
import { responsibleUnits, type Item, type ItemStatus } from './items';

/**
 * The item lifecycle (docs/design.md), as one table:
 *
 *   assigned ──签收──▶ acknowledged ──first report──▶ in-progress ──claim──▶ completion-claimed ──核查 passed──▶ closed
 *                                                       ▲                                   │
 *                                                       └──────────── 核查 failed (查效果) ──┘
 *
 * Each action lists the statuses it may start from; anything else is a 409
 * naming the current status. Overdue is not a status (see light.ts).
 */
export const actions = {
  acknowledge: { from: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'] },
  report: { from: ['acknowledged', 'in-progress'] },
  requestExtension: { from: ['assigned', 'acknowledged', 'in-progress'] },
  decideExtension: { from: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'] },
  claimCompletion: { from: ['in-progress'] },
  verify: { from: ['completion-claimed'] },
  // Keeping the ledger true (item-edits.ts): any open item; a new lead takes over only work still in hand.
  edit: { from: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'] },
  moveDeadline: { from: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'] },
  reassign: { from: ['assigned', 'acknowledged', 'in-progress'] },
  withdraw: { from: ['assigned', 'acknowledged', 'in-progress', 'completion-claimed'] },
} as const satisfies Record<Action, { from: readonly ItemStatus[] }>;
export type { Action };

export function canDo(action: Action, status: ItemStatus): boolean {
  return (actions[action].from as readonly ItemStatus[]).includes(status);
}

/** Refuses an action the item's status does not allow, naming the status. */
export function assertAllowed(action: Action, item: Pick<Item, 'id' | 'status'>): void {
  if (canDo(action, item.status)) return;
  const allowedFrom = actions[action].from;
  throw new Conflict(say('conflict.illegal-transition', { itemId: item.id, status: item.status, action }), 'illegal-transition', [
    { message: say('conflict.allowed-from', { action, allowedFrom }), status: item.status, action, allowedFrom },
  ]);
}

/** Rule 6 for acting: a unit acts only on items it leads or co-handles; some actions are the lead's alone. */
export function assertResponsible(caller: Caller, item: Item, leadOnly: boolean): string {
  const unitId = caller.unitId;
  if (caller.role !== 'unit' || unitId === undefined) throw new Forbidden(say('auth.responsible-unit-only'));
  if (!responsibleUnits(item).includes(unitId)) throw new Forbidden(say('auth.not-responsible', { unitId, itemId: item.id }));
  if (leadOnly && item.leadUnit !== unitId) throw new Forbidden(say('auth.lead-unit-only', { leadUnit: item.leadUnit }));
  return unitId;
}

/**
 * One change to an item: the new state one version on, and the history
 * event that records it, numbered after the last one. Nothing changes
 * without its event.
 */
export function change(
  item: Item,
  caller: Caller,
  now: Date,
  type: string,
  data: Record<string, unknown>,
  next: Partial<Item>,
): { item: Item; event: HistoryEvent } {
  const at = now.toISOString();
  const seq = item.lastSeq + 1;
  return {
    item: { ...item, ...next, version: item.version + 1, lastSeq: seq, updatedAt: at },
    event: { seq, type, actor: actorOf(caller), at, data },
  };
}
