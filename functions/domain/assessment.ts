import { addDays, shanghaiDate, type CalendarDate } from './calendar';
import type { HistoryEvent } from './history';
import { lateOn } from './completion';
import type { Item, ItemStatus, Source } from './items';
import { RECTIFICATION_DAYS, type Notice, type RectificationObligation } from './notices';
import type { Report } from './reports';

/**
 * 考核: the yearly assessment of each responsible unit (rule 4 of the notice).
 *
 * What the assessment counts is kept as it happens, one small *fact* per
 * thing that counts (an item closed, a report made, a notice received, a
 * rectification late), written in the same transaction as the change that
 * makes it and keyed by what it counts, so a retried or re-run write cannot
 * count anything twice. A year's assessment reads that year's facts and the
 * open items due in the year, never the whole ledger.
 */
export const factKinds = [
  'closed-on-time',
  'closed-late',
  'report-on-time',
  'report-late',
  'notice-office',
  'notice-government',
  'rectification-late',
  // 报送内容 (issue 27): a report the content rules found something in, and a report the office returned.
  'report-with-findings',
  'report-returned',
] as const;
export type FactKind = (typeof factKinds)[number];

export interface AssessmentFact {
  year: number;
  kind: FactKind;
  /** What is counted, unique within its kind: the item, report or notice id (notice and unit for a rectification). */
  ref: string;
  /** Whom it counts for: one unit, or every unit a notice names (one fact per notice keeps its write to one record). */
  unitIds: string[];
  /** Closed items keep their source, for the overview's counts, and their leader in charge, for a leader's overview. */
  source?: Source;
  leaderInCharge?: string;
}

export const yearOf = (date: CalendarDate) => Number(date.slice(0, 4));

/**
 * The facts a change of an item makes. An item counts in the year of its
 * deadline (完成时限, after any approved extension), against its lead unit:
 * closed on time when the completion that verification accepted was claimed
 * by the deadline, so the office's own verification delay never makes a
 * unit late. A report counts for the unit that made it, in the year it was
 * made.
 */
export function itemChangeFacts(after: Item, event: HistoryEvent, reports: readonly Report[]): AssessmentFact[] {
  const facts: AssessmentFact[] = reports.flatMap((report): AssessmentFact[] => {
    const year = yearOf(shanghaiDate(new Date(report.submittedAt)));
    return [
      { year, unitIds: [report.unitId], kind: report.onTime ? 'report-on-time' : 'report-late', ref: report.id },
      ...(report.findings?.length ? [{ year, unitIds: [report.unitId], kind: 'report-with-findings' as const, ref: report.id }] : []),
    ];
  });
  if (event.type === 'report.returned' && typeof event.data.unitId === 'string' && typeof event.data.reportId === 'string')
    facts.push({
      year: yearOf(shanghaiDate(new Date(event.at))),
      unitIds: [event.data.unitId],
      kind: 'report-returned',
      ref: event.data.reportId,
    });
  if (event.type === 'verification.passed') {
    const claimedOn = after.completionClaimedOn ?? shanghaiDate(new Date(event.at));
    facts.push({
      year: yearOf(after.dueDate),
      unitIds: [after.leadUnit],
      kind: claimedOn <= after.dueDate ? 'closed-on-time' : 'closed-late',
      ref: after.id,
      source: after.source,
      ...(after.leaderInCharge ? { leaderInCharge: after.leaderInCharge } : {}),
    });
  }
  return facts;
}

/** A notice counts against every unit it names (通报批评), in the year it was issued. */
export function noticeFact(notice: Pick<Notice, 'id' | 'level' | 'unitIds' | 'issuedAt'>): AssessmentFact {
  return {
    year: yearOf(shanghaiDate(new Date(notice.issuedAt))),
    kind: notice.level === 'office' ? 'notice-office' : 'notice-government',
    ref: notice.id,
    unitIds: [...notice.unitIds],
  };
}

/** The year of the notice an obligation answers: the rectification falls due a week after it. */
export const noticeYearOf = (obligation: Pick<RectificationObligation, 'due'>) => yearOf(addDays(obligation.due, -RECTIFICATION_DAYS));

/**
 * A rectification handed in after its week, or never (escalated by the
 * one-week check). Both write this same fact, so a unit escalated and then
 * rectifying late counts once.
 */
export function lateRectificationFact(obligation: Pick<RectificationObligation, 'noticeId' | 'unitId' | 'due'>): AssessmentFact {
  return {
    year: noticeYearOf(obligation),
    kind: 'rectification-late',
    ref: `${obligation.noticeId}#${obligation.unitId}`,
    unitIds: [obligation.unitId],
  };
}

/** Rule 4's mark, set by the one-week check: a unit criticised and unrectified in a year cannot be graded 优秀 that year. */
export const notExcellentMark = (unitId: string, year: number) => ({ on: { unit: unitId }, what: ['not-excellent', String(year)] });

