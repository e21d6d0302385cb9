import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvTable, xlsxTable } from '../../functions/adapters/spreadsheet/ledger-import-files';
import { ledgerCsv, ledgerXlsx, lightCellColours } from '../../functions/adapters/spreadsheet/ledger-files';
import { RuleViolation } from '../../functions/domain/errors';
import type { Item } from '../../functions/domain/items';
import { importColumns, readRow, rowsOf, type Cell } from '../../functions/domain/ledger-import';
import { cellText, ledgerColumns, ledgerRows, rosterNames, shanghaiMinute, type LedgerRow } from '../../functions/domain/ledger-sheet';
import { lightReasonOf } from '../../functions/domain/light';
import type { Unit } from '../../functions/domain/units';
import { exportLedger, type LedgerExportDeps } from '../../functions/use-cases/export-ledger';
import type { ItemFilter, Page, PageRequest } from '../../functions/use-cases/ports';

const today = '2026-11-26';

const item = (id: string, overrides: Partial<Item> = {}): Item => ({
  id,
  title: `事项 ${id}`,
  description: '说明',
  source: 'work-report',
  sourceRef: '2026年政府工作报告',
  leadUnit: 'unit-a',
  coUnits: [],
  dueDate: '2027-06-30',
  requirements: ['进度'],
  projectType: false,
  milestones: [],
  status: 'assigned',
  acknowledgements: [],
  progressByUnit: {},
  registeredAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-11-26T06:05:00.000Z',
  version: 1,
  lastSeq: 1,
  ...overrides,
});

const names = new Map([
  ['unit-a', '市发展和改革委员会'],
  ['unit-b', '市住房和城乡建设局'],
  ['unit-c', '市财政局'],
]);
const unitName = (id: string) => names.get(id) ?? id;

const reported = item('i1', {
  title: '推进老旧小区改造',
  source: 'npc-suggestion',
  leadUnit: 'unit-a',
  coUnits: ['unit-b', 'unit-c'],
  dueDate: '2026-12-31',
  status: 'in-progress',
  percentComplete: 60,
  lastReportAt: '2026-11-26T06:05:00.000Z',
});
const late = item('i2', {
  title: '整治背街小巷',
  source: 'leader-instruction',
  leadUnit: 'unit-b',
  dueDate: '2026-11-25',
  status: 'assigned',
});
const soon = item('i3', {
  title: '完成政协提案答复',
  source: 'cppcc-proposal',
  leadUnit: 'unit-c',
  coUnits: ['unit-a'],
  dueDate: '2026-11-28',
  status: 'completion-claimed',
  percentComplete: 0,
  lastReportAt: '2026-11-20T16:00:00.000Z',
});

const closedItem = item('i4', {
  title: '建成社区养老服务站',
  dueDate: '2026-11-30',
  status: 'closed',
  percentComplete: 35, // a stale figure: the row says 已办结 instead
  lastReportAt: '2026-11-10T02:00:00.000Z',
  lastVerification: { method: 'site', passed: true, findings: '现场核查属实', at: '2026-11-20T17:30:00.000Z' },
});
const withdrawnItem = item('i5', { title: '已撤销的事项', status: 'withdrawn', percentComplete: 20 });

/** Each row's cells as the CSV writes them. */
const texts = (rows: LedgerRow[]) => rows.map((r) => r.cells.map(cellText));

