import type { CalendarDate } from './calendar';
import { NotFound, RuleViolation } from './errors';
import { isOpen, type Item, type ItemRegistration, responsibleUnits } from './items';
import type { Office } from './offices';
import { say } from '../messages/message';

/**
 * 分解下达 (一级抓一级): a county office passes an item of the city's ledger that its government answers for down
 * into its own ledger, as one or more items of its departments. Each keeps the parent's source and 文号, answers
 * the parent's 督办要求 unless it states its own, and is due no later than the parent.
 */
export interface CascadeChild {
  title?: string;
  description?: string;
  leadUnit: string;
  coUnits?: string[];
  dueDate: CalendarDate;
  requirements?: string[];
}

/** The parent item as the office below may take it: one its government answers for, still open. */
export function assertCascadable(parent: Item | null, office: Pick<Office, 'unitId'>, itemId: string): Item {
  // An item the county's government does not answer for is, to the county, an item that does not exist.
  if (!parent || !office.unitId || !responsibleUnits(parent).includes(office.unitId))
    throw new NotFound(say('missing.item', { id: itemId }));
  if (!isOpen(parent.status)) throw new RuleViolation('cascade-closed', say('rule.cascade-closed', { status: parent.status }));
  return parent;
}

/** A child's registration in the office below; a deadline later than the parent's is refused, naming the child. */
export function childRegistration(
  parent: Item,
  parentOffice: string,
  child: CascadeChild,
  index: number,
): Omit<ItemRegistration, 'dueRule'> {
  if (child.dueDate > parent.dueDate) {
    throw new RuleViolation('cascade-later-than-parent', say('rule.cascade-later-than-parent', { dueDate: parent.dueDate }), [
      { path: `children.${index}.dueDate`, message: say('rule.cascade-later-than-parent', { dueDate: parent.dueDate }) },
    ]);
  }
  return {
    title: child.title ?? parent.title,
    description: child.description ?? parent.description,
    source: parent.source,
    sourceRef: parent.sourceRef,
    leadUnit: child.leadUnit,
    coUnits: child.coUnits ?? [],
    dueDate: child.dueDate,
    requirements: child.requirements ?? parent.requirements,
    projectType: parent.projectType,
    ...(parent.reportEveryDays !== undefined ? { reportEveryDays: parent.reportEveryDays } : {}),
    milestones: parent.milestones.filter((m) => m.dueDate <= child.dueDate),
    parent: { office: parentOffice, itemId: parent.id },
  };
}
