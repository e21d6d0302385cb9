import type { CalendarDate } from './calendar';
import type { QualityKind } from './report-quality';
import type { CopyFlag } from './similarity-flags';
import type { DueRule } from './due-rule';

/**
 * What an item is and what it records: types and accessors only. The rules
 * that make and change items live in their own modules (registration,
 * acknowledgement, reports, extensions, completion, verification), which
 * import this one and never the other way round. They are named for the rule,
 * the use cases for the user's action: `newItem` (立项派发) under the use case
 * `registerItem`, `acceptReport` under `submitReport`, `applyExtensionDecision`
 * under `decideExtension`.
 */

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

/**
 * assigned → acknowledged (签收) → in-progress → completion-claimed → closed (核查通过);
 * withdrawn (撤销) from any open status, by the office: a terminal state beside closed.
 */
export const itemStatuses = ['assigned', 'acknowledged', 'in-progress', 'completion-claimed', 'closed', 'withdrawn'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Closed and withdrawn are terminal: such an item is out of the Due indexes and every job's reach. */
export const terminalStatuses = ['closed', 'withdrawn'] as const satisfies readonly ItemStatus[];
export const isOpen = (status: ItemStatus): boolean => !(terminalStatuses as readonly ItemStatus[]).includes(status);

/** 核查: at the desk, by a site visit, or unannounced (暗查暗访, 不打招呼). */
export const verificationMethods = ['desk', 'site', 'unannounced'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

/** A verification's outcome, as the office or an inspector gives it (verification.ts applies it). */
export interface Verification {
  method: VerificationMethod;
  passed: boolean;
  findings: string;
}

export interface Milestone {
  title: string;
  dueDate: CalendarDate;
}

/** What the office gives when it puts a decision into the ledger (registration.ts checks it). */
export interface ItemRegistration {
  title: string;
  description: string;
  source: Source;
  sourceRef: string;
  leadUnit: string;
  coUnits: string[];
  dueDate: CalendarDate;
  /** How `dueDate` was derived when it was given in working days (working-days.ts). */
  dueRule?: DueRule;
  requirements: string[];
  projectType: boolean;
  reportEveryDays?: number;
  milestones: Milestone[];
  /** 分管领导: the leaderId of a person of a `leadership` unit, who follows this item as their portfolio. */
  leaderInCharge?: string;
  /**
   * 分解下达: the item of the office above this one was made of (its office and id), set by the cascade only. The
   * office above reads this item's state beside its own; this item's lights and notices are this office's, never
   * counted against the parent's units, and the parent's never against this office's units.
   */
  parent?: { office: string; itemId: string };
}

/** A report the office returned (退回重报, reports.ts returnReport): when, why, and the date it is owed again by. */
export interface ReturnedReport {
  reportId: string;
  unitId: string;
  at: string;
  reason: string;
  reportAgainBy: CalendarDate;
}

/** One matter under supervision (督查事项): a row of the ledger — its registration and where it stands. */
export interface Item extends ItemRegistration {
  id: string;
  status: ItemStatus;
  /** The next report date: the cadence's next date or the next milestone, whichever is first (report-dates.ts). */
  nextReportDue?: CalendarDate;
  /** 签收: which responsible units have confirmed receipt, and when. */
  acknowledgements: { unitId: string; at: string }[];
  /** The latest reported progress, and each unit's own latest (a fall needs explaining). */
  percentComplete?: number;
  progressByUnit: Record<string, number>;
  lastReportAt?: string;
  /** When the lead unit last reported: a completion claim after a failed 核查 needs a report made since (completion.ts). */
  leadReportedAt?: string;
  /** The extension request awaiting the office's decision, if any. */
  pendingExtension?: string;
  lastVerification?: Verification & { at: string };
  /** The Shanghai date of the latest completion claim: judged against the deadline when verification closes the item. */
  completionClaimedOn?: CalendarDate;
  /** Reports and completion claims that look copied (纸面销号): for the office's eyes. */
  copyFlags?: CopyFlag[];
  /** What the notice's content rules found in the latest report, by kind (report-quality.ts); none when it found nothing. */
  reportFindings?: QualityKind[];
  /** Reports the office returned (退回重报), each with its reason and the date it is owed again by. */
  returnedReports?: ReturnedReport[];
  /** Brought in from an existing ledger (POST /items/import): its deadline may have passed before it was registered here. */
  imported?: true;
  /** The day (Shanghai) it was imported: a deadline before it is the import's, never the unit's lateness. */
  importedOn?: CalendarDate;
  /** 备注 of the imported ledger, as written. */
  note?: string;
  /** 进展情况 of the imported ledger: the office's record of where it stood, not a report of the unit. */
  progress?: { text: string; asOf: CalendarDate };
  /** 完成时限 as the ledger wrote it, when words (2026年12月底前, 长期坚持). */
  dueWords?: string;
  /** 长期坚持 / 常态化: no deadline of its own; reviewed every reportEveryDays, assessed at its year's end (dueDate). */
  standing?: true;
  /** Imported as 已办结 on this day (the ledger said it was done). */
  importedClosedOn?: CalendarDate;
  registeredAt: string;
  updatedAt: string;
  /** Optimistic-lock counter: every change is written as `version = expected`. */
  version: number;
  /** The seq of the item's latest history event. */
  lastSeq: number;
}

/** The units answerable for an item: the lead first, then the co-units. */
export function responsibleUnits(item: Pick<Item, 'leadUnit' | 'coUnits'>): string[] {
  return [item.leadUnit, ...item.coUnits];
}
