import { assertRole } from './access';
import { shanghaiDate, type CalendarDate } from './calendar';
import type { Caller } from './caller';
import { say } from '../messages/message';
import { PreconditionFailed, RuleViolation, type ProblemDetail } from './errors';
import type { HistoryEvent } from './history';
import type { Item, Milestone } from './items';
import { assertAllowed, change } from './lifecycle';
import { firstReportDue } from './report-dates';

/**
 * Keeping the ledger true: the office corrects an item (修改), moves its
 * deadline by a decision (调整完成时限), hands it to another lead unit
 * (调整牵头单位) or withdraws it (撤销). Each is one change of the item, one
 * history event saying what moved from what to what, never a silent
 * overwrite; each names the version it was made against (If-Match).
 */

/** What `PATCH /items/{id}` may change. `null` clears an optional field. The deadline is not here: see moveDeadline. */
export interface ItemEdit {
  title?: string;
  description?: string;
  coUnits?: string[];
  requirements?: string[];
  milestones?: Milestone[];
  reportEveryDays?: number | null;
  projectType?: boolean;
  leaderInCharge?: string | null;
}

export const editableFields = [
  'title',
  'description',
  'coUnits',
  'requirements',
  'milestones',
  'reportEveryDays',
  'projectType',
  'leaderInCharge',
] as const satisfies readonly (keyof ItemEdit)[];

/** One field's change, as the history records it. */
export type FieldChange = { before: unknown; after: unknown };

/** The edit was made against the version the caller read (If-Match); anything else is 412. */
export function assertVersion(item: Pick<Item, 'id' | 'version'>, expected: number): void {
  if (item.version !== expected) {
    throw new PreconditionFailed(say('precondition.version-stale', { itemId: item.id, expected, current: item.version }));
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields an edit changes, before → after; fields it repeats unchanged are
 * left out, so a history event lists only what moved.
 */
export function fieldChanges(item: Item, edit: ItemEdit): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of editableFields) {
    if (!(field in edit) || edit[field] === undefined) continue;
    const after = edit[field] ?? undefined;
    if (!same(item[field], after)) changes[field] = { before: item[field] ?? null, after: after ?? null };
  }
  return changes;
}

/**
 * `PATCH /items/{id}` (office): corrects what the item says. An edit that
 * would make the item inconsistent is refused naming why (422): a co-unit
 * that is the lead, a milestone outside today..deadline, a requirement that
 * reports have answered removed or reworded (answers point at it by its
 * place). New requirements apply to reports from now on; earlier reports are
 * not made incomplete. A co-unit added must 签收; one removed keeps its past
 * reports but leaves the item's units. Returns null when nothing changes.
 */
export function editItem(
  item: Item,
  edit: ItemEdit,
  context: { caller: Caller; now: Date; answeredRequirements: ReadonlySet<number> },
): { item: Item; event: HistoryEvent } | null {
  assertRole(context.caller, ['office'], 'Editing an item');
  assertAllowed('edit', item);
  const changes = fieldChanges(item, edit);
  if (Object.keys(changes).length === 0) return null;
  const today = shanghaiDate(context.now);
  const problems: ProblemDetail[] = [];

  if (edit.coUnits?.includes(item.leadUnit)) {
    throw new RuleViolation('lead-unit-also-co-unit', say('rule.lead-unit-also-co-unit'), [
      { path: 'coUnits', message: say('rule.contains-lead-unit', { leadUnit: item.leadUnit }) },
    ]);
  }
  if (changes.requirements && edit.requirements) {
    for (const index of [...context.answeredRequirements].sort((a, b) => a - b)) {
      if (edit.requirements[index] !== item.requirements[index]) {
        problems.push({
          path: `requirements.${index}`,
          message: say('rule.requirement-answered-detail', { index, requirement: item.requirements[index] ?? '' }),
          requirement: index,
        });
      }
    }
    if (problems.length > 0) throw new RuleViolation('requirement-answered', say('rule.requirement-answered'), problems);
  }
  if (changes.milestones && edit.milestones) {
    // Milestones already on the item may lie in the past; a new or moved one falls between today and the deadline.
    const kept = new Set(item.milestones.map((m) => JSON.stringify(m)));
    edit.milestones.forEach((m, index) => {
      if (kept.has(JSON.stringify(m))) return;
      if (m.dueDate > item.dueDate || m.dueDate < today) {
        problems.push({ path: `milestones.${index}.dueDate`, message: say('rule.outside-deadline') });
      }
    });
    if (problems.length > 0) throw new RuleViolation('milestone-outside-deadline', say('rule.milestone-outside-deadline'), problems);
  }

  const next: Partial<Item> = {};
  for (const [field, { after }] of Object.entries(changes)) (next as Record<string, unknown>)[field] = after ?? undefined;
  if (changes.coUnits && edit.coUnits) {
    // A unit removed no longer answers for the item: its 签收 goes (added again, it signs again); its reports stay.
    const stays = new Set([item.leadUnit, ...edit.coUnits]);
    next.acknowledgements = item.acknowledgements.filter((a) => stays.has(a.unitId));
  }
  if (changes.milestones || changes.reportEveryDays) {
    // The new cadence or milestones count from today.
    next.nextReportDue = firstReportDue(
      {
        reportEveryDays: edit.reportEveryDays === undefined ? item.reportEveryDays : (edit.reportEveryDays ?? undefined),
        milestones: edit.milestones ?? item.milestones,
      },
      today,
    );
  }
  return change(item, context.caller, context.now, 'item.edited', { changes }, next);
}

