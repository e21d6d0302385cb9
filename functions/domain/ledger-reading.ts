import { isCalendarDate, type CalendarDate } from './calendar';
import { sources, type Source } from './items';
import { sourceLabels } from './labels';
import { type LedgerField, ledgerFields } from './ledger-fields';

/**
 * Reading a ledger as a city office keeps it (issue 22): a merged title row, a 填报单位 line, section rows
 * (一、《政府工作报告》重点任务…), footnotes, headers in the office's own words, deadlines and sources as people
 * write them. Plain functions over cells; the file's decoding is an adapter's, the writing a use case's.
 */

export type Cell = string | number | boolean | Date | null | undefined;

export { type LedgerField, ledgerFields };

/** The usual names offices give each column (the first is the platform's own); compared without spaces or notes in brackets. */
export const columnSynonyms: Record<LedgerField, readonly string[]> = {
  序号: ['序号', '编号'],
  督查事项: ['督查事项', '督办事项', '重点任务', '工作任务', '任务内容', '事项名称', '事项', '工作事项', '重点工作'],
  来源: ['来源', '交办依据', '任务来源', '事项来源', '依据'],
  文号: ['文号', '交办文号', '批示件编号', '文件编号'],
  责任领导: ['责任领导', '分管领导', '牵头领导', '市级领导', '包抓领导'],
  牵头单位: ['牵头单位', '责任单位', '主办单位', '主责单位'],
  协办单位: ['协办单位', '配合单位', '会办单位', '参与单位'],
  完成时限: ['完成时限', '完成时间', '办结时限', '时限要求', '时间节点'],
  督办要求: ['督办要求', '工作要求', '具体要求', '督查要求'],
  进展情况: ['进展情况', '落实情况', '完成情况', '工作进展', '推进情况'],
  备注: ['备注'],
};

/** Without these a row cannot become an item; the others have defaults (来源 from the section, 文号 from the basis…). */
export const requiredLedgerFields: readonly LedgerField[] = ['督查事项', '牵头单位', '完成时限'];

/** 「完成时限\n（年月日）」, 「* 牵头单位」 → 完成时限, 牵头单位. */
export const headerWords = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s*＊:：]/g, '');

/** The field a header names, if any: its exact word first, then the one word it contains (「主要任务事项」 is 事项). */
export function fieldOfHeader(text: string): LedgerField | undefined {
  const words = headerWords(text);
  if (words === '') return undefined;
  const exact = ledgerFields.find((f) => columnSynonyms[f].includes(words));
  if (exact) return exact;
  let best: { field: LedgerField; length: number } | undefined;
  for (const field of ledgerFields) {
    for (const synonym of columnSynonyms[field]) {
      if (synonym.length >= 2 && words.includes(synonym) && synonym.length > (best?.length ?? 0)) best = { field, length: synonym.length };
    }
  }
  return best?.field;
}

/** A cell's text. The exported CSV writes a cell that starts like a formula after an apostrophe: that one is dropped. */
export function textOf(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

export interface ReadColumn {
  /** 1 for column A. */
  column: number;
  header: string;
  readAs: LedgerField;
}

export interface LedgerRow {
  /** The row's number as a spreadsheet shows it. */
  row: number;
  cells: Partial<Record<LedgerField, Cell>>;
  /** The section row above it (一、《政府工作报告》重点任务): a source when the row names none. */
  section?: string;
}

export type SkippedKind = 'title' | 'section' | 'note' | 'header';

export interface TableReading {
  /** 0 when no row looks like a header. */
  headerRow: number;
  columns: ReadColumn[];
  /** Headers read as nothing (状态, 联系人…): shown, so the clerk sees what was left out. */
  ignored: { column: number; header: string }[];
  rows: LedgerRow[];
  skipped: { row: number; kind: SkippedKind; text: string }[];
  missing: LedgerField[];
}

/** The distinct texts of a row: a merged cell reads as one text repeated across the cells it spans. */
const textsOf = (row: readonly Cell[]) => [...new Set(row.map(textOf).filter((t) => t !== ''))];

const SECTION = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+(?:部分|类|章))/;
const NOTE =
  /^(?:注|备注|说明|填报说明|附注)[0-9一二三四五六七八九十]*[：:、.]|^(?:填报单位|填报人|填表人|制表|审核|联系人|联系电话|报送单位|填报日期)/;

