import { createHash } from 'node:crypto';
import type { Caller } from '../domain/caller';
import { actorOf } from '../domain/caller';
import { shanghaiDate } from '../domain/calendar';
import { Conflict, type ProblemDetail, RuleViolation } from '../domain/errors';
import { rowIdentity, settledBy } from '../domain/import-leftovers';
import type { Item, ItemRegistration } from '../domain/items';
import {
  type Cell,
  fileDateOf,
  type ImportDecisions,
  type ImportExtras,
  type ImportProblem,
  importedItemId,
  type LeaderReading,
  MAX_IMPORT_ROWS,
  newImportedItem,
  pastDeadlineMarks,
  readRow,
} from '../domain/ledger-import';
import { type ReadColumn, readTable, type TableReading } from '../domain/ledger-reading';
import { editUnit } from '../domain/unit-edits';
import { type UnitMatch, withAlias } from '../domain/unit-names';
import { say } from '../messages/message';
import { type AnnounceDeps, announce } from './announce';
import { allPages } from './pages';
import { importDispatched } from './announcements';
import {
  type Clock,
  type ImportLeftoverStore,
  type ItemRepository,
  type Markers,
  StaleLeftover,
  StaleUnit,
  type UnitRepository,
} from './ports';

export interface ImportLedgerDeps {
  items: ItemRepository;
  units: UnitRepository;
  markers: Markers;
  clock: Clock;
  /** The rows each import left to fix (待办's 导入待修正). */
  leftovers: ImportLeftoverStore;
  /** How units are told (派发); absent, no one is (the unit tests of the rules). */
  tell?: AnnounceDeps;
}

/** The rules of registration the HTTP edge checks (its zod schema), given to the use case: a row's input or its problems. */
export type ValidateRegistration = (input: Record<string, unknown>) => { input: ItemRegistration } | { problems: ImportProblem[] };

/**
 * `create` in a dry run, `created` when written; `exists` when an earlier import made it; `invalid` with its
 * problems (questions the preview asks); `skipped` when the clerk left it out.
 */
export type RowOutcome = 'create' | 'created' | 'exists' | 'invalid' | 'skipped';

export interface ImportedRow {
  row: number;
  title: string;
  status: RowOutcome;
  /** The first item the row makes; `itemIds` every one (a collective 牵头单位 makes one per unit). */
  itemId?: string;
  itemIds?: string[];
  /**
   * Its deadline passed before the import: kept, never warned of, criticised or counted late for it. Said only of a
   * row the import would write (not of one the ledger has already).
   */
  pastDue?: boolean;
  /**
   * A row the ledger already has as a matter (same 督查事项, 牵头单位 and 文号) but written differently since: what the file
   * says now and what the ledger holds. The import does not change the item (an edit is the office's, on its page).
   */
  differs?: ItemDifference[];
  /** What the row becomes, for the preview to show. */
  reading: ImportExtras & {
    source?: string;
    dueDate?: string;
    leadUnits: string[];
    coUnits: string[];
    /** The unit names as the file wrote them, each with whether it was matched (or confirmed). */
    unitNames: { written: string; column: '牵头单位' | '协办单位'; matched: boolean }[];
    leaderInCharge?: string;
    requirements: string[];
    reportEveryDays?: number;
  };
  problems: ImportProblem[];
}

/** A name of the file the preview shows once, with every row it is on: matched, expanded, or asked about. */
export interface NameOutcome {
  written: string;
  rows: number[];
  match: UnitMatch['kind'];
  /** The unit it names (exact, or the clerk's confirmation), or the units a collective name expands to. */
  unitIds: string[];
  /** For a near name: 「您是否指…？」 */
  candidates: { unitId: string; name: string }[];
  confirmed: boolean;
}

export interface ImportResult {
  dryRun: boolean;
  headerRow: number;
  columns: ReadColumn[];
  ignoredColumns: TableReading['ignored'];
  skippedRows: TableReading['skipped'];
  rows: ImportedRow[];
  names: NameOutcome[];
  leaders: (LeaderReading & { rows: number[] })[];
  /** Names confirmed in this import and kept as the units' aliases (the next import matches them). */
  aliasesAdded: { unitId: string; alias: string }[];
}

/**
 * 导入台账. A dry run (the preview) answers which column was read as what, which rows were skipped, what each row
 * becomes and what it asks; it writes nothing. The real run writes every row without problems and leaves the
 * others (answered 'invalid', to fix and import again); names the clerk confirmed become the units' aliases. An
 * item's id is made from its content, so importing the same file again finds every item made and adds nothing (a run
 * cut short is completed by the next); a row corrected since is found as its matter (same 督查事项, 牵头单位 and 文号).
 * Refused whole (422) only when no row could be imported.
 */