/** What the assessment counts for one unit in one year. */
export interface UnitTally {
  itemsLed: number;
  closedOnTime: number;
  closedLate: number;
  openLate: number;
  openOnSchedule: number;
  reportsOnTime: number;
  reportsLate: number;
  noticesOffice: number;
  noticesGovernment: number;
  rectificationsLate: number;
  /** 报送内容: its reports of the year the content rules found something in, and those the office returned. */
  reportsWithFindings: number;
  reportsReturned: number;
  /** Marked by the one-week check (rectification-check) for a notice of this year it ignored. */
  markedNotExcellent: boolean;
}

export const emptyTally = (): UnitTally => ({
  itemsLed: 0,
  closedOnTime: 0,
  closedLate: 0,
  openLate: 0,
  openOnSchedule: 0,
  reportsOnTime: 0,
  reportsLate: 0,
  noticesOffice: 0,
  noticesGovernment: 0,
  rectificationsLate: 0,
  reportsWithFindings: 0,
  reportsReturned: 0,
  markedNotExcellent: false,
});

const counterOf: Record<FactKind, keyof Omit<UnitTally, 'markedNotExcellent' | 'itemsLed' | 'openLate' | 'openOnSchedule'>> = {
  'closed-on-time': 'closedOnTime',
  'closed-late': 'closedLate',
  'report-on-time': 'reportsOnTime',
  'report-late': 'reportsLate',
  'notice-office': 'noticesOffice',
  'notice-government': 'noticesGovernment',
  'rectification-late': 'rectificationsLate',
  'report-with-findings': 'reportsWithFindings',
  'report-returned': 'reportsReturned',
};

/** An open item due in the assessed year, as the Due index holds it. */
export interface OpenItemDue {
  leadUnit: string;
  dueDate: CalendarDate;
  status: ItemStatus;
  completionClaimedOn?: CalendarDate;
  /** Imported already past this deadline (ledger-import.ts importedPastDueMark): never counted late for it. */
  importedPastDue?: boolean;
}

/**
 * Per unit: the year's facts, plus its open items due in the year — late
 * when their deadline is before `asOf` (the day the assessment is read),
 * unless completion was claimed by the deadline and awaits verification.
 * Items led = closed + still open, all with a deadline in the year.
 */
export function tallyUnits(
  unitIds: readonly string[],
  facts: readonly AssessmentFact[],
  openDue: readonly OpenItemDue[],
  markedNotExcellent: ReadonlySet<string>,
  asOf: CalendarDate,
): Map<string, UnitTally> {
  const tallies = new Map(unitIds.map((id) => [id, { ...emptyTally(), markedNotExcellent: markedNotExcellent.has(id) }]));
  for (const fact of facts) {
    for (const unitId of new Set(fact.unitIds)) {
      const tally = tallies.get(unitId);
      if (tally) tally[counterOf[fact.kind]] += 1;
    }
  }
  for (const item of openDue) {
    const tally = tallies.get(item.leadUnit);
    if (!tally) continue;
    if (lateOn(item, asOf)) tally.openLate += 1;
    else tally.openOnSchedule += 1;
  }
  for (const tally of tallies.values()) tally.itemsLed = tally.closedOnTime + tally.closedLate + tally.openLate + tally.openOnSchedule;
  return tallies;
}

/** 未参评: nothing counted for the unit in the year (no item led, no report, no notice): not assessed, never 优秀 by default. */
export const grades = ['优秀', '良好', '合格', '不合格', '未参评'] as const;
export type Grade = (typeof grades)[number];

/**
 * The scoring rule, as the README's table states it: 100 points, less a
 * deduction per failing, never below 0. Each row is one line here so the
 * table and the code can be read side by side.
 */
export const DEDUCTIONS = {
  closedLate: 5, //          督查事项逾期办结, each
  openLate: 8, //            督查事项逾期未办结, each
  reportsLate: 2, //         逾期报送进展, each
  noticesOffice: 5, //       被督查室通报批评, each
  noticesGovernment: 10, //  被以政府名义通报, each
  rectificationsLate: 10, // 未按期报送整改报告, each
} as const satisfies Partial<Record<keyof UnitTally, number>>;

/** Grade thresholds: the lowest score of each grade. */
export const GRADE_FLOORS: readonly [Exclude<Grade, '未参评'>, number][] = [
  ['优秀', 90],
  ['良好', 80],
  ['合格', 60],
  ['不合格', 0],
];

export interface UnitAssessment {
  /** null when the unit is not assessed (未参评). */
  score: number | null;
  grade: Grade;
  /**
   * Rule 4: a unit criticised in any notice of the year (or marked by the
   * one-week check) can never be 优秀, whatever its score; its grade stops at 良好.
   */
  excellentEligible: boolean;
}

