import { assertCanRead, assertRole } from '../domain/access';
import { type Caller, officeOf } from '../domain/caller';
import { assertCascadable, type CascadeChild, childRegistration } from '../domain/cascade';
import { RuleViolation } from '../domain/errors';
import { type Item, responsibleUnits } from '../domain/items';
import type { Office } from '../domain/offices';
import { say } from '../messages/message';
import type { ItemRepository, OfficeLedgers, OfficeRegistry } from './ports';
import { type RegisterItemDeps, registerItem } from './register-item';

export interface CascadeDeps extends RegisterItemDeps {
  ledgers: OfficeLedgers;
  offices: Pick<OfficeRegistry, 'get'>;
}

/**
 * 分解下达: the county's office takes an item of the city's ledger that its government answers for and registers
 * one item per department it gives the work to, in its own ledger, each linked to the parent and dispatched as any
 * 立项派发 is. All children are checked before any is written; a retry with the same Idempotency-Key replays each.
 */
export async function cascadeItem(
  deps: CascadeDeps,
  caller: Caller,
  input: { parentItemId: string; children: CascadeChild[] },
  idempotencyKey?: string,
): Promise<{ parent: { office: string; itemId: string; title: string; dueDate: string }; children: Item[]; replayed: boolean }> {
  assertRole(caller, ['office'], 'Passing an item down (分解下达)');
  const office = await deps.offices.get(officeOf(caller));
  if (!office?.parentId) throw new RuleViolation('cascade-from-root', say('rule.cascade-from-root'));
  const found = await deps.ledgers.parentItem(input.parentItemId);
  const parent = assertCascadable(found?.item ?? null, office, input.parentItemId);
  const parentOffice = found?.office ?? office.parentId;
  const registrations = input.children.map((child, index) => childRegistration(parent, parentOffice, child, index));
  const children: Item[] = [];
  let replayed = registrations.length > 0;
  for (const [index, registration] of registrations.entries()) {
    const key = idempotencyKey === undefined ? undefined : `${idempotencyKey}#${index}`;
    const made = await registerItem(deps, caller, registration, key);
    children.push(made.item);
    replayed &&= made.replayed;
  }
  return { parent: { office: parentOffice, itemId: parent.id, title: parent.title, dueDate: parent.dueDate }, children, replayed };
}

/**
 * An item and what the offices below made of it: the city reads the county's children beside its own item (their
 * state, progress, lights); a unit reads only its own government's office's.
 */
export async function itemCascade(
  deps: { items: Pick<ItemRepository, 'get'>; ledgers: OfficeLedgers },
  caller: Caller,
  itemId: string,
): Promise<{ item: Item; offices: { office: Office; items: Item[]; unitNames: Record<string, string> }[] }> {
  const item = assertCanRead(caller, await deps.items.get(itemId), itemId);
  const whose = caller.role === 'unit' && caller.unitId ? [caller.unitId] : responsibleUnits(item);
  return { item, offices: await deps.ledgers.cascades(itemId, whose) };
}