export async function importLedger(
  deps: ImportLedgerDeps,
  caller: Caller,
  table: readonly (readonly Cell[])[],
  validate: ValidateRegistration,
  options: { dryRun: boolean; decisions?: ImportDecisions; fileName?: string },
): Promise<ImportResult> {
  const decisions = options.decisions ?? {};
  const reading = readTable(table);
  if (reading.missing.length > 0) {
    const message = say('import.columns-missing', { columns: reading.missing });
    throw new RuleViolation('import-columns-missing', message, [{ path: 'file', message }]);
  }
  if (reading.rows.length > MAX_IMPORT_ROWS) {
    throw new RuleViolation('import-too-large', say('import.too-many-rows', { rows: reading.rows.length, max: MAX_IMPORT_ROWS }));
  }
  const units = await deps.units.all();
  const leaders = units
    .filter((u) => u.kind === 'leadership')
    .flatMap((u) => u.contacts.flatMap((c) => (c.leaderId ? [{ leaderId: c.leaderId, name: c.name }] : [])));
  const today = shanghaiDate(deps.clock.now());
  const fileDate = fileDateOf(reading.skipped.filter((s) => s.kind === 'title').map((s) => s.text));
  const context = { units, leaders, decisions, today, asOf: fileDate && fileDate <= today ? fileDate : today };

  const firstRowOf = new Map<string, number>();
  const planned = reading.rows.map((row) => {
    const read = readRow(row, context);
    const problems = [...read.problems];
    const said = new Set(problems.map((p) => p.column));
    const inputs: ItemRegistration[] = [];
    for (const raw of read.inputs) {
      const checked = validate(raw);
      if ('problems' in checked) {
        // A column the row's own reading found wrong is not said wrong a second time by the schema.
        for (const p of checked.problems) if (!said.has(p.column) && !problems.some((q) => q.column === p.column)) problems.push(p);
      } else inputs.push(checked.input);
    }
    const ids = problems.length > 0 ? [] : inputs.map(importedItemId);
    for (const id of ids) {
      const first = firstRowOf.get(id);
      if (first !== undefined && first !== row.row) problems.push({ message: say('import.duplicate-row', { row: first }) });
      else firstRowOf.set(id, row.row);
    }
    return { read, problems, inputs: problems.length > 0 ? [] : inputs, ids: problems.length > 0 ? [] : ids };
  });

  const missing = new Set(await deps.items.missing(planned.flatMap((p) => p.ids)));
  // A row edited since it was imported (a deadline corrected in the file) has another content id: it is the matter the
  // ledger already holds, not a new one.
  const ledgerHas = await mattersOf(
    deps.items,
    planned.flatMap((p) => p.inputs.filter((_, i) => missing.has(p.ids[i] as string)).map((input) => input.leadUnit)),
    today,
  );
  const differences = new Map<number, ItemDifference[]>();
  for (const [index, p] of planned.entries()) {
    p.inputs.forEach((input, i) => {
      const held = missing.has(p.ids[i] as string) ? ledgerHas.get(matterOf(input)) : undefined;
      if (!held) return;
      missing.delete(p.ids[i] as string);
      p.ids[i] = held.id;
      differences.set(index, [...(differences.get(index) ?? []), ...differencesOf(input, held)]);
    });
  }
  const rows = planned.map(({ read, problems, inputs, ids }, index): ImportedRow => {
    const first: Partial<ItemRegistration> = inputs[0] ?? read.base;
    const status: RowOutcome = read.skip
      ? 'skipped'
      : problems.length > 0
        ? 'invalid'
        : ids.some((id) => missing.has(id))
          ? 'create'
          : 'exists';
    const dueDate = first?.dueDate;
    return {
      row: read.row,
      title: read.title,
      status,
      ...(ids[0] ? { itemId: ids[0], itemIds: ids } : {}),
      ...(differences.get(index)?.length ? { differs: differences.get(index) } : {}),
      // Only for a row the import would write: one the ledger has already is not asked 办理中 or 已办结 again.
      ...(dueDate && dueDate < today && !read.extras.standing && !read.extras.closedOn && (status === 'create' || status === 'invalid')
        ? { pastDue: true }
        : {}),
      reading: {
        ...read.extras,
        ...(first?.source ? { source: first.source } : {}),
        ...(dueDate ? { dueDate } : {}),
        leadUnits: read.inputs.map((i) => String(i.leadUnit)),
        unitNames: read.names.map((n) => ({
          written: n.written,
          column: n.column,
          matched: n.confirmed !== undefined || n.match.kind === 'exact' || n.match.kind === 'collective',
        })),
        coUnits: first.coUnits ?? [],
        ...(first?.leaderInCharge ? { leaderInCharge: first.leaderInCharge } : {}),
        requirements: first.requirements ?? [],
        ...(first?.reportEveryDays ? { reportEveryDays: first.reportEveryDays } : {}),
      },
      problems: read.skip ? [] : problems,
    };
  });

  const names = namesOf(planned.map((p) => p.read));
  const leaderReadings = leadersOf(planned.map((p) => p.read));
  const result: ImportResult = {
    dryRun: options.dryRun,
    headerRow: reading.headerRow,
    columns: reading.columns,
    ignoredColumns: reading.ignored,
    skippedRows: reading.skipped,
    rows,
    names,
    leaders: leaderReadings,
    aliasesAdded: [],
  };
  if (options.dryRun) return result;

  const importable = rows.filter((r) => r.status === 'create' || r.status === 'exists');
  const invalid = rows.filter((r) => r.status === 'invalid');
  if (importable.length === 0 && invalid.length > 0) {
    throw new RuleViolation('import-rows-invalid', say('import.rows-invalid', { rows: invalid.map((r) => r.row) }), details(invalid));
  }
  const now = deps.clock.now();
  const toWrite = planned.flatMap((p, index) =>
    rows[index]?.status !== 'create'
      ? []
      : p.inputs.flatMap((input, i) => {
          const id = p.ids[i] as string;
          if (!missing.has(id)) return [];
          return [{ index, ...newImportedItem(input, p.read.extras, { id, actor: caller, now, row: p.read.row }) }];
        }),
  );
  // 派发 on purpose: one letter per unit listing its open items, written with the last item of the run, so the
  // stream sends it once that item is in the ledger; items found already imported are told of no second time.
  const open = toWrite.filter((w) => w.item.status !== 'closed').map((w) => w.item);
  const batch =
    deps.tell && decisions.dispatch !== 'none' && open.length > 0
      ? await announce(importDispatched, { items: open, run: importRun(open) }, deps.tell, now)
      : undefined;
  const created = new Map<number, number>();
  for (const [n, { index, item, event, pastDue }] of toWrite.entries()) {
    // Marks first: harmless without the item, and an item never exists without them. A standing task (长期坚持) has
    // no deadline of its own: the year's end it is assessed at is never warned of, criticised or counted late either.
    if (pastDue || item.standing) for (const mark of pastDeadlineMarks(item)) await deps.markers.mark(mark, { on: today, imported: true });
    try {
      await deps.items.register(item, event, undefined, n === toWrite.length - 1 ? batch : undefined);
      created.set(index, (created.get(index) ?? 0) + 1);
    } catch (error) {
      // Made meanwhile by another import of the same row.
      if (!(error instanceof Conflict)) throw error;
    }
  }
  for (const [index, row] of rows.entries()) if (row.status === 'create') row.status = created.has(index) ? 'created' : 'exists';
  result.aliasesAdded = await keepConfirmedNames(deps, caller, names, rows);
  await keepLeftovers(deps.leftovers, rows, { fileName: options.fileName, importedAt: now.toISOString() });
  return result;
}

