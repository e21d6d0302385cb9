import { unzipSync } from 'fflate';
import type { Cell } from '../../domain/ledger-import';

/**
 * Reading an office's ledger file into rows of cells: CSV (UTF-8, with or without a BOM, the way
 * Excel saves "CSV UTF-8") or an Excel workbook (its first worksheet). Unreadable input throws
 * UnreadableFile; what the cells mean is domain/ledger-import.ts's business.
 */
export class UnreadableFile extends Error {
  constructor(cause?: unknown) {
    super('unreadable ledger file', { cause });
    this.name = 'UnreadableFile';
  }
}

/** A worksheet reaching past this column or row is refused before a cell is read (XFD is column 16,384). */
export const MAX_SHEET_COLUMNS = 64;
export const MAX_SHEET_ROWS = 5_000;
/** What a workbook may inflate to: a ledger of a few hundred rows is well under a megabyte of XML. */
const MAX_INFLATED_BYTES = 50 * 1024 * 1024;

/** A sheet wider or longer than an import reads: `cell` is the first cell found beyond the bounds. */
export class SheetTooLarge extends Error {
  constructor(readonly cell: string) {
    super(`the sheet reaches ${cell}, beyond ${MAX_SHEET_COLUMNS} columns or ${MAX_SHEET_ROWS} rows`);
    this.name = 'SheetTooLarge';
  }
}

/** A formula whose result the file did not keep (saved by a program that does not calculate): its value is unknown. */
export class FormulaWithoutValue extends Error {
  constructor(readonly cell: string) {
    super(`the formula in ${cell} has no saved value`);
    this.name = 'FormulaWithoutValue';
  }
}

/**
 * A CSV's text: UTF-8 (with or without a BOM) when it decodes as such, else GBK — what Chinese Excel writes by
 * default ("CSV (逗号分隔)"); a charset the request names is taken as said.
 */
export function csvText(bytes: Uint8Array, charset?: string): string {
  const named = charset?.toLowerCase();
  if (named && named !== 'utf-8' && named !== 'utf8') {
    try {
      return new TextDecoder(named).decode(bytes);
    } catch {
      throw new UnreadableFile(`unknown charset ${charset}`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (named) throw new UnreadableFile('not UTF-8');
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180: fields separated by commas, quoted with "" (a doubled quote inside), rows by CRLF or LF. */
export function csvTable(text: string): string[][] {
  if (text.includes('\uFFFD')) throw new UnreadableFile('not UTF-8');
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new UnreadableFile('unterminated quote');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The first worksheet's values, row by row (rich text and formulas as the text and result Excel shows). */
export async function xlsxTable(bytes: Buffer): Promise<Cell[][]> {
  // exceljs makes every cell up to the last one of a row: 300 rows with one cell at XFD took 21 s and 1.4 GB of
  // the function, so the sheets' extent is read from their XML first, without building a cell.
  checkSheetExtent(bytes);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as never);
  } catch (error) {
    throw new UnreadableFile(error);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      cells.push(plain(cell.value, cell.address));
    }
    table[rowNumber - 1] = cells;
  });
  return Array.from(table, (row) => row ?? []);
}

/**
 * Refuses a workbook whose sheets reach beyond MAX_SHEET_COLUMNS or MAX_SHEET_ROWS (by the cells' own references, or
 * by their count where references are left out), or that would inflate beyond MAX_INFLATED_BYTES: before exceljs.
 */
function checkSheetExtent(bytes: Buffer): void {
  let declared = 0;
  let sheets: Record<string, Uint8Array>;
  try {
    sheets = unzipSync(bytes, {
      filter: (file) => {
        declared += file.originalSize;
        return declared <= MAX_INFLATED_BYTES && /^xl\/worksheets\/[^/]+\.xml$/.test(file.name);
      },
    });
  } catch (error) {
    throw new UnreadableFile(error);
  }
  if (declared > MAX_INFLATED_BYTES) throw new UnreadableFile(`inflates to more than ${MAX_INFLATED_BYTES} bytes`);
  for (const xml of Object.values(sheets)) {
    const text = new TextDecoder().decode(xml);
    let cells = 0;
    for (const match of text.matchAll(/<c\b([^>]*)>/g)) {
      cells += 1;
      const ref = /\br="([A-Z]{1,3})(\d+)"/.exec(match[1] ?? '');
      if (ref && (columnNumber(ref[1] as string) > MAX_SHEET_COLUMNS || Number(ref[2]) > MAX_SHEET_ROWS)) {
        throw new SheetTooLarge(`${ref[1]}${ref[2]}`);
      }
    }
    if (cells > MAX_SHEET_COLUMNS * MAX_SHEET_ROWS) throw new SheetTooLarge(`#${cells}`);
  }
}

/** A column's number from its letters: A = 1, Z = 26, AA = 27, XFD = 16,384. */
const columnNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

function plain(value: unknown, address: string): Cell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  const v = value as {
    richText?: { text: string }[];
    result?: unknown;
    text?: string;
    formula?: string;
    sharedFormula?: string;
    error?: string;
  };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  // A cell showing an error (#DIV/0!, #REF!) reads as what Excel shows; the row's rules then refuse it by column.
  if (typeof v.error === 'string') return v.error;
  if ('result' in v && v.result !== undefined) return plain(v.result, address);
  if (v.formula !== undefined || v.sharedFormula !== undefined) throw new FormulaWithoutValue(address);
  if (typeof v.text === 'string') return v.text;
  return String(value);
}
