import type { Borders } from 'exceljs';
import {
  assessmentRows,
  assessmentSheet,
  assessmentSubtitle,
  assessmentTitle,
  type AssessedRow,
  type AssessmentCell,
} from '../../domain/assessment-sheet';
import type { CalendarDate } from '../../domain/calendar';
import { columnLetter, printedSheet } from './ledger-files';

/** The rows above the table: the title, then the day and the scoring rule; the table's header is the third. */
export const ASSESSMENT_HEADER_ROW = 3;

/** A rate as Excel shows it: 66.7%, and sortable as the number it is. */
const PERCENT_FORMAT = '0.0%';

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const ruled: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

const cellValue = (cell: AssessmentCell): string | number => (cell.kind === 'text' ? cell.text : cell.value);

/**
 * 年度考核 as one worksheet to file and print: the title 「YYYY年度督查考核」 and the day it is as of above the
 * console's columns, units by name, best score first (the API's order); counts, scores and the on-time rate as
 * number cells; a bold, frozen header row with an autofilter; ruled cells; landscape A4 fitted to the page's width,
 * the header row repeated on every printed page and page numbers in the footer.
 */
export async function assessmentXlsx(assessment: { year: number; asOf: CalendarDate; units: readonly AssessedRow[] }): Promise<Buffer> {
  // Loaded on first use, as the ledger's workbook is: only the exports group's bundle carries the library.
  const { default: ExcelJS } = await import('exceljs');
  const title = assessmentTitle(assessment.year);
  const last = columnLetter(assessmentSheet.length);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ducha 督查管理电子平台';
  workbook.created = new Date(`${assessment.asOf}T00:00:00+08:00`);
  workbook.title = title;
  const sheet = workbook.addWorksheet(title, printedSheet(ASSESSMENT_HEADER_ROW));
  sheet.columns = assessmentSheet.map((column) => ({
    width: column.width,
    style: { alignment: { vertical: 'top', ...(column.wrap ? { wrapText: true } : {}) } },
  }));

  sheet.mergeCells(`A1:${last}1`);
  const titleCell = sheet.getCell('A1');
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(`A2:${last}2`);
  const subtitle = sheet.getCell('A2');
  subtitle.value = assessmentSubtitle(assessment.asOf);
  subtitle.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  sheet.getRow(2).height = 20;

  const header = sheet.getRow(ASSESSMENT_HEADER_ROW);
  header.values = assessmentSheet.map((column) => column.header);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.border = ruled;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });

  for (const cells of assessmentRows(assessment.units)) {
    const row = sheet.addRow(cells.map(cellValue));
    cells.forEach((cell, index) => {
      const target = row.getCell(index + 1);
      target.border = ruled;
      if (cell.kind === 'percent') target.numFmt = PERCENT_FORMAT;
      if (cell.kind !== 'text' || !assessmentSheet[index]!.wrap) target.alignment = { horizontal: 'center', vertical: 'top' };
    });
  }
  sheet.autoFilter = `A${ASSESSMENT_HEADER_ROW}:${last}${ASSESSMENT_HEADER_ROW + assessment.units.length}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