/**
 * Whether anything counted for the unit in the year. A unit with nothing (a
 * new unit, one whose items were all withdrawn) is 未参评: 100 / 优秀 would
 * say it excelled at work it was never given.
 */
export function assessed(tally: UnitTally): boolean {
  const { markedNotExcellent, ...counts } = tally;
  return markedNotExcellent || Object.values(counts).some((n) => n > 0);
}

/** The grade of a score (GRADE_FLOORS), which rule 4 stops at 良好 for a unit not eligible for 优秀. */
function gradeOf(score: number, excellentEligible: boolean): Exclude<Grade, '未参评'> {
  const byScore = (GRADE_FLOORS.find(([, floor]) => score >= floor) ?? GRADE_FLOORS[GRADE_FLOORS.length - 1]!)[0];
  return byScore === '优秀' && !excellentEligible ? '良好' : byScore;
}

/** A weighted part blended into a score: (1 − weight) × score + weight × 100 × rate, to one decimal. */
const blend = (score: number, rate: number, weight: number): number => Math.round(((1 - weight) * score + weight * 100 * rate) * 10) / 10;

export function assessUnit(tally: UnitTally): UnitAssessment {
  if (!assessed(tally)) return { score: null, grade: '未参评', excellentEligible: false };
  const deducted = (Object.keys(DEDUCTIONS) as (keyof typeof DEDUCTIONS)[]).reduce((sum, key) => sum + tally[key] * DEDUCTIONS[key], 0);
  const score = Math.max(0, 100 - deducted);
  const excellentEligible = tally.noticesOffice + tally.noticesGovernment === 0 && !tally.markedNotExcellent;
  const grade = gradeOf(score, excellentEligible);
  return { score, grade, excellentEligible };
}

/** On-time completion rate: items closed on time over all whose deadline has come (closed, or open and late); null when none has. */
export function onTimeRate(t: Pick<UnitTally, 'closedOnTime' | 'closedLate' | 'openLate'>): number | null {
  const judged = t.closedOnTime + t.closedLate + t.openLate;
  return judged === 0 ? null : Math.round((t.closedOnTime / judged) * 1000) / 1000;
}

/**
 * 一级抓一级, measured: a government that has an office of its own (a county under the city) is assessed on its own
 * items and, with `weight`, on how its office kept its ledger: its on-time rate in the year (the county office's
 * summary). Score = (1 − weight) × its own score + weight × 100 × the office's on-time rate, to one decimal; the
 * grade follows the blended score, and rule 4 (a criticised unit is never 优秀) still holds. Without a rate (no
 * deadline of the office's came in the year, or no summary yet) the unit's own score stands.
 */
export function withSupervision(
  own: UnitAssessment,
  office: { onTimeRate: number | null } | undefined,
  weight: number,
): UnitAssessment & { supervision?: { onTimeRate: number; weight: number; ownScore: number } } {
  if (own.score === null || !office || office.onTimeRate === null || weight <= 0) return own;
  const score = blend(own.score, office.onTimeRate, weight);
  const grade = gradeOf(score, own.excellentEligible);
  return {
    score,
    grade,
    excellentEligible: own.excellentEligible,
    supervision: { onTimeRate: office.onTimeRate, weight, ownScore: own.score },
  };
}

/** The weight of a government's own office's supervision in its assessment, unless SUPERVISION_WEIGHT says otherwise. */
export const DEFAULT_SUPERVISION_WEIGHT = 0.2;

/**
 * 报送内容 in the assessment (issue 27), with `weight` (REPORT_QUALITY_WEIGHT, default 0: the office decides whether
 * it counts): score = (1 − weight) × the score so far + weight × 100 × the share of the unit's reports of the year
 * the content rules found nothing in. A unit with no report of the year keeps its score; rule 4 still holds.
 */
export function withReportQuality(
  assessment: UnitAssessment,
  tally: Pick<UnitTally, 'reportsOnTime' | 'reportsLate' | 'reportsWithFindings'>,
  weight: number,
): UnitAssessment & { reportQuality?: { cleanShare: number; weight: number; scoreBefore: number } } {
  const reports = tally.reportsOnTime + tally.reportsLate;
  if (assessment.score === null || reports === 0 || weight <= 0) return assessment;
  const cleanShare = Math.round(((reports - Math.min(reports, tally.reportsWithFindings)) / reports) * 1000) / 1000;
  const score = blend(assessment.score, cleanShare, weight);
  const grade = gradeOf(score, assessment.excellentEligible);
  return {
    score,
    grade,
    excellentEligible: assessment.excellentEligible,
    reportQuality: { cleanShare, weight, scoreBefore: assessment.score },
  };
}

/** The weight of 报送内容 in the assessment unless REPORT_QUALITY_WEIGHT says otherwise: none, until the office decides. */
export const DEFAULT_REPORT_QUALITY_WEIGHT = 0;
