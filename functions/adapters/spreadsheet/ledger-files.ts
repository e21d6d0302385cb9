import { stringify } from 'csv-stringify/sync';
import { cellText, ledgerColumns, ledgerSheet, type LedgerRow, type SheetCell } from '../../domain/ledger-sheet';
import type { Light } from '../../domain/light';

/**
 * A cell that starts like a formula is opened by Excel as one (CSV
 * injection): such text is written with a leading apostrophe, which Excel
 * shows as plain text.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;
const asText = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/**
 * UTF-8 with a byte-order mark and CRLF lines, so Excel opens the Chinese headers and text correctly.
 * With CRLF as the record delimiter csv-stringify quotes only cells holding CRLF: a bare LF or CR
 * (text stored before single-line fields refused them) would end the row, and the next line's
 * `=cmd` would open a cell of its own past the formula guard. Quoted, the cell stays whole.
 */
export function ledgerCsv(rows: readonly LedgerRow[]): string {
  return stringify([[...ledgerColumns], ...rows.map((r) => r.cells.map((cell) => asText(cellText(cell))))], {
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}

/**
 * The light's cell: a pale fill with dark text of the same hue (Excel's own Good / Neutral / Bad styles), readable
 * on screen and in black-and-white print — never white on yellow. Each pair has a contrast of at least 4.5:1.
 */
export const lightCellColours: Record<Light, { fill: string; font: string }> = {
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
  yellow: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
};

/** Excel's number formats for the typed cells: dates sort and filter as dates, and show as the CSV writes them. */
const DATE_FORMAT = 'yyyy-mm-dd';
const MINUTE_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * A typed cell's value for exceljs. Excel keeps no time zone: a date is the calendar day at UTC midnight, which
 * exceljs writes as that day's serial number (and reads back the same way, as the import expects).
 */
function cellValue(cell: SheetCell): { value: string | number | Date; numFmt?: string } {
  switch (cell.kind) {
    case 'text':
      return { value: cell.text };
    case 'number':
      return { value: cell.value };
    case 'date':
      return { value: new Date(`${cell.date}T00:00:00Z`), numFmt: DATE_FORMAT };
    case 'minute':
      return { value: new Date(`${cell.minute.replace(' ', 'T')}:00Z`), numFmt: MINUTE_FORMAT };
  }
}

/** A1-style name of a column number: 1 → A, 13 → M. */
export const columnLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + columnLetter(((n - 1) % 26) + 1);

/**
 * How the office prints a sheet: landscape A4, fitted to the page's width, as many pages down as it takes, the
 * header row (`headerRow`) repeated on each, numbered 第 N 页，共 M 页. The ledger and the assessment alike.
 */
export function printedSheet(headerRow: number) {
  return {
    views: [{ state: 'frozen' as const, ySplit: headerRow }],
    pageSetup: {
      orientation: 'landscape' as const,
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as it takes
      printTitlesRow: `${headerRow}:${headerRow}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  };
}

/**
 * The ledger as one worksheet a clerk can sort, filter and print: frozen bold header row with an autofilter over
 * the table, numbers and dates as typed cells, the light as its cell's colour, long text wrapped, landscape A4
 * fitted to the page's width with the header row repeated on every printed page.
 */
export async function ledgerXlsx(rows: readonly LedgerRow[], generatedOn: string): Promise<Buffer> {
  // Loaded on first use: the workbook library is most of the bundle, and a cold start serving CSV need not evaluate it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ducha 督查管理电子平台';
  workbook.created = new Date(`${generatedOn}T00:00:00+08:00`);
  const sheet = workbook.addWorksheet('督查台账', printedSheet(1));
  sheet.columns = ledgerSheet.map((column) => ({
    header: column.header,
    width: column.width,
    style: column.wrap ? { alignment: { wrapText: true, vertical: 'top' } } : { alignment: { vertical: 'top' } },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const lightColumn = ledgerColumns.indexOf('红黄绿灯') + 1;
  for (const row of rows) {
    const added = sheet.addRow(row.cells.map((cell) => cellValue(cell).value));
    row.cells.forEach((cell, index) => {
      const { numFmt } = cellValue(cell);
      if (numFmt) added.getCell(index + 1).numFmt = numFmt;
    });
    const light = added.getCell(lightColumn);
    const colours = lightCellColours[row.light];
    light.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
    light.font = { color: { argb: colours.font }, bold: true };
    light.alignment = { horizontal: 'center', vertical: 'top' };
  }
  sheet.autoFilter = `A1:${columnLetter(ledgerSheet.length)}${rows.length + 1}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