describe('督查台账 rows', () => {
  it('has the import’s eight columns first, then state, progress, the light and its reason, the last report, the 分管领导', () => {
    expect(ledgerColumns).toEqual([
      '序号',
      '督查事项',
      '来源',
      '文号',
      '牵头单位',
      '协办单位',
      '完成时限',
      '督办要求',
      '状态',
      '进展（%）',
      '红黄绿灯',
      '亮灯原因',
      '最近报送',
      '分管领导',
    ]);
    expect(ledgerColumns.slice(0, importColumns.length)).toEqual([...importColumns]);
  });

  it('writes one row per item, numbered from 1, with Chinese labels, units by name, the light and its reason', () => {
    const rows = ledgerRows([{ ...reported, leaderInCharge: 'vice-mayor-li' }, late, soon], unitName, today, (id) =>
      id === 'vice-mayor-li' ? '李副市长' : '',
    );
    expect(rows.map((r) => r.light)).toEqual(['green', 'red', 'yellow']);
    expect(texts(rows)).toEqual([
      [
        '1',
        '推进老旧小区改造',
        '人大代表建议',
        '2026年政府工作报告',
        '市发展和改革委员会',
        '市住房和城乡建设局、市财政局',
        '2026-12-31',
        '进度',
        '办理中',
        '60',
        '绿灯',
        lightReasonOf(reported, today),
        '2026-11-26 14:05',
        '李副市长',
      ],
      [
        '2',
        '整治背街小巷',
        '领导批示件',
        '2026年政府工作报告',
        '市住房和城乡建设局',
        '',
        '2026-11-25',
        '进度',
        '已派发',
        '未报送',
        '红灯',
        '完成时限2026年11月25日已过1天',
        '未报送',
        '',
      ],
      [
        '3',
        '完成政协提案答复',
        '政协提案',
        '2026年政府工作报告',
        '市财政局',
        '市发展和改革委员会',
        '2026-11-28',
        '进度',
        '申请办结',
        '0',
        '黄灯',
        lightReasonOf(soon, today),
        '2026-11-21 00:00',
        '',
      ],
    ]);
    expect(lightReasonOf(soon, today)).toContain('2026年11月28日');
  });

  it('types the cells: 序号 and progress as numbers, the deadline as a date, the last report as a minute', () => {
    const [row] = ledgerRows([reported], unitName, today);
    const cell = (header: string) => row?.cells[ledgerColumns.indexOf(header)];
    expect(cell('序号')).toEqual({ kind: 'number', value: 1 });
    expect(cell('进展（%）')).toEqual({ kind: 'number', value: 60 });
    expect(cell('完成时限')).toEqual({ kind: 'date', date: '2026-12-31' });
    expect(cell('最近报送')).toEqual({ kind: 'minute', minute: '2026-11-26 14:05' });
    expect(cell('督查事项')).toEqual({ kind: 'text', text: '推进老旧小区改造' });
  });

  it('lists 督办要求 one per line, as the import splits them', () => {
    const [row] = ledgerRows([item('r', { requirements: ['工程进度', '资金到位情况', '存在问题'] })], unitName, today);
    expect(cellText(row!.cells[ledgerColumns.indexOf('督办要求')]!)).toBe('工程进度\n资金到位情况\n存在问题');
  });

  it('shows a closed item as 已办结 with the day verification closed it (Shanghai), a withdrawn one as 已撤销', () => {
    const rows = ledgerRows([closedItem, withdrawnItem], unitName, today);
    const progress = ledgerColumns.indexOf('进展（%）');
    expect(rows.map((r) => r.cells[progress])).toEqual([
      { kind: 'text', text: '已办结（2026-11-21）' },
      { kind: 'text', text: '已撤销' },
    ]);
    expect(texts(rows).map((r) => r[ledgerColumns.indexOf('状态')])).toEqual(['已办结', '已撤销']);
    expect(texts(rows).map((r) => r[ledgerColumns.indexOf('亮灯原因')])).toEqual(['已办结', '已撤销']);
  });

  it('shows a unit the lookup does not know as the lookup gives it', () => {
    const [row] = ledgerRows([item('i9', { leadUnit: 'unit-x', coUnits: ['unit-a', 'unit-y'] })], unitName, today);
    expect(row?.cells.slice(4, 6).map(cellText)).toEqual(['unit-x', '市发展和改革委员会、unit-y']);
  });

  it('names the 分管领导 from the roster’s leaders, never by the leaderId', () => {
    const { leaderName, unitName: named } = rosterNames([
      { id: 'city-leaders', name: '市政府领导', contacts: [{ name: '张市长', leaderId: 'mayor-zhang' }, { name: '办公室' }] },
    ]);
    expect([leaderName('mayor-zhang'), leaderName('gone-leader'), named('city-leaders')]).toEqual(['张市长', '', '市政府领导']);
  });

  it('writes the time of the latest report to the minute, in Shanghai', () => {
    expect(shanghaiMinute('2026-11-26T06:05:00Z')).toBe('2026-11-26 14:05');
    expect(shanghaiMinute('2026-11-26T15:59:59.999Z')).toBe('2026-11-26 23:59');
    expect(shanghaiMinute('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
  });
});

const rows = (): LedgerRow[] => ledgerRows([reported, late, soon], unitName, today);
const HEADER_LINE = '序号,督查事项,来源,文号,牵头单位,协办单位,完成时限,督办要求,状态,进展（%）,红黄绿灯,亮灯原因,最近报送,分管领导';

describe('督查台账 as CSV', () => {
  it('starts with the UTF-8 byte-order mark and the Chinese headers', () => {
    const csv = ledgerCsv(rows());
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(HEADER_LINE);
  });

  it('ends every line with CRLF; numbers in figures, dates ISO', () => {
    const csv = ledgerCsv(rows());
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(1 + 3 + 1); // header, three rows, nothing after the last CRLF
    expect(lines.at(-1)).toBe('');
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(lines[2]).toBe(
      '2,整治背街小巷,领导批示件,2026年政府工作报告,市住房和城乡建设局,,2026-11-25,进度,已派发,未报送,红灯,完成时限2026年11月25日已过1天,未报送,',
    );
    expect(lines[1]).toMatch(/^1,推进老旧小区改造,.*,2026-12-31,进度,办理中,60,绿灯,.*,2026-11-26 14:05,$/);
  });

  it('keeps several requirements in one quoted cell, one per line', () => {
    const [row] = ledgerRows([item('r', { requirements: ['工程进度', '资金到位'] })], unitName, today);
    expect(ledgerCsv([row!])).toContain(',"工程进度\n资金到位",');
  });

  it('writes a closed item’s progress as 已办结 with its date', () => {
    const line = ledgerCsv(ledgerRows([closedItem], unitName, today)).split('\r\n')[1];
    expect(line?.split(',')[ledgerColumns.indexOf('进展（%）')]).toBe('已办结（2026-11-21）');
  });

  it('quotes a title holding a comma and a double quote', () => {
    const [row] = ledgerRows([item('q', { title: '落实"放管服"改革,优化营商环境' })], unitName, today);
    const line = ledgerCsv([row!]).split('\r\n')[1];
    expect(
      line?.startsWith('1,"落实""放管服""改革,优化营商环境",政府工作报告重点工作,2026年政府工作报告,市发展和改革委员会,,2027-06-30,'),
    ).toBe(true);
  });

  it('writes a cell that starts like a formula as text, with a leading apostrophe', () => {
    const formulas = ['=HYPERLINK(1)', '+1+1', '-1+1', '@SUM(A1)'].map(
      (title, i) => ledgerRows([item(`f${i}`, { title })], unitName, today)[0]!,
    );
    const lines = ledgerCsv(formulas).split('\r\n');
    expect(lines.slice(1, 5).map((l) => l.split(',')[1])).toEqual(["'=HYPERLINK(1)", "'+1+1", "'-1+1", "'@SUM(A1)"]);
  });

  it('leaves a title with an equals sign inside alone', () => {
    const [row] = ledgerRows([item('e', { title: '完成率=100%' })], unitName, today);
    expect(ledgerCsv([row!]).split('\r\n')[1]?.split(',')[1]).toBe('完成率=100%');
  });
});

/** WCAG 2 contrast ratio of two ARGB colours. */
function contrast(a: string, b: string): number {
  const luminance = (argb: string) => {
    const [r, g, bl] = [2, 4, 6].map((i) => {
      const c = Number.parseInt(argb.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('督查台账 as XLSX', () => {
  const load = async (buffer: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    // exceljs types its Buffer as an ArrayBuffer, which Node 20's Buffer<ArrayBufferLike> does not satisfy.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return workbook;
  };
  const values = (row: ExcelJS.Row) => ledgerColumns.map((_, i) => row.getCell(i + 1).value);
  const at = (header: string) => ledgerColumns.indexOf(header) + 1;
  const sheetOf = async (list: LedgerRow[]) => (await load(await ledgerXlsx(list, today))).getWorksheet('督查台账')!;

  it('is one sheet named 督查台账 with the headers in a frozen, bold first row', async () => {
    const workbook = await load(await ledgerXlsx(rows(), today));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['督查台账']);
    const sheet = workbook.getWorksheet('督查台账')!;
    expect(values(sheet.getRow(1))).toEqual([...ledgerColumns]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('has an autofilter over the header row and the table, and prints landscape A4 with the header on every page', async () => {
    const sheet = await sheetOf(rows());
    expect(sheet.autoFilter).toBe('A1:N4');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '1:1', fitToWidth: 1, fitToHeight: 0 });
    expect((await sheetOf([])).autoFilter).toBe('A1:N1');
  });

  it('writes 序号 and progress as numbers, the deadline as a date cell and the last report as a date-time cell', async () => {
    const sheet = await sheetOf(rows());
    const first = sheet.getRow(2);
    expect(first.getCell(at('序号'))).toMatchObject({ type: ExcelJS.ValueType.Number, value: 1 });
    expect(first.getCell(at('进展（%）'))).toMatchObject({ type: ExcelJS.ValueType.Number, value: 60 });
    const due = first.getCell(at('完成时限'));
    expect(due.type).toBe(ExcelJS.ValueType.Date);
    expect(due.value).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(due.numFmt).toBe('yyyy-mm-dd');
    const reportedAt = first.getCell(at('最近报送'));
    expect(reportedAt.type).toBe(ExcelJS.ValueType.Date);
    expect(reportedAt.value).toEqual(new Date('2026-11-26T14:05:00Z')); // Shanghai's wall clock, as Excel keeps no zone
    expect(reportedAt.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getRow(3).getCell(at('最近报送')).value).toBe('未报送');
    expect(sheet.getRow(4).getCell(at('序号')).value).toBe(3);
  });

  it('writes each row’s text under the headers', async () => {
    const list = rows();
    const sheet = await sheetOf(list);
    expect(sheet.rowCount).toBe(1 + list.length);
    const textual = (row: ExcelJS.Row) => values(row).map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')));
    expect(textual(sheet.getRow(3))).toEqual([
      '2',
      '整治背街小巷',
      '领导批示件',
      '2026年政府工作报告',
      '市住房和城乡建设局',
      '',
      '2026-11-25T00:00:00.000Z',
      '进度',
      '已派发',
      '未报送',
      '红灯',
      '完成时限2026年11月25日已过1天',
      '未报送',
      '',
    ]);
  });

  it('shows a closed item’s progress as 已办结 with its date and a withdrawn one’s as 已撤销', async () => {
    const sheet = await sheetOf(ledgerRows([closedItem, withdrawnItem], unitName, today));
    expect(sheet.getRow(2).getCell(at('进展（%）')).value).toBe('已办结（2026-11-21）');
    expect(sheet.getRow(3).getCell(at('进展（%）')).value).toBe('已撤销');
    expect(sheet.getRow(2).getCell(at('状态')).value).toBe('已办结');
  });

  it('keeps a title that starts like a formula as the text itself', async () => {
    const [row] = ledgerRows([item('f', { title: '=1+1' })], unitName, today);
    const cell = (await sheetOf([row!])).getRow(2).getCell(2);
    expect(cell.value).toBe('=1+1');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });

  it('fills the 红黄绿灯 cell with its light’s pale colour, in dark text that reads on it (never white)', async () => {
    const list = rows(); // green, red, yellow
    const sheet = await sheetOf(list);
    list.forEach((row, index) => {
      const cell = sheet.getRow(index + 2).getCell(at('红黄绿灯'));
      expect(cell.value).toBe({ green: '绿灯', yellow: '黄灯', red: '红灯' }[row.light]);
      const fill = cell.fill as ExcelJS.FillPattern;
      expect(fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: lightCellColours[row.light].fill } });
      const font = cell.font.color?.argb ?? '';
      expect(font).toBe(lightCellColours[row.light].font);
      expect(font).not.toBe('FFFFFFFF');
      expect(contrast(font, fill.fgColor?.argb ?? '')).toBeGreaterThanOrEqual(4.5);
    });
    expect(list.map((r) => r.light)).toEqual(['green', 'red', 'yellow']);
    expect(contrast('FFFFFFFF', 'FFF9A825')).toBeLessThan(4.5); // white on the mail's yellow would not read
  });
});

describe('an exported ledger imports again', () => {
  const units = [
    { id: 'unit-a', name: '市发展和改革委员会', kind: 'department' as const },
    { id: 'unit-b', name: '市住房和城乡建设局', kind: 'department' as const },
    { id: 'unit-c', name: '市财政局', kind: 'department' as const },
  ];
  const exported = [
    reported,
    item('two', { requirements: ['工程进度', '资金到位情况'], sourceRef: '安政办发〔2014〕134号', coUnits: ['unit-b'] }),
    closedItem,
    // The CSV writes it after an apostrophe (CSV injection); the import drops that apostrophe again.
    item('formula', { title: '=SUM(1+1) 开头像公式的事项' }),
  ];
  const registrations = (table: Cell[][]) => {
    const { rows: read, missingColumns } = rowsOf(table);
    expect(missingColumns).toEqual([]);
    return read.map((row) => {
      const { inputs, problems } = readRow(row, { units, leaders: [], decisions: {}, today, asOf: today });
      expect(problems).toEqual([]);
      return inputs[0];
    });
  };
  const expected = exported.map((i) => ({
    title: i.title,
    source: i.source,
    sourceRef: i.sourceRef,
    leadUnit: i.leadUnit,
    coUnits: i.coUnits,
    dueDate: i.dueDate,
    requirements: i.requirements,
  }));

  it('from the CSV', () => {
    expect(registrations(csvTable(ledgerCsv(ledgerRows(exported, unitName, today))))).toEqual(expected);
  });

  it('from the workbook (dates as date cells, numbers as numbers)', async () => {
    const table = await xlsxTable(await ledgerXlsx(ledgerRows(exported, unitName, today), today));
    expect(registrations(table)).toEqual(expected);
  });
});

describe('exportLedger: every page of the filtered ledger', () => {
  const units: Unit[] = [
    { id: 'unit-a', name: '市发展和改革委员会', kind: 'department', contacts: [], registeredAt: '2026-01-01T00:00:00.000Z', version: 1 },
    { id: 'unit-b', name: '市住房和城乡建设局', kind: 'department', contacts: [], registeredAt: '2026-01-01T00:00:00.000Z', version: 1 },
  ];

  /** An items repository that serves these pages, each answering the previous page's cursor. */
  const fakeDeps = (pages: Item[][], now = new Date('2026-11-26T02:00:00.000Z')) => {
    const calls: { filter: ItemFilter; today: string; page: PageRequest }[] = [];
    let unitReads = 0;
    const deps: LedgerExportDeps = {
      clock: { now: () => now },
      units: {
        all: async () => {
          unitReads += 1;
          return units;
        },
      },
      items: {
        list: async (filter, today, page): Promise<Page<Item>> => {
          calls.push({ filter, today, page });
          const index = page.cursor === undefined ? 0 : Number(page.cursor.slice('page-'.length));
          const next = index + 1 < pages.length ? { cursor: `page-${index + 1}` } : {};
          return { items: pages[index] ?? [], ...next };
        },
      },
    };
    return { deps, calls, unitReads: () => unitReads };
  };

  it('reads every page in order with the filter, and names the units', async () => {
    const { deps, calls } = fakeDeps([
      [item('i1', { leadUnit: 'unit-a', coUnits: ['unit-b'] }), item('i2', { leadUnit: 'unit-b' })],
      [item('i3', { leadUnit: 'unit-z' })],
      [item('i4', { leadUnit: 'unit-a' })],
    ]);
    const filter: ItemFilter = { unit: 'unit-a', status: 'in-progress', light: 'red', dueBefore: '2026-12-31' };
    const ledger = await exportLedger(deps, filter);
    expect(calls).toEqual([
      { filter, today: '2026-11-26', page: { limit: 100, cursor: undefined } },
      { filter, today: '2026-11-26', page: { limit: 100, cursor: 'page-1' } },
      { filter, today: '2026-11-26', page: { limit: 100, cursor: 'page-2' } },
    ]);
    expect(calls[0]?.page.cursor).toBeUndefined();
    expect(ledger.generatedOn).toBe('2026-11-26');
    expect(ledger.rows.map((r) => [0, 1, 2, 4, 5].map((i) => cellText(r.cells[i]!)))).toEqual([
      ['1', '事项 i1', '政府工作报告重点工作', '市发展和改革委员会', '市住房和城乡建设局'],
      ['2', '事项 i2', '政府工作报告重点工作', '市住房和城乡建设局', ''],
      ['3', '事项 i3', '政府工作报告重点工作', 'unit-z', ''],
      ['4', '事项 i4', '政府工作报告重点工作', '市发展和改革委员会', ''],
    ]);
  });

  it('takes today in Shanghai from the clock', async () => {
    const { deps, calls } = fakeDeps([[item('i1', { dueDate: '2026-11-26' })]], new Date('2026-11-26T16:30:00.000Z'));
    const ledger = await exportLedger(deps, {});
    expect(calls[0]?.today).toBe('2026-11-27');
    expect(ledger.generatedOn).toBe('2026-11-27');
    expect(ledger.rows[0]?.light).toBe('red'); // due yesterday in Shanghai
  });

  it('exports an empty ledger as no rows', async () => {
    const { deps, calls } = fakeDeps([[]]);
    expect((await exportLedger(deps, {})).rows).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('exports exactly maxRows items', async () => {
    const { deps } = fakeDeps([
      [item('i1'), item('i2')],
      [item('i3'), item('i4')],
    ]);
    expect((await exportLedger(deps, {}, 4)).rows).toHaveLength(4);
  });

  it('refuses with ledger-too-large once more than maxRows items come back, reading no further', async () => {
    const { deps, calls, unitReads } = fakeDeps([[item('i1'), item('i2')], [item('i3'), item('i4')], [item('i5')]]);
    const failure = exportLedger(deps, { source: 'work-report' }, 3);
    await expect(failure).rejects.toBeInstanceOf(RuleViolation);
    await expect(failure).rejects.toMatchObject({ code: 'ledger-too-large' });
    expect(calls).toHaveLength(2);
    expect(unitReads()).toBe(0);
  });
});