/** How many fields a row's cells name: a header row names several, a repeated header (page break) too. */
const headerFieldsOf = (row: readonly Cell[]) => new Set(row.map((c) => fieldOfHeader(textOf(c))).filter((f) => f !== undefined));

/**
 * A header of two rows, as offices draw one: 「责任单位」 merged over 牵头单位 and 协办单位 in the row below, 序号 and
 * 督查事项 merged down both rows. The row below is a second header row when every text in it names a column or repeats
 * the cell above (a merge down), and one of them names a column the row above does not. The two read as one row:
 * the lower cell where it names a column, else the upper one.
 */
function subHeaderOf(upper: readonly Cell[], lower: readonly Cell[]): Cell[] | undefined {
  // A row of one text merged across (a section, a note) is no header, whatever its words.
  const texts = textsOf(lower);
  if (texts.length < 2 || texts.some((t) => SECTION.test(t) || NOTE.test(t))) return undefined;
  const width = Math.max(upper.length, lower.length);
  let adds = false;
  const merged: Cell[] = [];
  for (let i = 0; i < width; i++) {
    const above = textOf(upper[i]);
    const below = textOf(lower[i]);
    if (below === '' || below === above) {
      merged.push(upper[i] ?? null);
      continue;
    }
    const field = fieldOfHeader(below);
    if (field === undefined) return undefined;
    if (field !== fieldOfHeader(above)) adds = true;
    merged.push(lower[i] ?? null);
  }
  return adds ? merged : undefined;
}

/**
 * Finds the table in a sheet: the header is the first row, among the first 30, naming 督查事项 and at least
 * two other fields; everything above it is title or 填报单位; below it, a row with one text (merged or not)
 * is a section (一、…) or a note (注：…), and a repeated header is skipped; a header may take two rows
 * (subHeaderOf). Which column was read as what is answered, so the preview can show it.
 */
