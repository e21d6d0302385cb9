import {
  assessUnit,
  notExcellentMark,
  onTimeRate,
  tallyUnits,
  type UnitAssessment,
  type UnitTally,
  withReportQuality,
  withSupervision,
} from '../domain/assessment';
import type { CalendarDate } from '../domain/calendar';
import type { Unit } from '../domain/units';
import { withImportedPastDue } from './imported-past-due';
import type { AssessmentFacts, DueQueries, Markers, OfficeRegistry, OfficeSummaries, UnitRepository } from './ports';

export interface AssessmentDeps {
  facts: AssessmentFacts;
  due: Pick<DueQueries, 'itemsDue'>;
  units: Pick<UnitRepository, 'all'>;
  markers: Pick<Markers, 'unmarked'>;
  /**
   * 一级抓一级: the offices directly below (whose governments are units here) and their summaries, with the weight of
   * their supervision in their government's assessment. Absent, every unit is assessed on its own items alone.
   */
  supervision?: {
    offices: Pick<OfficeRegistry, 'subtree'>;
    summaries: Pick<OfficeSummaries, 'of'>;
    weight: number;
  };
  /** 报送内容's weight (REPORT_QUALITY_WEIGHT); absent or 0, it shows in the figures and counts for nothing. */
  reportQualityWeight?: number;
}

export interface UnitAssessmentRow extends UnitTally, UnitAssessment {
  unitId: string;
  name: string;
  kind: Unit['kind'];
  onTimeRate: number | null;
  /** A government with an office of its own: that office's on-time rate, its weight, and the unit's own score. */
  supervision?: { office: string; onTimeRate: number; weight: number; ownScore: number };
}

export interface YearAssessment {
  year: number;
  asOf: CalendarDate;
  units: UnitAssessmentRow[];
}

/** The office and the leaders supervise; they are not assessed. */
const assessed = (unit: Unit) => unit.kind !== 'office' && unit.kind !== 'leadership';

/**
 * 年度考核 of every responsible unit: the year's facts (one Query of the
 * year's partition), its open items due in the year (a range of the Due
 * index), and the one-week check's not-excellent marks (one BatchGet).
 * Open items count as late when their deadline is before `asOf` (see lateOn).
 */
export async function assessUnits(deps: AssessmentDeps, year: number, asOf: CalendarDate): Promise<YearAssessment> {
  const units = (await deps.units.all()).filter(assessed);
  const refs = units.map((u) => notExcellentMark(u.id, year));
  const [facts, due, unmarked] = await Promise.all([
    deps.facts.ofYear(year),
    deps.due.itemsDue(`${year}-01-01`, `${year}-12-31`),
    deps.markers.unmarked(refs),
  ]);
  const openDue = await withImportedPastDue(deps.markers, due, asOf);
  const notMarked = new Set(unmarked);
  const marked = new Set(units.filter((_, i) => !notMarked.has(refs[i]!)).map((u) => u.id));
  const tallies = tallyUnits(
    units.map((u) => u.id),
    facts,
    openDue,
    marked,
    asOf,
  );
  const below = await supervisionOf(deps.supervision, year);
  const rows = units.map((unit): UnitAssessmentRow => {
    const tally = tallies.get(unit.id)!;
    const office = below.get(unit.id);
    const { supervision, ...supervised } = withSupervision(assessUnit(tally), office, deps.supervision?.weight ?? 0);
    const { reportQuality, ...assessment } = withReportQuality(supervised, tally, deps.reportQualityWeight ?? 0);
    return {
      unitId: unit.id,
      name: unit.name,
      kind: unit.kind,
      ...tally,
      onTimeRate: onTimeRate(tally),
      ...assessment,
      ...(supervision && office ? { supervision: { office: office.id, ...supervision } } : {}),
      ...(reportQuality ? { reportQuality } : {}),
    };
  });
  // Units not assessed (未参评, score null) come last.
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.unitId.localeCompare(b.unitId));
  return { year, asOf, units: rows };
}

/**
 * For each government of this office's roster that has an office of its own (directly below): that office's id and
 * its on-time rate in the year, from its latest summary (one record per office); none when the summary is of
 * another year.
 */
async function supervisionOf(supervision: AssessmentDeps['supervision'], year: number) {
  const byUnit = new Map<string, { id: string; onTimeRate: number | null }>();
  if (!supervision || supervision.weight <= 0) return byUnit;
  // The subtree lists parents first: the office assessing comes first.
  const { offices } = await supervision.offices.subtree();
  const here = offices[0]?.id;
  const children = offices.filter((o) => o.parentId !== undefined && o.parentId === here && o.unitId !== undefined);
  const summaries = await supervision.summaries.of(children.map((o) => o.id));
  for (const office of children) {
    const summary = summaries.get(office.id);
    if (summary && summary.completion.year === year)
      byUnit.set(office.unitId as string, { id: office.id, onTimeRate: summary.completion.onTimeRate });
  }
  return byUnit;
}
