import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ledgerCsv, ledgerXlsx } from '../../functions/adapters/spreadsheet/ledger-files';
import { RuleViolation } from '../../functions/domain/errors';
import type { Item } from '../../functions/domain/items';
import { ledgerColumns, ledgerRows, shanghaiMinute, type LedgerRow } from '../../functions/domain/ledger-sheet';
import { lightColors } from '../../functions/domain/mail';
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

describe('督查台账 rows', () => {
  it('has the ten columns the office prints, in order', () => {
    expect(ledgerColumns).toEqual(['序号', '督查事项', '来源', '牵头单位', '协办单位', '完成时限', '状态', '进展', '红黄绿灯', '最近报送']);
  });

  it('writes one row per item, numbered from 1, with Chinese labels and units by name', () => {
    expect(ledgerRows([reported, late, soon], unitName, today)).toEqual([
      {
        light: 'green',
        cells: [
          '1',
          '推进老旧小区改造',
          '人大代表建议',
          '市发展和改革委员会',
          '市住房和城乡建设局、市财政局',
          '2026-12-31',
          '办理中',
          '60%',
          '绿灯',
          '2026-11-26 14:05',
        ],
      },
      {
        light: 'red',
        cells: ['2', '整治背街小巷', '领导批示件', '市住房和城乡建设局', '', '2026-11-25', '已派发', '未报送', '红灯', '未报送'],
      },
      {
        light: 'yellow',
        cells: [
          '3',
          '完成政协提案答复',
          '政协提案',
          '市财政局',
          '市发展和改革委员会',
          '2026-11-28',
          '申请销号',
          '0%',
          '黄灯',
          '2026-11-21 00:00',
        ],
      },
    ]);
  });

  it('shows a unit the lookup does not know as the lookup gives it', () => {
    const [row] = ledgerRows([item('i9', { leadUnit: 'unit-x', coUnits: ['unit-a', 'unit-y'] })], unitName, today);
    expect(row?.cells.slice(3, 5)).toEqual(['unit-x', '市发展和改革委员会、unit-y']);
  });

  it('writes the time of the latest report to the minute, in Shanghai', () => {
    expect(shanghaiMinute('2026-11-26T06:05:00Z')).toBe('2026-11-26 14:05');
    expect(shanghaiMinute('2026-11-26T15:59:59.999Z')).toBe('2026-11-26 23:59');
    expect(shanghaiMinute('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
  });
});

const rows = (): LedgerRow[] => ledgerRows([reported, late, soon], unitName, today);

describe('督查台账 as CSV', () => {
  it('starts with the UTF-8 byte-order mark and the ten Chinese headers', () => {
    const csv = ledgerCsv(rows());
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe('序号,督查事项,来源,牵头单位,协办单位,完成时限,状态,进展,红黄绿灯,最近报送');
  });

  it('ends every line with CRLF', () => {
    const csv = ledgerCsv(rows());
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(1 + 3 + 1); // header, three rows, nothing after the last CRLF
    expect(lines.at(-1)).toBe('');
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(lines[2]).toBe('2,整治背街小巷,领导批示件,市住房和城乡建设局,,2026-11-25,已派发,未报送,红灯,未报送');
  });

  it('quotes a title holding a comma and a double quote', () => {
    const [row] = ledgerRows([item('q', { title: '落实"放管服"改革,优化营商环境' })], unitName, today);
    const line = ledgerCsv([row!]).split('\r\n')[1];
    expect(line).toBe('1,"落实""放管服""改革,优化营商环境",政府工作报告重点工作,市发展和改革委员会,,2027-06-30,已派发,未报送,绿灯,未报送');
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

describe('督查台账 as XLSX', () => {
  const load = async (buffer: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    // exceljs types its Buffer as an ArrayBuffer, which Node 20's Buffer<ArrayBufferLike> does not satisfy.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return workbook;
  };
  const texts = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1);

  it('is one sheet named 督查台账 with the headers in a frozen first row', async () => {
    const workbook = await load(await ledgerXlsx(rows(), today));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['督查台账']);
    const sheet = workbook.getWorksheet('督查台账')!;
    expect(texts(sheet.getRow(1))).toEqual([...ledgerColumns]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes each row’s cells under the headers', async () => {
    const list = rows();
    const sheet = (await load(await ledgerXlsx(list, today))).getWorksheet('督查台账')!;
    expect(sheet.rowCount).toBe(1 + list.length);
    expect(texts(sheet.getRow(2))).toEqual(list[0]!.cells);
    expect(texts(sheet.getRow(3))).toEqual(list[1]!.cells); // its 协办单位 is empty
    expect(texts(sheet.getRow(4))).toEqual(list[2]!.cells);
  });

  it('keeps a title that starts like a formula as the text itself', async () => {
    const [row] = ledgerRows([item('f', { title: '=1+1' })], unitName, today);
    const sheet = (await load(await ledgerXlsx([row!], today))).getWorksheet('督查台账')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('=1+1');
  });

  it('fills the 红黄绿灯 cell with its light’s colour', async () => {
    const list = rows(); // green, red, yellow
    const sheet = (await load(await ledgerXlsx(list, today))).getWorksheet('督查台账')!;
    const lightColumn = ledgerColumns.indexOf('红黄绿灯') + 1;
    list.forEach((row, index) => {
      const cell = sheet.getRow(index + 2).getCell(lightColumn);
      expect(cell.value).toBe({ green: '绿灯', yellow: '黄灯', red: '红灯' }[row.light]);
      const fill = cell.fill as ExcelJS.FillPattern;
      expect(fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
      expect(fill.fgColor?.argb).toBe(`FF${lightColors[row.light].slice(1).toUpperCase()}`);
    });
    expect(list.map((r) => r.light)).toEqual(['green', 'red', 'yellow']);
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
    expect(ledger.rows.map((r) => r.cells.slice(0, 5))).toEqual([
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
