import { createHash } from 'node:crypto';
import { isCalendarDate, shanghaiDate, type CalendarDate } from './calendar';
import { actorOf, type Caller } from './caller';
import { Forbidden } from './errors';
import type { HistoryEvent } from './history';
import { sources, type Item, type ItemRegistration, type Source } from './items';
import { sourceLabels } from './labels';
import { firstReportDue } from './report-dates';
import type { Unit } from './units';
import { say } from '../messages/message';
import type { Message } from '../messages/message';

/**
 * 导入台账: bringing an office's existing Excel ledger in. The columns are those of the ledger the
 * platform exports; a file may hold more (状态, 进展…), which are ignored. Pure rules: the file's
 * reading is an adapter's, the writing a use case's.
 */
export const importColumns = ['序号', '督查事项', '来源', '文号', '牵头单位', '协办单位', '完成时限', '督办要求'] as const;
export type ImportColumn = (typeof importColumns)[number];
export const requiredImportColumns: readonly ImportColumn[] = ['督查事项', '来源', '文号', '牵头单位', '完成时限', '督办要求'];

/** A file holds at most this many rows: one request writes them one by one within the function's time. */
export const MAX_IMPORT_ROWS = 500;

/** The registration's fields, by the column each comes from (to say a rule's problem in the file's words). */
export const columnOfField: Record<string, ImportColumn> = {
  title: '督查事项',
  source: '来源',
  sourceRef: '文号',
  leadUnit: '牵头单位',
  coUnits: '协办单位',
  dueDate: '完成时限',
  requirements: '督办要求',
};

export type Cell = string | number | boolean | Date | null | undefined;

export interface ImportProblem {
  /** The column the problem is in (a header of importColumns), or absent for the row as a whole. */
  column?: ImportColumn;
  message: Message;
}

export interface ImportRow {
  /** The row's number in the file, as a spreadsheet shows it (the header is row 1 when it is first). */
  row: number;
  cells: Partial<Record<ImportColumn, Cell>>;
}

/** The header row (the first non-empty one) and the rows under it that hold anything. */
export function rowsOf(table: readonly (readonly Cell[])[]): { rows: ImportRow[]; missingColumns: ImportColumn[] } {
  const headerAt = table.findIndex((row) => row.some((cell) => textOf(cell) !== ''));
  if (headerAt < 0) return { rows: [], missingColumns: [...requiredImportColumns] };
  const header = (table[headerAt] ?? []).map((cell) => textOf(cell));
  const at = new Map<ImportColumn, number>();
  for (const column of importColumns) {
    const index = header.indexOf(column);
    if (index >= 0) at.set(column, index);
  }
  const rows: ImportRow[] = [];
  table.forEach((row, index) => {
    if (index <= headerAt || !row.some((cell) => textOf(cell) !== '')) return;
    rows.push({ row: index + 1, cells: Object.fromEntries([...at].map(([column, i]) => [column, row[i]])) });
  });
  return { rows, missingColumns: requiredImportColumns.filter((c) => !at.has(c)) };
}

/**
 * A cell's text. The exported CSV writes a cell that starts like a formula after an apostrophe (CSV injection,
 * adapters/spreadsheet/ledger-files.ts): that apostrophe is the export's, not the text's, and is dropped.
 */
