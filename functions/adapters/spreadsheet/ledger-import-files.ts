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
    for (let c = 1; c <= row.cellCount; c++) cells.push(plain(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  return Array.from(table, (row) => row ?? []);
}

function plain(value: unknown): Cell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return plain(v.result);
  if (typeof v.text === 'string') return v.text;
  return String(value);
}
