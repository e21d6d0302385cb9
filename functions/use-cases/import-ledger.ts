import type { Caller } from '../domain/caller';
import { shanghaiDate } from '../domain/calendar';
import { Conflict, RuleViolation, type ProblemDetail } from '../domain/errors';
import type { ItemRegistration } from '../domain/items';
import {
  type Cell,
  type ImportProblem,
  importedItemId,
  MAX_IMPORT_ROWS,
  newImportedItem,
  pastDeadlineMarks,
  registrationOf,
  rowsOf,
  textOf,
} from '../domain/ledger-import';
import { say } from '../messages/message';
import type { Clock, ItemRepository, Markers, UnitRepository } from './ports';

export interface ImportLedgerDeps {
  items: ItemRepository;
  units: UnitRepository;
  markers: Markers;
  clock: Clock;
}

/** The rules of registration the HTTP edge checks (its zod schema), given to the use case: a row's input or its problems. */
export type ValidateRegistration = (input: Record<string, unknown>) => { input: ItemRegistration } | { problems: ImportProblem[] };

/** `create` in a dry run, `created` when written; `exists` when an earlier import made it; `invalid` with its problems. */
export type RowOutcome = 'create' | 'created' | 'exists' | 'invalid';

export interface ImportedRow {
  row: number;
  title: string;
  status: RowOutcome;
  itemId?: string;
  /** Its deadline passed before the import: kept, never warned of or criticised for. */
  pastDue?: boolean;
  problems: ImportProblem[];
}

export interface ImportResult {
  dryRun: boolean;
  rows: ImportedRow[];
}

/**
 * 导入台账. A dry run answers what each row would become and every row's problems, writing nothing.
 * The real run refuses the whole file (422, nothing written) when any row has a problem, else
 * writes each new row's item; an item's id is made from its row's content, so importing the same
 * file again finds every item made and creates nothing twice (a run cut short is completed by the next).
 */
export async function importLedger(
  deps: ImportLedgerDeps,
  caller: Caller,
  table: readonly (readonly Cell[])[],
  validate: ValidateRegistration,
  options: { dryRun: boolean },
): Promise<ImportResult> {
  const { rows, missingColumns } = rowsOf(table);
  if (missingColumns.length > 0) {
    throw new RuleViolation('import-columns-missing', say('import.columns-missing', { columns: missingColumns }), [
      { path: 'file', message: say('import.columns-missing', { columns: missingColumns }) },
    ]);
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new RuleViolation('import-too-large', say('import.too-many-rows', { rows: rows.length, max: MAX_IMPORT_ROWS }));
  }
  const units = await deps.units.all();
  const firstRowOf = new Map<string, number>();
  const planned = rows.map((row) => {
    const { input: raw, problems } = registrationOf(row, units);
    const checked = validate(raw);
    const title = textOf(row.cells.督查事项);
    // A column the row's own reading found wrong (an unknown unit) is not said wrong a second time by the schema.
    const said = new Set(problems.map((p) => p.column));
    if ('problems' in checked)
      return { row: row.row, title, problems: [...problems, ...checked.problems.filter((p) => !said.has(p.column))] };
    if (problems.length > 0) return { row: row.row, title, problems };
    const id = importedItemId(checked.input);
    const first = firstRowOf.get(id);
    if (first !== undefined) return { row: row.row, title, problems: [{ message: say('import.duplicate-row', { row: first }) }] };
    firstRowOf.set(id, row.row);
    return { row: row.row, title, problems: [], input: checked.input, id };
  });
  const ids = planned.flatMap((p) => (p.id ? [p.id] : []));
  const missing = new Set(await deps.items.missing(ids));
  const today = shanghaiDate(deps.clock.now());
  const outcome = (p: (typeof planned)[number]): ImportedRow => ({
    row: p.row,
    title: p.title,
    status: p.problems.length > 0 ? 'invalid' : p.id && missing.has(p.id) ? 'create' : 'exists',
    ...(p.id ? { itemId: p.id } : {}),
    ...(p.input && p.input.dueDate < today ? { pastDue: true } : {}),
    problems: p.problems,
  });
  const result = planned.map(outcome);
  if (options.dryRun) return { dryRun: true, rows: result };

  const invalid = result.filter((r) => r.status === 'invalid');
  if (invalid.length > 0) {
    throw new RuleViolation('import-rows-invalid', say('import.rows-invalid', { rows: invalid.map((r) => r.row) }), details(invalid));
  }
  for (const [index, p] of planned.entries()) {
    const row = result[index];
    if (row?.status !== 'create' || !p.input || !p.id) continue;
    const { item, event, pastDue } = newImportedItem(p.input, { id: p.id, actor: caller, now: deps.clock.now(), row: p.row });
    // Marks first: harmless without the item, and an item never exists without them.
    if (pastDue) for (const mark of pastDeadlineMarks(item)) await deps.markers.mark(mark, { on: today, imported: true });
    try {
      await deps.items.register(item, event);
      row.status = 'created';
    } catch (error) {
      // Made meanwhile by another import of the same row.
      if (!(error instanceof Conflict)) throw error;
      row.status = 'exists';
    }
  }
  return { dryRun: false, rows: result };
}

/** Each problem of each refused row, at `rows.<file row>.<column>`. */
const details = (rows: readonly ImportedRow[]): ProblemDetail[] =>
  rows.flatMap((r) =>
    r.problems.map((p) => ({ path: p.column ? `rows.${r.row}.${p.column}` : `rows.${r.row}`, message: p.message, row: r.row })),
  );
