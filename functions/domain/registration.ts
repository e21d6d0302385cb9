import { shanghaiDate } from './calendar';
import { actorOf, type Caller } from './caller';
import { say } from '../messages/message';
import { Forbidden, RuleViolation } from './errors';
import type { HistoryEvent } from './history';
import type { Item, ItemRegistration } from './items';
import { firstReportDue } from './report-dates';

/**
 * 立项派发: the office puts a decision into the ledger and dispatches it to
 * its units. The deadline cannot already have passed, and milestones fall
 * within it; the registration is the item's first history event.
 */
export function newItem(input: ItemRegistration, context: { id: string; actor: Caller; now: Date }): { item: Item; event: HistoryEvent } {
  if (context.actor.role !== 'office') {
    throw new Forbidden(say('auth.office-registers-items'));
  }
  const today = shanghaiDate(context.now);
  if (input.dueDate < today) {
    throw new RuleViolation('due-date-passed', say('rule.due-date-passed', { dueDate: input.dueDate, today }), [
      { path: 'dueDate', message: say('rule.not-in-past') },
    ]);
  }
  if (input.coUnits.includes(input.leadUnit)) {
    throw new RuleViolation('lead-unit-also-co-unit', say('rule.lead-unit-also-co-unit'), [
      { path: 'coUnits', message: say('rule.contains-lead-unit', { leadUnit: input.leadUnit }) },
    ]);
  }
  const lateMilestones = input.milestones
    .map((m, index) => ({ m, index }))
    .filter(({ m }) => m.dueDate > input.dueDate || m.dueDate < today);
  if (lateMilestones.length > 0) {
    throw new RuleViolation(
      'milestone-outside-deadline',
      say('rule.milestone-outside-deadline'),
      lateMilestones.map(({ index }) => ({ path: `milestones.${index}.dueDate`, message: say('rule.outside-deadline') })),
    );
  }
  const at = context.now.toISOString();
  const item: Item = {
    id: context.id,
    ...input,
    status: 'assigned',
    ...optional('nextReportDue', firstReportDue(input, today)),
    acknowledgements: [],
    progressByUnit: {},
    registeredAt: at,
    updatedAt: at,
    version: 1,
    lastSeq: 1,
  };
  const event: HistoryEvent = {
    seq: 1,
    type: 'item.registered',
    actor: actorOf(context.actor),
    at,
    data: { ...input },
  };
  return { item, event };
}

/** Every unit an item names must be a registered unit: refuses naming the ones that are not. */
export function unknownUnits(input: Pick<ItemRegistration, 'leadUnit' | 'coUnits'>, missing: readonly string[]): void {
  if (missing.length === 0) return;
  throw new RuleViolation(
    'unknown-unit',
    say('missing.units', { ids: missing }),
    missing.map((id) => ({
      path: id === input.leadUnit ? 'leadUnit' : `coUnits.${input.coUnits.indexOf(id)}`,
      message: say('missing.unit-detail', { id }),
    })),
  );
}

/** `{ [key]: value }` when there is a value, `{}` otherwise: stored items carry no undefined fields. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
