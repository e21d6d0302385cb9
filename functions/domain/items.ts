import { shanghaiDate, type CalendarDate } from './calendar';
import type { Actor, Caller } from './caller';
import { say } from '../messages/message';
import { Forbidden, RuleViolation } from './errors';
import type { HistoryEvent } from './history';
import { firstReportDue } from './reports';
import type { CopyFlag } from './similarity-flags';
import type { VerificationMethod } from './verification';

/**
 * The notice's six tasks (NPC suggestions and CPPCC proposals apart):
 * where a matter under supervision comes from.
 */
export const sources = [
  'work-report', // 《政府工作报告》重点工作
  'meeting-decision', // 政府重要会议决定事项
  'npc-suggestion', // 人大代表建议
  'cppcc-proposal', // 政协提案
  'leader-instruction', // 领导批示件
  'media-report', // 新闻媒体反映的重大问题
  'leader-assignment', // 领导交办的其他重大事项
] as const;
export type Source = (typeof sources)[number];

/** assigned → acknowledged (签收) → in-progress → completion-claimed → closed (核查通过). */
export const itemStatuses = ['assigned', 'acknowledged', 'in-progress', 'completion-claimed', 'closed'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export interface Milestone {
  title: string;
  dueDate: CalendarDate;
}

/** One matter under supervision (督查事项): a row of the ledger. */
export interface Item {
  id: string;
  title: string;
  description: string;
  source: Source;
  sourceRef: string;
  leadUnit: string;
  coUnits: string[];
  dueDate: CalendarDate;
  requirements: string[];
  projectType: boolean;
  reportEveryDays?: number;
  milestones: Milestone[];
  status: ItemStatus;
  /** The next report date: the cadence's next date or the next milestone, whichever is first. */
  nextReportDue?: CalendarDate;
  /** 签收: which responsible units have confirmed receipt, and when. */
  acknowledgements: { unitId: string; at: string }[];
  /** The latest reported progress, and each unit's own latest (a fall needs explaining). */
  percentComplete?: number;
  progressByUnit: Record<string, number>;
  lastReportAt?: string;
  /** The extension request awaiting the office's decision, if any. */
  pendingExtension?: string;
  lastVerification?: { method: VerificationMethod; passed: boolean; findings: string; at: string };
  /** The Shanghai date of the latest completion claim: judged against the deadline when verification closes the item. */
  completionClaimedOn?: CalendarDate;
  /** Reports and completion claims that look copied (纸面销号): for the office's eyes. */
  copyFlags?: CopyFlag[];
  registeredAt: string;
  updatedAt: string;
  /** Optimistic-lock counter: every change is written as `version = expected`. */
  version: number;
  /** The seq of the item's latest history event. */
  lastSeq: number;
}

export interface ItemRegistration {
  title: string;
  description: string;
  source: Source;
  sourceRef: string;
  leadUnit: string;
  coUnits: string[];
  dueDate: CalendarDate;
  requirements: string[];
  projectType: boolean;
  reportEveryDays?: number;
  milestones: Milestone[];
}

/** The units answerable for an item: the lead first, then the co-units. */
export function responsibleUnits(item: Pick<Item, 'leadUnit' | 'coUnits'>): string[] {
  return [item.leadUnit, ...item.coUnits];
}

/**
 * 立项派发: the office puts a decision into the ledger and dispatches it to
 * its units. The deadline cannot already have passed, and milestones fall
 * within it; the registration is the item's first history event.
 */
export function registerItem(
  input: ItemRegistration,
  context: { id: string; actor: Caller; now: Date },
): { item: Item; event: HistoryEvent } {
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
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Keep only what identifies the actor; claims carry nothing else. */
export function actorOf(caller: Caller): Actor {
  return caller.unitId ? { sub: caller.sub, role: caller.role, unitId: caller.unitId } : { sub: caller.sub, role: caller.role };
}
