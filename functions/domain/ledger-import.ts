import { createHash } from 'node:crypto';
import { shanghaiDate, type CalendarDate } from './calendar';
import { actorOf, type Caller } from './caller';
import { Forbidden } from './errors';
import type { HistoryEvent } from './history';
import type { Item, ItemRegistration, Source } from './items';
import { type Cell, deadlineOf, type LedgerField, readTable, requirementsOf, sourceOfText, textOf } from './ledger-reading';
import { firstReportDue } from './report-dates';
import { matchUnit, nameKey, type NamedUnit, type UnitMatch, unitNamesIn } from './unit-names';
import { say } from '../messages/message';
import type { Message } from '../messages/message';

/**
 * 导入台账: bringing an office's existing Excel ledger in, as it is kept (ledger-reading.ts finds the table and
 * reads its words; unit-names.ts matches its units). The exported ledger's eight columns import again; a real
 * ledger's 责任领导, 进展情况 and 备注 are carried. Pure rules: the file's reading is an adapter's, the writing a
 * use case's.
 */
export const importColumns = ['序号', '督查事项', '来源', '文号', '牵头单位', '协办单位', '完成时限', '督办要求'] as const;
export type ImportColumn = (typeof importColumns)[number];

/** A file holds at most this many rows: one request writes them one by one within the function's time. */
export const MAX_IMPORT_ROWS = 500;

/** The registration's fields, by the column each comes from (to say a rule's problem in the file's words). */
export const columnOfField: Record<string, LedgerField> = {
  title: '督查事项',
  leaderInCharge: '责任领导',
  reportEveryDays: '完成时限',
  source: '来源',
  sourceRef: '文号',
  leadUnit: '牵头单位',
  coUnits: '协办单位',
  dueDate: '完成时限',
  requirements: '督办要求',
};

export type { Cell } from './ledger-reading';

export interface ImportProblem {
  /** The column the problem is in, as the platform names it (a ledger field), or absent for the row as a whole. */
  column?: LedgerField;
  message: Message;
}

export interface ImportRow {
  row: number;
  cells: Partial<Record<LedgerField, Cell>>;
  section?: string;
}

/** The header row and the rows under it (readTable), in the shape the registration reads. */
export function rowsOf(table: readonly (readonly Cell[])[]): { rows: ImportRow[]; missingColumns: LedgerField[] } {
  const reading = readTable(table);
  return { rows: reading.rows, missingColumns: reading.missing };
}

/** 完成时限 as a date, however written (deadlineOf); a standing task or unreadable words are no date. */
export function dateOf(cell: Cell): CalendarDate | undefined {
  const deadline = deadlineOf(cell);
  return deadline.kind === 'date' ? deadline.date : undefined;
}

/** 来源 by its code, its Chinese name, or the words of the basis (ledger-reading.ts sourceOfText). */
export const sourceOf = (cell: Cell): Source | undefined => sourceOfText(textOf(cell));

/** What the clerk decided in the preview; every part optional, the file alone imports what it can. */
export interface ImportDecisions {
  /** A written unit name → the unit meant (「您是否指…？」 answered); stored as that unit's alias on import. */
  names?: Record<string, string>;
  /** A written 责任领导 → the leaderId meant. */
  leaders?: Record<string, string>;
  /** By the row's number in the file. */
  rows?: Record<string, RowDecision>;
  /** 派发 of the open items imported: one summary mail per unit listing its items (the default), or none. */
  dispatch?: 'summary' | 'none';
}

export interface RowDecision {
  source?: Source;
  /** A deadline for words the import could not read. */
  dueDate?: CalendarDate;
  /** A row whose deadline passed before the import: still open (办理中, the default) or done (已办结 on `closedOn`). */
  state?: 'open' | 'closed';
  closedOn?: CalendarDate;
  /** Leave the row out of this import. */
  skip?: boolean;
}

/** A name of the file as matched against the roster, for the preview to show or ask about. */
export interface NameReading {
  written: string;
  column: '牵头单位' | '协办单位';
  match: UnitMatch;
  /** The unit the clerk confirmed in the decisions, if any. */
  confirmed?: string;
}

export interface LeaderReading {
  written: string;
  leaderId?: string;
  candidates: { leaderId: string; name: string }[];
}

/** What an imported row carries beyond the registration: the file's own words, kept. */
export interface ImportExtras {
  /** 备注, as written. */
  note?: string;
  /** 进展情况: a first progress record, marked imported (not the unit's report), as of the file's date. */
  progress?: { text: string; asOf: CalendarDate };
  /** The 完成时限 as written, when it was words (2026年12月底前, 长期坚持). */
  dueWords?: string;
  /** 长期坚持 / 常态化: no deadline of its own; reviewed every reportEveryDays, the year's end its assessment date. */
  standing?: true;
  /** A row marked 已办结 in the preview: imported closed on that day. */
  closedOn?: CalendarDate;
  /** Where 来源 was read from: its column, the section row above, or the clerk. */
  sourceFrom?: 'column' | 'section' | 'decision';
}

