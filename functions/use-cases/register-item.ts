import { randomUUID } from 'node:crypto';
import type { Caller } from '../domain/caller';
import { responsibleUnits, type Item, type ItemRegistration } from '../domain/items';
import { shanghaiDate } from '../domain/calendar';
import { announce, knownUnits, type TellDeps } from './announce';
import { itemDispatched } from './announcements';
import { newItem, unknownUnits } from '../domain/registration';
import { assertLeaderKnown } from '../domain/unit-edits';
import { type DueInput, resolveDue } from '../domain/working-days';
import { idempotencyRequest, once } from './idempotency';
import type { CalendarStore, Clock, IdempotencyStore, ItemRepository, MailBatch, UnitRepository } from './ports';
import { workingCalendar } from './working-calendar';

export interface RegisterItemDeps {
  items: ItemRepository;
  units: UnitRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
  /** The office's holiday entries, read only for a deadline given in working days; absent, the package's alone. */
  calendar?: CalendarStore;
  newId?: () => string;
  /** Who is told (派发): the lead and co-units' contacts. */
  tell?: TellDeps;
}

/**
 * 立项派发: the office registers a decision in the ledger and dispatches it
 * to its units, all of which must be in the ledger; the item, its first
 * history event and its unit memberships are written together, or not at all.
 */
export async function registerItem(
  deps: RegisterItemDeps,
  caller: Caller,
  input: Omit<ItemRegistration, 'dueDate' | 'dueRule'> & { dueDate: DueInput },
  idempotencyKey?: string,
): Promise<{ item: Item; replayed: boolean }> {
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, 'POST /items', input);
  let batch: MailBatch | undefined;
  // With a key, the units named and the key's earlier answer in one read (the adapter's, where it has one).
  const read =
    request && deps.units.getManyWithEarlier
      ? await deps.units.getManyWithEarlier([input.leadUnit, ...input.coUnits], request.scope, now)
      : undefined;
  const { result, replayed } = await once<Item>(
    deps.idempotency,
    request,
    now,
    async (remember) => {
      // Working days count from the day of registration (Shanghai), the day itself not counted.
      const due =
        typeof input.dueDate === 'string'
          ? { dueDate: input.dueDate }
          : resolveDue(input.dueDate, shanghaiDate(now), await workingCalendar(deps.calendar));
      const { item, event } = newItem({ ...input, ...due }, { id: (deps.newId ?? randomUUID)(), actor: caller, now });
      // Units are never deleted, so a unit found now is still there when the item is written. Read once: checked,
      // named in the letters and addressed from this one read.
      const responsible = responsibleUnits(item);
      const found = read ? read.units.filter((u) => responsible.includes(u.id)) : await deps.units.getMany(responsible);
      unknownUnits(
        input,
        responsible.filter((id) => !found.some((u) => u.id === id)),
      );
      if (input.leaderInCharge !== undefined) assertLeaderKnown(input.leaderInCharge, await deps.units.all());
      if (deps.tell) {
        const names = Object.fromEntries(found.map((u) => [u.id, u.name]));
        batch = await announce(itemDispatched, { item, names }, { ...deps.tell, units: knownUnits(deps.tell.units, found) }, now);
      }
      await deps.items.register(item, event, remember?.(item), batch);
      return item;
    },
    read?.earlier,
  );
  // 派发 in the words of the notice: the units learn of it by mail once it is in the ledger, not before — the batch
  // written with the item is sent from the table's stream (functions/stream/ledger-stream.ts).
  return { item: result, replayed };
}