export function readTable(table: readonly (readonly Cell[])[]): TableReading {
  const headerAt = table.slice(0, 30).findIndex((row) => {
    const fields = headerFieldsOf(row);
    return fields.size >= 3 && (fields.has('督查事项') || fields.has('牵头单位'));
  });
  if (headerAt < 0) return { headerRow: 0, columns: [], ignored: [], rows: [], skipped: [], missing: [...requiredLedgerFields] };
  const subHeader = subHeaderOf(table[headerAt] ?? [], table[headerAt + 1] ?? []);
  const columns: ReadColumn[] = [];
  const ignored: TableReading['ignored'] = [];
  (subHeader ?? table[headerAt] ?? []).forEach((cell, index) => {
    const header = textOf(cell);
    if (header === '') return;
    const readAs = fieldOfHeader(header);
    // The first column named for a field is read as it; a second of the same name is shown as not read.
    if (readAs && !columns.some((c) => c.readAs === readAs)) columns.push({ column: index + 1, header, readAs });
    else ignored.push({ column: index + 1, header });
  });
  const skipped: TableReading['skipped'] = [];
  for (let i = 0; i < headerAt; i++) {
    const texts = textsOf(table[i] ?? []);
    if (texts.length > 0) skipped.push({ row: i + 1, kind: 'title', text: texts.join(' ') });
  }
  const at = (row: readonly Cell[], field: LedgerField) => {
    const column = columns.find((c) => c.readAs === field);
    return column ? row[column.column - 1] : undefined;
  };
  const rows: LedgerRow[] = [];
  let section: string | undefined;
  if (subHeader) skipped.push({ row: headerAt + 2, kind: 'header', text: textsOf(table[headerAt + 1] ?? []).join(' ') });
  for (let i = headerAt + (subHeader ? 2 : 1); i < table.length; i++) {
    const row = table[i] ?? [];
    const texts = textsOf(row);
    if (texts.length === 0) continue;
    const first = texts[0] ?? '';
    // A header repeated (a page break in the sheet): its cells are the header's own words, in the same columns.
    if (columns.filter((c) => headerWords(textOf(row[c.column - 1])) === headerWords(c.header)).length >= 3) {
      skipped.push({ row: i + 1, kind: 'header', text: texts.join(' ') });
      continue;
    }
    const titleText = textOf(at(row, '督查事项'));
    if (NOTE.test(first) && (texts.length === 1 || titleText === '' || titleText === first)) {
      skipped.push({ row: i + 1, kind: 'note', text: texts.join(' ') });
      continue;
    }
    if (SECTION.test(first) && (texts.length === 1 || titleText === '' || titleText === first)) {
      section = first;
      skipped.push({ row: i + 1, kind: 'section', text: texts.join(' ') });
      continue;
    }
    if (texts.length === 1 && titleText === '') {
      skipped.push({ row: i + 1, kind: 'note', text: first });
      continue;
    }
    const cells = Object.fromEntries(columns.map((c) => [c.readAs, row[c.column - 1]])) as LedgerRow['cells'];
    rows.push({ row: i + 1, cells, ...(section ? { section } : {}) });
  }
  const read = new Set(columns.map((c) => c.readAs));
  return { headerRow: headerAt + 1, columns, ignored, rows, skipped, missing: requiredLedgerFields.filter((f) => !read.has(f)) };
}

// --- 完成时限 ---------------------------------------------------------------------------------------------

/**
 * A deadline as the file says it: a date (from a date, a serial number or a phrase like 2026年12月底前); a
 * standing task (长期坚持, 常态化) with no deadline, reviewed every `reportEveryDays`; or words the import
 * cannot read, to be asked on that row.
 */
export type Deadline =
  | { kind: 'date'; date: CalendarDate; words: string }
  | { kind: 'standing'; words: string; reportEveryDays: number }
  | { kind: 'unclear'; words: string }
  | { kind: 'none' };

const ymd = (y: number, m: number, d: number): CalendarDate | undefined => {
  const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
};
const lastDayOf = (y: number, m: number) => ymd(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year error included): 46356 is 2026-11-30. */
export function excelSerialDate(serial: number): CalendarDate | undefined {
  if (!Number.isInteger(serial) || serial < 36526 || serial > 73415) return undefined; // 2000-01-01 … 2100-12-31
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

const STANDING = /长期坚持|常态化|长期|持续推进|持续开展|长效|持续抓好/;
const QUARTER_END: Record<string, number> = { 一: 3, 1: 3, 二: 6, 2: 6, 三: 9, 3: 9, 四: 12, 4: 12 };

export function deadlineOf(cell: Cell): Deadline {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime())
      ? { kind: 'unclear', words: '' }
      : { kind: 'date', date: cell.toISOString().slice(0, 10), words: '' };
  }
  if (typeof cell === 'number') {
    const date = excelSerialDate(cell);
    return date ? { kind: 'date', date, words: String(cell) } : { kind: 'unclear', words: String(cell) };
  }
  const words = textOf(cell);
  if (words === '') return { kind: 'none' };
  const text = words
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/(?:之前|以前|前|止|为止|完成)+$/, '');
  const date = dateIn(text);
  if (date) return { kind: 'date', date, words };
  if (STANDING.test(text)) return { kind: 'standing', words, reportEveryDays: /季度|每季/.test(text) ? 90 : 30 };
  return { kind: 'unclear', words };
}