/** A row as one or more registrations (one per lead unit, when 牵头单位 names every unit of a kind), or its questions. */
export interface RowReading {
  row: number;
  title: string;
  /** What the row says whatever its lead: the registration's fields but the lead, not yet checked by the schema. */
  base: Partial<Omit<ItemRegistration, 'leadUnit'>>;
  /** The registrations, one per lead unit. */
  inputs: Record<string, unknown>[];
  extras: ImportExtras;
  names: NameReading[];
  leader?: LeaderReading;
  problems: ImportProblem[];
  skip: boolean;
}

export interface RowContext {
  units: readonly NamedUnit[];
  /** The roster's leaders (分管领导): a person of a leadership unit with a leaderId. */
  leaders: readonly { leaderId: string; name: string }[];
  decisions: ImportDecisions;
  /** The import's day (Shanghai): a standing task is assessed at this year's end. */
  today: CalendarDate;
  /** The file's own date (填报日期 in its title rows), else the import's day: the progress it carries is as of it. */
  asOf: CalendarDate;
}

/** 督办要求 the file left empty: every report still answers how the work stands. */
export const DEFAULT_REQUIREMENT = '工作进展情况';

/** A 责任领导 as written (张市长, 王副市长) matched to a leader of the roster by name, or asked about. */
export function leaderOf(written: string, context: Pick<RowContext, 'leaders' | 'decisions'>): LeaderReading {
  const chosen = context.decisions.leaders?.[written];
  const candidates = context.leaders.map((l) => ({ leaderId: l.leaderId, name: l.name }));
  if (chosen && candidates.some((c) => c.leaderId === chosen)) return { written, leaderId: chosen, candidates: [] };
  const key = nameKey(written);
  const exact = candidates.filter((c) => c.leaderId === written || nameKey(c.name) === key);
  if (exact.length === 1) return { written, leaderId: exact[0]!.leaderId, candidates: [] };
  // 张市长 for 张建国市长: same surname and the same title at the end.
  const near = candidates.filter((c) => {
    const name = nameKey(c.name);
    return name.includes(key) || key.includes(name) || (name[0] === key[0] && name.slice(-2) === key.slice(-2));
  });
  return { written, candidates: near.length > 0 ? near : candidates.slice(0, 5) };
}

/**
 * A row of the file as registrations: units by the names people write (unit-names.ts), 来源 from its column or
 * the section above, 完成时限 as people write it, 督办要求 without doubled numbering; 责任领导, 进展情况, 备注 and
 * 文号 carried. Whatever it cannot decide is a problem on the row, a question the clerk can answer.
 */
export function readRow(row: ImportRow, context: RowContext): RowReading {
  const decision = context.decisions.rows?.[String(row.row)] ?? {};
  const problems: ImportProblem[] = [];
  const names: NameReading[] = [];
  const extras: ImportExtras = {};
  const c = row.cells;
  const title = textOf(c.督查事项);

  const unitsIn = (column: '牵头单位' | '协办单位'): string[][] =>
    unitNamesIn(textOf(c[column])).map((written) => {
      const confirmed = context.decisions.names?.[written];
      const known = confirmed !== undefined && context.units.some((u) => u.id === confirmed);
      const match = matchUnit(written, context.units);
      names.push({ written, column, match, ...(known ? { confirmed } : {}) });
      if (known) return [confirmed];
      if (match.kind === 'exact') return [match.unitId];
      if (match.kind === 'collective') return match.unitIds;
      problems.push({
        column,
        message:
          match.kind === 'near'
            ? say('import.did-you-mean', { name: written, candidates: match.candidates.map((m) => m.name) })
            : say('import.unknown-unit', { name: written }),
      });
      return [];
    });
  const leads = unitsIn('牵头单位');
  const coUnits = [...new Set(unitsIn('协办单位').flat())];
  // The first name of 牵头单位 leads; the others it names work with it. A collective name leads as each of its units.
  const leadIds = leads[0] ?? [];
  const moreLeads = leads.slice(1).flat();
  const co = (lead: string) => [...new Set([...moreLeads, ...coUnits])].filter((u) => u !== lead);

  const sourceText = textOf(c.来源);
  const fromColumn = sourceOfText(sourceText);
  const fromSection = row.section ? sourceOfText(row.section) : undefined;
  const source: Source | undefined = decision.source ?? fromColumn ?? fromSection;
  if (source) extras.sourceFrom = decision.source ? 'decision' : fromColumn ? 'column' : 'section';
  if (!source) problems.push({ column: '来源', message: say('import.which-source', { text: sourceText || row.section || '' }) });

  const deadline = deadlineOf(c.完成时限);
  let dueDate: CalendarDate | undefined = decision.dueDate;
  let reportEveryDays: number | undefined;
  if (!dueDate) {
    if (deadline.kind === 'date') {
      dueDate = deadline.date;
      if (deadline.words !== '' && deadline.words !== dueDate) extras.dueWords = deadline.words;
    } else if (deadline.kind === 'standing') {
      dueDate = `${context.today.slice(0, 4)}-12-31`;
      reportEveryDays = deadline.reportEveryDays;
      extras.standing = true;
      extras.dueWords = deadline.words;
    } else if (deadline.kind === 'unclear') {
      problems.push({ column: '完成时限', message: say('import.which-date', { text: deadline.words }) });
    } else problems.push({ column: '完成时限', message: say('import.no-date') });
  }
  if (dueDate && dueDate < context.today && !extras.standing && decision.state === 'closed') {
    extras.closedOn = decision.closedOn ?? context.today;
  }

  let leader: LeaderReading | undefined;
  const leaderText = textOf(c.责任领导);
  if (leaderText !== '') {
    leader = leaderOf(leaderText, context);
    if (!leader.leaderId) {
      const candidates = leader.candidates.map((l) => l.name);
      problems.push({ column: '责任领导', message: say('import.which-leader', { name: leaderText, candidates }) });
    }
  }
  const note = textOf(c.备注);
  if (note !== '') extras.note = note;
  const progress = textOf(c.进展情况);
  if (progress !== '') extras.progress = { text: progress, asOf: context.asOf };

  const requirements = requirementsOf(c.督办要求);
  const sourceRef = (textOf(c.文号) || sourceText || row.section || '导入台账').slice(0, 100);
  const base = {
    title: title || undefined,
    source,
    sourceRef,
    coUnits: co(''),
    dueDate,
    requirements: requirements.length > 0 ? requirements : [DEFAULT_REQUIREMENT],
    ...(reportEveryDays ? { reportEveryDays } : {}),
    ...(leader?.leaderId ? { leaderInCharge: leader.leaderId } : {}),
  };
  const inputs = leadIds.map((leadUnit) => ({ ...base, leadUnit, coUnits: co(leadUnit) }));
  if (textOf(c.牵头单位) === '') problems.push({ column: '牵头单位', message: say('import.no-lead') });
  return { row: row.row, title, base, inputs, extras, names, ...(leader ? { leader } : {}), problems, skip: decision.skip === true };
}

