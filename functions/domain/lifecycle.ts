import { actorOf, type Caller } from './caller';
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
} as const satisfies Record<string, { from: readonly ItemStatus[] }>;
export type Action = keyof typeof actions;

const WHY_NOT: Partial<Record<ItemStatus, string>> = {
  assigned: 'it has not been acknowledged (签收) yet',
  acknowledged: 'no progress has been reported yet',
  'completion-claimed': 'its completion is awaiting verification (核查)',
  closed: 'it is closed',
};

export function canDo(action: Action, status: ItemStatus): boolean {
  return (actions[action].from as readonly ItemStatus[]).includes(status);
}

/** Refuses an action the item's status does not allow, naming the status. */
export function assertAllowed(action: Action, item: Pick<Item, 'id' | 'status'>): void {
  if (canDo(action, item.status)) return;
  const why = WHY_NOT[item.status] ?? `it is ${item.status}`;
  throw new Conflict(`Cannot ${describe[action]} item ${item.id}: its status is ${item.status} (${why})`, 'illegal-transition', {
    status: item.status,
    action,
    allowedFrom: actions[action].from,
  });
}

const describe: Record<Action, string> = {
  acknowledge: 'acknowledge',
  report: 'report on',
  requestExtension: 'request an extension for',
  decideExtension: 'decide an extension for',
  claimCompletion: 'claim completion of',
  verify: 'verify',
};

/** Rule 6 for acting: a unit acts only on items it leads or co-handles; some actions are the lead's alone. */
export function assertResponsible(caller: Caller, item: Item, leadOnly: boolean): string {
  const unitId = caller.unitId;
  if (caller.role !== 'unit' || unitId === undefined) throw new Forbidden('Only a responsible unit can do this');
  if (!responsibleUnits(item).includes(unitId)) throw new Forbidden(`Unit ${unitId} is not responsible for item ${item.id}`);
  if (leadOnly && item.leadUnit !== unitId) throw new Forbidden(`Only the lead unit (${item.leadUnit}) can do this`);
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
