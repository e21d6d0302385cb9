import { stringify } from 'csv-stringify/sync';
import { ledgerColumns, type LedgerRow } from '../../domain/ledger-sheet';
import { lightColors } from '../../domain/mail';
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
  return stringify([[...ledgerColumns], ...rows.map((r) => r.cells.map(asText))], {
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}

const argb = (light: Light) => `FF${lightColors[light].slice(1).toUpperCase()}`;

/** The ledger as one worksheet: frozen, bold header row; the 红黄绿灯 cell filled with its light's colour. */
export async function ledgerXlsx(rows: readonly LedgerRow[], generatedOn: string): Promise<Buffer> {
  // Loaded on first use: the workbook library is most of the bundle, and a cold start serving CSV need not evaluate it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ducha 督查管理电子平台';
  workbook.created = new Date(`${generatedOn}T00:00:00+08:00`);
  const sheet = workbook.addWorksheet('督查台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ledgerColumns.map((header) => ({ header, width: header === '督查事项' ? 48 : header === '协办单位' ? 28 : 14 }));
  sheet.getRow(1).font = { bold: true };
  const lightColumn = ledgerColumns.indexOf('红黄绿灯') + 1;
  for (const row of rows) {
    const added = sheet.addRow(row.cells);
    const cell = added.getCell(lightColumn);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(row.light) } };
    cell.font = { color: { argb: 'FFFFFFFF' }, bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