/** The file's own date: a 填报日期 (or any full date) in its title rows; else undefined. */
export function fileDateOf(titleTexts: readonly string[]): CalendarDate | undefined {
  for (const text of titleTexts) {
    for (const match of text.matchAll(/(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?/g)) {
      const date = dateOf(`${match[1]}-${match[2]}-${match[3]}`);
      if (date) return date;
    }
  }
  return undefined;
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
  extras: ImportExtras,
  context: { id: string; actor: Caller; now: Date; row: number },
): { item: Item; event: HistoryEvent; pastDue: boolean } {
  if (context.actor.role !== 'office') throw new Forbidden(say('auth.office-registers-items'));
  const today = shanghaiDate(context.now);
  const at = context.now.toISOString();
  const closed = extras.closedOn !== undefined;
  const nextReportDue = closed ? undefined : firstReportDue(input, today);
  const { sourceFrom: _from, closedOn, ...kept } = extras;
  const item: Item = {
    id: context.id,
    ...input,
    status: closed ? 'closed' : 'assigned',
    ...(nextReportDue ? { nextReportDue } : {}),
    acknowledgements: [],
    progressByUnit: {},
    imported: true,
    importedOn: today,
    ...kept,
    ...(closedOn ? { importedClosedOn: closedOn } : {}),
    registeredAt: at,
    updatedAt: at,
    version: 1,
    lastSeq: 1,
  };
  const event: HistoryEvent = {
    seq: 1,
    type: 'item.imported',
    actor: actorOf(context.actor),
    at,
    data: { ...input, ...extras, row: context.row },
  };
  return { item, event, pastDue: !closed && input.dueDate < today };
}

/**
 * Whether an item's lateness is the import's, not the unit's: its deadline passed before it came into the
 * platform. Such an item is never warned of, criticised or counted late for that date (an approved extension
 * gives a date after the import, watched as usual).
 */
export const lateBeforeImport = (item: Pick<Item, 'dueDate'> & { importedOn?: CalendarDate }) =>
  item.importedOn !== undefined && item.dueDate < item.importedOn;

/** The mark that says an item came in already past this deadline: the assessment and overview read it for late open items. */
export const importedPastDueMark = (item: Pick<Item, 'id' | 'dueDate'>) => ({
  on: { item: item.id },
  what: ['imported', 'past-due', item.dueDate] as string[],
});

/**
 * The once-only marks the overdue job writes when it warns of and criticises a missed deadline
 * (overdue-escalation.ts), written at import for a deadline that passed before it: the job then
 * finds that date already dealt with, and never warns or criticises for it. A later deadline (an
 * approved extension) is a new date, watched as usual.
 */
export const pastDeadlineMarks = (item: Pick<Item, 'id' | 'dueDate'>) => [
  ...(['warning', 'criticism'] as const).map((step) => ({ on: { item: item.id }, what: [step, 'overdue', item.dueDate] as string[] })),
  importedPastDueMark(item),
];