/** `POST /items/{id}/deadline`: the office moves the deadline by a decision, recorded like an approved extension. */
export interface DeadlineMove {
  dueDate: CalendarDate;
  reason: string;
  /** The decision (文件, 会议纪要, 领导批示) that moved it: the assessment can always say why a date moved. */
  decision: string;
}

export function moveDeadline(item: Item, move: DeadlineMove, context: { caller: Caller; now: Date }): { item: Item; event: HistoryEvent } {
  assertRole(context.caller, ['office'], 'Moving a deadline');
  assertAllowed('moveDeadline', item);
  const today = shanghaiDate(context.now);
  if (move.dueDate === item.dueDate) {
    throw new RuleViolation('deadline-unchanged', say('rule.deadline-unchanged', { dueDate: item.dueDate }), [
      { path: 'dueDate', message: say('rule.deadline-unchanged', { dueDate: item.dueDate }) },
    ]);
  }
  if (move.dueDate < today) {
    throw new RuleViolation('due-date-passed', say('rule.due-date-passed', { dueDate: move.dueDate, today }), [
      { path: 'dueDate', message: say('rule.not-in-past') },
    ]);
  }
  const beyond = item.milestones.map((m, index) => ({ m, index })).filter(({ m }) => m.dueDate > move.dueDate);
  if (beyond.length > 0) {
    throw new RuleViolation(
      'milestone-outside-deadline',
      say('rule.milestone-outside-deadline'),
      beyond.map(({ index }) => ({ path: `milestones.${index}.dueDate`, message: say('rule.outside-deadline') })),
    );
  }
  return change(
    item,
    context.caller,
    context.now,
    'deadline.moved',
    { previousDueDate: item.dueDate, newDueDate: move.dueDate, reason: move.reason, decision: move.decision },
    { dueDate: move.dueDate },
  );
}

/**
 * `POST /items/{id}/reassignment`: a new lead unit. The old lead keeps what
 * it did (its reports and their facts stay its own) and leaves the item;
 * from now on the new lead answers for it and is counted. A new lead that
 * was a co-unit stops being one. The item waits for the new lead's 签收 when
 * it was only acknowledged; a pending extension request of the old lead is
 * withdrawn (the caller writes it).
 */
export function reassign(
  item: Item,
  reassignment: { leadUnit: string; reason: string },
  context: { caller: Caller; now: Date },
): { item: Item; event: HistoryEvent } {
  assertRole(context.caller, ['office'], 'Reassigning an item');
  assertAllowed('reassign', item);
  if (reassignment.leadUnit === item.leadUnit) {
    throw new RuleViolation('same-lead-unit', say('rule.same-lead-unit', { leadUnit: item.leadUnit }), [
      { path: 'leadUnit', message: say('rule.same-lead-unit', { leadUnit: item.leadUnit }) },
    ]);
  }
  const newLead = reassignment.leadUnit;
  const signed = item.acknowledgements.some((a) => a.unitId === newLead);
  const coUnits = item.coUnits.filter((u) => u !== newLead);
  return change(
    item,
    context.caller,
    context.now,
    'item.reassigned',
    {
      previousLeadUnit: item.leadUnit,
      leadUnit: newLead,
      reason: reassignment.reason,
      ...(coUnits.length !== item.coUnits.length ? { coUnits: { before: item.coUnits, after: coUnits } } : {}),
      ...(item.pendingExtension ? { withdrawnExtension: item.pendingExtension } : {}),
    },
    {
      leadUnit: newLead,
      coUnits,
      acknowledgements: item.acknowledgements.filter((a) => a.unitId !== item.leadUnit),
      status: item.status === 'acknowledged' && !signed ? 'assigned' : item.status,
      pendingExtension: undefined,
    },
  );
}

/**
 * `POST /items/{id}/withdrawal`: 撤销, by the government's decision. The item
 * becomes `withdrawn`, a terminal state beside closed: it leaves the Due
 * indexes (no reminder, warning or criticism ever again) and is not counted
 * in the assessment. A pending extension request is withdrawn with it.
 */
export function withdrawItem(
  item: Item,
  withdrawal: { reason: string; decision: string },
  context: { caller: Caller; now: Date },
): { item: Item; event: HistoryEvent } {
  assertRole(context.caller, ['office'], 'Withdrawing an item');
  assertAllowed('withdraw', item);
  return change(
    item,
    context.caller,
    context.now,
    'item.withdrawn',
    {
      reason: withdrawal.reason,
      decision: withdrawal.decision,
      previousStatus: item.status,
      ...(item.pendingExtension ? { withdrawnExtension: item.pendingExtension } : {}),
    },
    { status: 'withdrawn', pendingExtension: undefined },
  );
}