/**
 * 导入待修正: the rows of this file settle what earlier imports left (the same 督查事项 read again, whatever became of
 * it), and the rows it leaves itself are kept for 待办. Another import settling the same record meanwhile: read again.
 */
async function keepLeftovers(
  store: ImportLeftoverStore,
  rows: readonly ImportedRow[],
  run: { fileName?: string; importedAt: string },
): Promise<void> {
  const read = new Set(rows.map((r) => rowIdentity(r, run.fileName)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      for (const earlier of await store.list()) {
        const settled = settledBy(earlier, read);
        if (settled === 'unchanged') continue;
        if (settled) await store.save(settled);
        else await store.remove(earlier);
      }
      break;
    } catch (error) {
      if (!(error instanceof StaleLeftover) || attempt === 3) throw error;
    }
  }
  const left = rows.filter((r) => r.status === 'invalid');
  if (left.length === 0) return;
  const id = createHash('sha256')
    .update(`${run.importedAt}\n${[...read].join('\n')}`)
    .digest('hex')
    .slice(0, 24);
  await store.save({
    id,
    ...(run.fileName ? { fileName: run.fileName } : {}),
    importedAt: run.importedAt,
    rows: left.map((r) => ({ row: r.row, title: r.title, problems: r.problems })),
    version: 1,
  });
}

/** A run's name, from the items it makes: the mail's id, so a retry of the same run is one mail. */
const importRun = (items: readonly { id: string }[]) =>
  createHash('sha256')
    .update(items.map((i) => i.id).join(','))
    .digest('hex')
    .slice(0, 24);

