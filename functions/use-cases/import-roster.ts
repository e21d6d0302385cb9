import type { Caller } from '../domain/caller';
import { assertRole } from '../domain/access';
import { Conflict, RuleViolation } from '../domain/errors';
import type { Cell } from '../domain/ledger-reading';
import { readRoster, rosterUnitId, unitKindOf } from '../domain/roster-reading';
import { assertNamesFree } from '../domain/unit-edits';
import { nameKey } from '../domain/unit-names';
import { newUnit, type UnitRegistration } from '../domain/units';
import { type Message, say } from '../messages/message';
import type { Clock, UnitRepository } from './ports';

export interface ImportRosterDeps {
  units: UnitRepository;
  clock: Clock;
}

/** The rules of POST /units (its zod schema), given by the HTTP edge: the registration, or its problems by field path. */
export type ValidateUnit = (
  input: Record<string, unknown>,
) => { input: UnitRegistration } | { problems: { path: string; message: Message }[] };

export interface RosterOutcome {
  row: number;
  name: string;
  unitId: string;
  kind: UnitRegistration['kind'];
  /** `create` in a preview, `created` when written; `exists` when the roster has a unit of that name or code. */
  status: 'create' | 'created' | 'exists' | 'invalid';
  contacts: { name: string; email: string; role: 'head' | 'liaison' }[];
  problems: { path?: string; message: Message }[];
}

/**
 * 单位名册导入 (office): each unit of the sheet with its contacts (负责人, 联络员) registered as POST /units would,
 * its code the file's 单位编码 or one made from its name (stable, so the same file again finds the units it made).
 * A unit the roster already has (by name, 简称, alias or code) is left as it is; rows with problems are answered,
 * not written, while the others are.
 */
export async function importRoster(
  deps: ImportRosterDeps,
  caller: Caller,
  table: readonly (readonly Cell[])[],
  validate: ValidateUnit,
  options: { dryRun: boolean },
): Promise<{ dryRun: boolean; headerRow: number; units: RosterOutcome[] }> {
  assertRole(caller, ['office'], 'Importing the roster');
  const reading = readRoster(table);
  if (reading.missing.length > 0) {
    const message = say('import.columns-missing', { columns: reading.missing });
    throw new RuleViolation('import-columns-missing', message, [{ path: 'file', message }]);
  }
  const roster = await deps.units.all();
  const known = (name: string, id: string) =>
    roster.find(
      (u) => u.id === id || [u.name, u.shortName, ...(u.aliases ?? [])].some((n) => n !== undefined && nameKey(n) === nameKey(name)),
    );
  const outcomes: (RosterOutcome & { input?: UnitRegistration })[] = reading.units.map((unit) => {
    const unitId = unit.id ?? rosterUnitId(unit.name);
    const kind = unitKindOf(unit.kindText, unit.name);
    const contacts = unit.contacts.map(({ name, email, role }) => ({ name, email, role }));
    const base = { row: unit.row, name: unit.name, unitId, kind, contacts };
    const existing = known(unit.name, unitId);
    if (existing) return { ...base, unitId: existing.id, status: 'exists', problems: [] };
    const checked = validate({ id: unitId, name: unit.name, ...(unit.shortName ? { shortName: unit.shortName } : {}), kind, contacts });
    if ('problems' in checked) return { ...base, status: 'invalid', problems: checked.problems };
    try {
      assertNamesFree(checked.input, roster);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      return { ...base, status: 'invalid', problems: error.details };
    }
    return { ...base, status: 'create', problems: [], input: checked.input };
  });
  if (!options.dryRun) {
    for (const outcome of outcomes) {
      if (outcome.status !== 'create' || !outcome.input) continue;
      try {
        await deps.units.register(newUnit(outcome.input, deps.clock.now()));
        outcome.status = 'created';
      } catch (error) {
        // Registered meanwhile (the same file sent twice at once).
        if (!(error instanceof Conflict)) throw error;
        outcome.status = 'exists';
      }
    }
  }
  return { dryRun: options.dryRun, headerRow: reading.headerRow, units: outcomes.map(({ input: _input, ...o }) => o) };
}
