import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  csvText,
  FormulaWithoutValue,
  SheetTooLarge,
  UnreadableFile,
  xlsxTable,
} from '../../functions/adapters/spreadsheet/ledger-import-files';

/**
 * Excel workbooks as the import reads them, made by hand (the smallest valid .xlsx: one sheet of inline strings),
 * so a test can hold what no spreadsheet library would write for it: a cell at XFD, a formula without its result.
 */
const text = (s: string) => new TextEncoder().encode(s);
const NS = 'http://schemas.openxmlformats.org';

function workbook(sheetData: string): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': text(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${NS}/package/2006/content-types">` +
          `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
          `<Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
          `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
      '_rels/.rels': text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': text(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships">` +
          `<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS}/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      'xl/worksheets/sheet1.xml': text(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`,
      ),
    }),
  );
}

const inline = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
const row = (n: number, cells: string) => `<row r="${n}">${cells}</row>`;

describe('reading an Excel ledger', () => {
  it('reads inline text, a formula by its saved result, and an error cell as Excel shows it', async () => {
    const table = await xlsxTable(
      workbook(
        row(1, inline('A1', '督查事项') + inline('B1', '进展')) +
          row(2, `${inline('A2', '修路')}<c r="B2"><f>40+2</f><v>42</v></c><c r="C2" t="e"><v>#DIV/0!</v></c>`),
      ),
    );
    expect(table).toEqual([
      ['督查事项', '进展'],
      ['修路', 42, '#DIV/0!'],
    ]);
  });

  it('refuses a formula whose result the file did not keep, naming its cell (not "[object Object]")', async () => {
    const file = workbook(row(1, inline('A1', '督查事项')) + row(2, `${inline('A2', '修路')}<c r="B2"><f>SUM(C2:D2)</f></c>`));
    await expect(xlsxTable(file)).rejects.toThrow(FormulaWithoutValue);
    await expect(xlsxTable(file)).rejects.toMatchObject({ cell: 'B2' });
  });

  it('refuses a sheet reaching column XFD before reading a cell, naming the first cell beyond the bounds', async () => {
    // 300 rows each with one cell at XFD: a few kilobytes, which exceljs alone spread into five million cells.
    const hostile = workbook(Array.from({ length: 300 }, (_, i) => row(i + 1, inline(`XFD${i + 1}`, 'x'))).join(''));
    expect(hostile.length).toBeLessThan(20_000);
    await expect(xlsxTable(hostile)).rejects.toThrow(SheetTooLarge);
    await expect(xlsxTable(hostile)).rejects.toMatchObject({ cell: 'XFD1' });
  });

  it('refuses a sheet reaching past its last allowed row, and one whose cells leave out their references', async () => {
    await expect(xlsxTable(workbook(row(1, inline('A1', '督查事项')) + row(1_048_576, inline('A1048576', 'x'))))).rejects.toMatchObject({
      cell: 'A1048576',
    });
    const unreferenced = `<row>${'<c t="inlineStr"><is><t>x</t></is></c>'.repeat(400)}</row>`;
    await expect(xlsxTable(workbook(unreferenced.repeat(900)))).rejects.toThrow(SheetTooLarge);
  });

  it('refuses what is not a workbook as unreadable', async () => {
    await expect(xlsxTable(Buffer.from('not a zip at all'))).rejects.toThrow(UnreadableFile);
  });
});

describe('a CSV’s encoding', () => {
  // 督查台账,完成时限 as Chinese Excel saves 「CSV (逗号分隔)」: GBK bytes.
  const gbk = new Uint8Array([0xb6, 0xbd, 0xb2, 0xe9, 0xcc, 0xa8, 0xd5, 0xcb, 0x2c, 0xcd, 0xea, 0xb3, 0xc9, 0xca, 0xb1, 0xcf, 0xde]);

  it('reads UTF-8 (with or without a BOM) as such, and GBK when the bytes are not UTF-8', () => {
    expect(csvText(new TextEncoder().encode('\uFEFF督查台账,完成时限'))).toBe('督查台账,完成时限'); // the BOM is the decoder's
    expect(csvText(gbk)).toBe('督查台账,完成时限');
  });

  it('takes a charset the request names, and refuses one it does not know or UTF-8 that is not', () => {
    expect(csvText(gbk, 'GBK')).toBe('督查台账,完成时限');
    expect(() => csvText(gbk, 'x-unknown')).toThrow(UnreadableFile);
    expect(() => csvText(gbk, 'utf-8')).toThrow(UnreadableFile);
  });
});