function dateIn(text: string): CalendarDate | undefined {
  if (/^\d{5}$/.test(text)) return excelSerialDate(Number(text));
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  // 2026年12月底, 2026年12月末, 2026年12月, 2026.12: the month's last day.
  m = /^(\d{4})(?:年|[-/.])(\d{1,2})(?:月(?:底|末|份)?)?$/.exec(text);
  if (m) return lastDayOf(Number(m[1]), Number(m[2]));
  m = /^(\d{4})年(?:年)?(?:底|末|内|年底|全年)$/.exec(text);
  if (m) return ymd(Number(m[1]), 12, 31);
  m = /^(\d{4})年(上|下)半年(?:底|末)?$/.exec(text);
  if (m) return ymd(Number(m[1]), m[2] === '上' ? 6 : 12, m[2] === '上' ? 30 : 31);
  m = /^(\d{4})年第?([一二三四1-4])季度(?:末|底)?$/.exec(text);
  if (m) {
    const month = QUARTER_END[m[2] as string] as number;
    return lastDayOf(Number(m[1]), month);
  }
  return undefined;
}

// --- 来源 -----------------------------------------------------------------------------------------------

/** Words in a basis text that say which of the seven sources it is, tried in this order (a 批示 on a 建议 is a 批示). */
const SOURCE_WORDS: readonly [Source, RegExp][] = [
  ['leader-instruction', /批示|批办|批转/],
  ['cppcc-proposal', /提案|政协/],
  ['npc-suggestion', /建议|人大代表|议案/],
  ['work-report', /政府工作报告/],
  ['meeting-decision', /常务会|专题会|办公会|会议纪要|会议决定|会议/],
  ['media-report', /报道|媒体|日报|晚报|电视台|广播|新闻|网民|网络|曝光|热线|留言|舆情/],
  ['leader-assignment', /交办/],
];

/** 来源 by its code, its Chinese name (or a unique start of it), or the words of the basis (《政府工作报告》, 常务会议…). */
export function sourceOfText(text: string): Source | undefined {
  const words = text.normalize('NFKC').replace(/\s/g, '');
  if (words === '') return undefined;
  if ((sources as readonly string[]).includes(words)) return words as Source;
  const named = sources.find((s) => sourceLabels[s] === words);
  if (named) return named;
  const prefixed = sources.filter((s) => words.length >= 4 && sourceLabels[s].startsWith(words));
  if (prefixed.length === 1) return prefixed[0];
  return SOURCE_WORDS.find(([, pattern]) => pattern.test(words))?.[0];
}

// --- 督办要求 -------------------------------------------------------------------------------------------

/** 1. / 1、/ (1) / （一）/ ① / 一、 at the start of a point: numbering the platform adds itself when it lists them. */
const NUMBERING =
  /^\s*(?:\d{1,2}\s*[.、．)）]|[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}\s*[、.．])\s*/;

/** A point's text without its numbering, however often it was typed (「1. 1.每月报送」 → 每月报送). */
export function withoutNumbering(text: string): string {
  let rest = text.trim();
  for (let match = NUMBERING.exec(rest); match && match[0].length < rest.length; match = NUMBERING.exec(rest)) {
    rest = rest.slice(match[0].length).trim();
  }
  return rest;
}

/**
 * 督办要求 as points: one per line, or separated by ；, or numbered within one line (1.… 2.…); each without
 * its numbering and its closing punctuation, repeated points once.
 */
export function requirementsOf(cell: Cell): string[] {
  const text = textOf(cell).normalize('NFC');
  const parts = text
    .split(/[\n\r；;]+/)
    .flatMap((line) => line.split(/(?<=[。，,])(?=(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）]|[①-⑳])\S)/))
    .map((part) => withoutNumbering(part).replace(/[；;，,。\s]+$/, ''))
    .filter((part) => part !== '' && !/^[\d.、．()（）\s]+$/.test(part));
  return [...new Set(parts)];
}
