import { assessUnit, notExcellentMark, onTimeRate, tallyUnits, type UnitAssessment, type UnitTally } from '../domain/assessment';
import type { CalendarDate } from '../domain/calendar';
import type { Unit } from '../domain/units';
import { withImportedPastDue } from './imported-past-due';
import type { AssessmentFacts, DueQueries, Markers, UnitRepository } from './ports';

export interface AssessmentDeps {
  facts: AssessmentFacts;
  due: Pick<DueQueries, 'itemsDue'>;
  units: Pick<UnitRepository, 'all'>;
  markers: Pick<Markers, 'unmarked'>;
}

export interface UnitAssessmentRow extends UnitTally, UnitAssessment {
  unitId: string;
  name: string;
  kind: Unit['kind'];
  onTimeRate: number | null;
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
  const rows = units.map((unit): UnitAssessmentRow => {
    const tally = tallies.get(unit.id)!;
    return { unitId: unit.id, name: unit.name, kind: unit.kind, ...tally, onTimeRate: onTimeRate(tally), ...assessUnit(tally) };
  });
  // Units not assessed (未参评, score null) come last.
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.unitId.localeCompare(b.unitId));
  return { year, asOf, units: rows };
}