/** Every name of the file once, with its rows: the preview asks each near or unknown name once, whatever the rows. */
function namesOf(reads: readonly ReturnType<typeof readRow>[]): NameOutcome[] {
  const byName = new Map<string, NameOutcome>();
  for (const read of reads) {
    for (const n of read.names) {
      const known = byName.get(n.written);
      if (known) {
        if (!known.rows.includes(read.row)) known.rows.push(read.row);
        continue;
      }
      const m = n.match;
      byName.set(n.written, {
        written: n.written,
        rows: [read.row],
        match: m.kind,
        unitIds: n.confirmed ? [n.confirmed] : m.kind === 'exact' ? [m.unitId] : m.kind === 'collective' ? m.unitIds : [],
        candidates: m.kind === 'near' ? m.candidates : [],
        confirmed: n.confirmed !== undefined,
      });
    }
  }
  return [...byName.values()];
}

function leadersOf(reads: readonly ReturnType<typeof readRow>[]): ImportResult['leaders'] {
  const byName = new Map<string, LeaderReading & { rows: number[] }>();
  for (const read of reads) {
    if (!read.leader) continue;
    const known = byName.get(read.leader.written);
    if (known) known.rows.push(read.row);
    else byName.set(read.leader.written, { ...read.leader, rows: [read.row] });
  }
  return [...byName.values()];
}

/**
 * A name the clerk confirmed (「您是否指…？」 answered) on a row now in the ledger becomes that unit's alias, recorded in
 * the unit's history like any edit: the next import matches it without asking. A name another unit already
 * answers to, or a unit changed meanwhile, is left (the import stands; the clerk is asked again next time).
 */
async function keepConfirmedNames(
  deps: ImportLedgerDeps,
  caller: Caller,
  names: readonly NameOutcome[],
  rows: readonly ImportedRow[],
): Promise<{ unitId: string; alias: string }[]> {
  const imported = new Set(rows.filter((r) => r.status === 'created' || r.status === 'exists').map((r) => r.row));
  const added: { unitId: string; alias: string }[] = [];
  for (const name of names) {
    const unitId = name.unitIds[0];
    if (!name.confirmed || !unitId || !name.rows.some((r) => imported.has(r))) continue;
    const unit = await deps.units.get(unitId);
    const aliases = unit ? withAlias(unit, name.written) : undefined;
    if (!unit || !aliases) continue;
    try {
      const edited = editUnit(unit, { aliases }, { actor: actorOf(caller), now: deps.clock.now(), roster: await deps.units.all() });
      if (!edited) continue;
      await deps.units.update(unit, edited.unit, edited.event);
      added.push({ unitId, alias: name.written.trim() });
    } catch (error) {
      if (!(error instanceof RuleViolation || error instanceof Conflict || error instanceof StaleUnit)) throw error;
    }
  }
  return added;
}

/** Each problem of each refused row, at `rows.<file row>.<column>`. */
const details = (rows: readonly ImportedRow[]): ProblemDetail[] =>
  rows.flatMap((r) =>
    r.problems.map((p) => ({ path: p.column ? `rows.${r.row}.${p.column}` : `rows.${r.row}`, message: p.message, row: r.row })),
  );

/** One field a corrected row says otherwise than the item the ledger holds. */
export interface ItemDifference {
  field: 'dueDate' | 'coUnits' | 'requirements' | 'source';
  /** As the API writes the field: a date, unit ids and requirements joined by '；', a source's code. */
  file: string;
  ledger: string;
}

/** A matter as a ledger names it: its 督查事项, 牵头单位 and 文号 (two rows alike in all three are the same matter). */
const matterOf = (i: Pick<Item, 'title' | 'leadUnit' | 'sourceRef'>) =>
  JSON.stringify([i.leadUnit, i.title.replace(/\s+/g, ''), (i.sourceRef ?? '').replace(/\s+/g, '')]);

/** The items the given lead units lead, by matter (each unit's listing, read once). */
async function mattersOf(items: ItemRepository, leadUnits: readonly string[], today: string): Promise<Map<string, Item>> {
  const held = new Map<string, Item>();
  for (const unit of new Set(leadUnits)) {
    for (const item of await allPages((page) => items.list({ unit }, today, page))) {
      const matter = matterOf(item);
      if (item.leadUnit === unit && !held.has(matter)) held.set(matter, item);
    }
  }
  return held;
}

function differencesOf(input: ItemRegistration, held: Item): ItemDifference[] {
  const said = (value: unknown) => (Array.isArray(value) ? value.join('；') : String(value ?? ''));
  const fields = [
    ['dueDate', input.dueDate, held.dueDate],
    ['coUnits', [...input.coUnits].sort(), [...held.coUnits].sort()],
    ['requirements', input.requirements, held.requirements],
    ['source', input.source, held.source],
  ] as const;
  return fields.flatMap(([field, file, ledger]) =>
    said(file) === said(ledger) ? [] : [{ field, file: said(file), ledger: said(ledger) }],
  );
}