export function textOf(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

/**
 * 完成时限 as offices type it: 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日, or an Excel date
 * cell (exceljs gives it as a Date at UTC midnight of the day shown).
 */
export function dateOf(cell: Cell): CalendarDate | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(textOf(cell));
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

/** 来源 by its code or its Chinese name (政府工作报告重点工作, or the shorter 政府工作报告). */
export function sourceOf(cell: Cell): Source | undefined {
  const text = textOf(cell);
  if ((sources as readonly string[]).includes(text)) return text as Source;
  const exact = sources.find((s) => sourceLabels[s] === text);
  if (exact) return exact;
  const prefixed = sources.filter((s) => text.length >= 4 && sourceLabels[s].startsWith(text));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

const splitList = (cell: Cell, separators: RegExp) =>
  textOf(cell)
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');

/**
 * A row as a registration, or its problems: units matched by id or by exact name, 来源 by code or name,
 * 协办单位 separated by 、，, ; and 督查要求 one per line (or separated by ；).
 */
export function registrationOf(
  row: ImportRow,
  units: readonly Pick<Unit, 'id' | 'name'>[],
): { input: Record<string, unknown>; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const unitOf = (name: string, column: ImportColumn): string => {
    const unit = units.find((u) => u.id === name) ?? units.find((u) => u.name === name);
    if (!unit) problems.push({ column, message: say('import.unknown-unit', { name }) });
    return unit?.id ?? name;
  };
  const c = row.cells;
  const sourceText = textOf(c.来源);
  const source = sourceOf(c.来源);
  if (sourceText !== '' && !source) problems.push({ column: '来源', message: say('import.unknown-source', { text: sourceText }) });
  const dueText = textOf(c.完成时限);
  const dueDate = dateOf(c.完成时限);
  if (dueText !== '' && !dueDate) problems.push({ column: '完成时限', message: say('import.bad-date', { text: dueText }) });
  const leadName = textOf(c.牵头单位);
  const leadUnit = leadName === '' ? undefined : unitOf(leadName, '牵头单位');
  const coUnits = splitList(c.协办单位, /[、，,;；\n]/).map((name) => unitOf(name, '协办单位'));
  if (leadUnit && coUnits.includes(leadUnit)) problems.push({ column: '协办单位', message: say('rule.contains-lead-unit', { leadUnit }) });
  const input: Record<string, unknown> = {
    title: textOf(c.督查事项) || undefined,
    source: source ?? (sourceText === '' ? undefined : 'work-report'),
    sourceRef: textOf(c.文号) || undefined,
    leadUnit,
    coUnits,
    dueDate: dueDate ?? (dueText === '' ? undefined : '2000-01-01'),
    requirements: splitList(c.督办要求, /[\n；;]/),
  };
  return { input, problems };
}

/**
 * The item's id, made from the row's content (序号 aside, which changes when a sheet is re-sorted):
 * importing the same file again finds the items it made, and creates nothing twice.
 */
export function importedItemId(
  input: Pick<ItemRegistration, 'title' | 'source' | 'sourceRef' | 'leadUnit' | 'coUnits' | 'dueDate' | 'requirements'>,
) {
  const content = [
    input.title,
    input.source,
    input.sourceRef,
    input.leadUnit,
    [...input.coUnits].sort(),
    input.dueDate,
    input.requirements,
  ];
  return `imp-${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32)}`;
}

/**
 * An imported item: registered as assigned like any other (its units 签收 it), but its deadline may
 * already have passed, which registration refuses. It is marked `imported`; its first event says so.
 */
export function newImportedItem(
  input: ItemRegistration,
  context: { id: string; actor: Caller; now: Date; row: number },
): { item: Item; event: HistoryEvent; pastDue: boolean } {
  if (context.actor.role !== 'office') throw new Forbidden(say('auth.office-registers-items'));
  const today = shanghaiDate(context.now);
  const at = context.now.toISOString();
  const nextReportDue = firstReportDue(input, today);
  const item: Item = {
    id: context.id,
    ...input,
    status: 'assigned',
    ...(nextReportDue ? { nextReportDue } : {}),
    acknowledgements: [],
    progressByUnit: {},
    imported: true,
    registeredAt: at,
    updatedAt: at,
    version: 1,
    lastSeq: 1,
  };
  const event: HistoryEvent = { seq: 1, type: 'item.imported', actor: actorOf(context.actor), at, data: { ...input, row: context.row } };
  return { item, event, pastDue: input.dueDate < today };
}

/**
 * The once-only marks the overdue job writes when it warns of and criticises a missed deadline
 * (overdue-escalation.ts), written at import for a deadline that passed before it: the job then
 * finds that date already dealt with, and never warns or criticises for it. A later deadline (an
 * approved extension) is a new date, watched as usual.
 */
export const pastDeadlineMarks = (item: Pick<Item, 'id' | 'dueDate'>) =>
  (['warning', 'criticism'] as const).map((step) => ({ on: { item: item.id }, what: [step, 'overdue', item.dueDate] }));
