import { describe, expect, it } from 'vitest';
import { csvTable, UnreadableFile } from '../../functions/adapters/spreadsheet/ledger-import-files';
import { startOfShanghaiDay } from '../../functions/domain/calendar';
import { lightReasonOf } from '../../functions/domain/light';
import { dateOf, importedItemId, leaderOf, rowsOf, sourceOf } from '../../functions/domain/ledger-import';
import { newUnit } from '../../functions/domain/units';
import { validateImportedRow } from '../../functions/http/import-validation';
import { render } from '../../functions/messages/message';
import { assessUnits } from '../../functions/use-cases/assess-units';
import { importLedger } from '../../functions/use-cases/import-ledger';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import { head, unitRegistration } from '../fixtures';
import { memoryLedger, memoryOutbox, recordingMailer } from './memory-ports';

const office = { sub: 'office-1', role: 'office' as const };
const at = (date: string, hours = 9, minutes = 30) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);
const header = ['序号', '督查事项', '来源', '文号', '牵头单位', '协办单位', '完成时限', '督办要求', '状态'];

const validate = validateImportedRow;

function world() {
  const ledger = memoryLedger();
  for (const [id, name] of [
    ['hanbin', '汉滨区人民政府'],
    ['water', '市水利局'],
    ['office', '市政府督查室'],
  ] as const) {
    ledger.state.units.set(
      id,
      newUnit(unitRegistration(id, name, id === 'office' ? 'office' : 'county'), new Date('2026-01-01T00:00:00Z')),
    );
  }
  let now = at('2026-11-20', 10, 0);
  const deps = { ...ledger, clock: { now: () => now } };
  return { ledger, deps, setNow: (d: Date) => (now = d) };
}

describe('reading a ledger file', () => {
  it('parses CSV as Excel saves it: BOM, quotes, doubled quotes, CRLF and line breaks inside a field', () => {
    expect(csvTable('\uFEFFa,"b,1","say ""hi"""\r\n"two\nlines",,x\n')).toEqual([
      ['a', 'b,1', 'say "hi"'],
      ['two\nlines', '', 'x'],
    ]);
    expect(() => csvTable('a,"open')).toThrow(UnreadableFile);
    expect(() => csvTable('a,\uFFFD')).toThrow(UnreadableFile);
  });

  it('finds the columns by their headers, in any order, and says which are missing', () => {
    const { rows, missingColumns } = rowsOf([
      [],
      ['督查事项', '完成时限', '牵头单位', '其他'],
      ['修路', '2026-12-31', '市交通局', 'x'],
      ['', '', ''],
    ]);
    expect(rows).toEqual([{ row: 3, cells: { 督查事项: '修路', 完成时限: '2026-12-31', 牵头单位: '市交通局' } }]);
    expect(missingColumns).toEqual([]);
    expect(rowsOf([['督查事项', '完成时限', '来源']]).missingColumns).toEqual(['牵头单位']);
  });

  it('reads dates and sources as offices write them', () => {
    expect(['2026-12-31', '2026/12/31', '2026.1.5', '2026年1月5日', new Date('2026-03-04T00:00:00Z')].map(dateOf)).toEqual([
      '2026-12-31',
      '2026-12-31',
      '2026-01-05',
      '2026-01-05',
      '2026-03-04',
    ]);
    expect(['2026-02-30', '下月底', ''].map(dateOf)).toEqual([undefined, undefined, undefined]);
    expect(sourceOf('政府工作报告重点工作')).toBe('work-report');
    expect(sourceOf('meeting-decision')).toBe('meeting-decision');
    expect(sourceOf('政协提案')).toBe('cppcc-proposal');
    expect(sourceOf('报告')).toBeUndefined();
  });

  it('makes the same id from the same content whatever the order of co-units', () => {
    const input = {
      title: '修路',
      source: 'work-report' as const,
      sourceRef: '文1',
      leadUnit: 'a',
      coUnits: ['b', 'c'],
      dueDate: '2026-12-31',
      requirements: ['进度'],
    };
    expect(importedItemId(input)).toBe(importedItemId({ ...input, coUnits: ['c', 'b'] }));
    expect(importedItemId(input)).not.toBe(importedItemId({ ...input, dueDate: '2027-01-01' }));
    expect(importedItemId(input)).toMatch(/^imp-[0-9a-f]{32}$/);
  });
});

describe('导入台账', () => {
  const table = [
    header,
    [
      '1',
      '城区供水管网改造',
      '政府工作报告重点工作',
      '2026年政府工作报告',
      '汉滨区人民政府',
      '市水利局',
      '2026-10-31',
      '工程进度\n资金到位',
      '办理中',
    ],
    ['2', '河道清淤', '政府重要会议决定事项', '常务会议纪要〔2026〕9号', 'water', '', '2026年12月31日', '工作进展', ''],
  ];

  it('previews without writing; imports; re-importing creates nothing twice; past deadlines kept and marked imported', async () => {
    const { ledger, deps } = world();
    const dry = await importLedger(deps, office, table, validate, { dryRun: true });
    expect(dry.rows.map((r) => [r.row, r.status, r.pastDue ?? false])).toEqual([
      [2, 'create', true],
      [3, 'create', false],
    ]);
    expect(ledger.state.items.size).toBe(0);

    const real = await importLedger(deps, office, table, validate, { dryRun: false });
    expect(real.rows.map((r) => r.status)).toEqual(['created', 'created']);
    const late = ledger.state.items.get(real.rows[0]!.itemId!)!;
    expect(late).toMatchObject({ dueDate: '2026-10-31', imported: true, status: 'assigned', leadUnit: 'hanbin', coUnits: ['water'] });
    expect(late.requirements).toEqual(['工程进度', '资金到位']);
    expect(ledger.state.histories.get(late.id)?.[0]).toMatchObject({ type: 'item.imported', data: { row: 2 } });
    // Still red (it is overdue), and its reason says whose lateness it is not.
    expect(lightReasonOf(late, '2026-11-20')).toBe('完成时限2026年10月31日已过20天；导入前原台账已过期，不计入逾期、不预警通报');

    // The file again: both rows are in the ledger, and the past-due one is not asked 办理中 or 已办结 again.
    const preview = await importLedger(deps, office, table, validate, { dryRun: true });
    expect(preview.rows.map((r) => [r.status, r.pastDue ?? false])).toEqual([
      ['exists', false],
      ['exists', false],
    ]);
    const again = await importLedger(deps, office, table, validate, { dryRun: false });
    expect(again.rows.map((r) => r.status)).toEqual(['exists', 'exists']);
    expect(ledger.state.items.size).toBe(2);
  });

  it('answers every row’s problems; the real run imports the rows without any and leaves the others', async () => {
    const { ledger, deps } = world();
    const bad = [
      header,
      ['1', '修路', '不知道', '文1', '没有这个单位', '', '下月底', '进度'],
      ['2', '河道清淤', '政协提案', '文2', 'water', 'water', '2026-12-31', '进展'],
      ['3', '河道清淤', '政协提案', '文3', 'water', '', '2026-12-31', '进展'],
      ['4', '河道清淤', '政协提案', '文3', '市水利局', '', '2026/12/31', '进展'],
    ];
    const dry = await importLedger(deps, office, bad, validate, { dryRun: true });
    const said = (row: number) => dry.rows.find((r) => r.row === row)!.problems.map((p) => [p.column, render(p.message, 'zh')]);
    expect(said(2)).toEqual([
      ['牵头单位', '单位「没有这个单位」不在单位名册中（可先登记该单位，或在预览中选择对应单位）'],
      ['来源', '无法从「不知道」判断来源，请选择来源'],
      ['完成时限', '完成时限「下月底」无法识别为日期，请填写完成时限（如 2026-12-31）'],
    ]);
    // The lead written again among the co-units is the lead: it is not its own co-unit.
    expect(dry.rows.find((r) => r.row === 3)).toMatchObject({ status: 'create', reading: { leadUnits: ['water'], coUnits: [] } });
    expect(dry.rows.find((r) => r.row === 4)?.status).toBe('create');
    expect(said(5)).toEqual([[undefined, '与第 4 行内容相同']]);
    const real = await importLedger(deps, office, bad, validate, { dryRun: false });
    expect(real.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'invalid'],
      [3, 'created'],
      [4, 'created'],
      [5, 'invalid'],
    ]);
    expect(ledger.state.items.size).toBe(2);
    const none = [header, ['1', '修路', '不知道', '文1', '没有这个单位', '', '下月底', '进度']];
    await expect(importLedger(deps, office, none, validate, { dryRun: false })).rejects.toMatchObject({
      code: 'import-rows-invalid',
      details: expect.arrayContaining([expect.objectContaining({ path: 'rows.2.来源', row: 2 })]),
    });
  });

  it('a row corrected in the file after its import is the item the ledger holds, with what changed; another 文号 is another matter', async () => {
    const { ledger, deps } = world();
    const row = (deadline: string, ref = '文1') => ['1', '河道清淤', '政协提案', ref, 'water', 'hanbin', deadline, '每月报送'];
    const first = await importLedger(deps, office, [header, row('2026-12-31')], validate, { dryRun: false });
    const itemId = first.rows[0]?.itemId;

    const corrected = await importLedger(deps, office, [header, row('2027年3月31日')], validate, { dryRun: false });
    expect(corrected.rows[0]).toMatchObject({
      status: 'exists',
      itemId,
      differs: [{ field: 'dueDate', file: '2027-03-31', ledger: '2026-12-31' }],
    });
    expect(ledger.state.items.size).toBe(1);
    expect(ledger.state.items.get(itemId!)?.dueDate).toBe('2026-12-31');

    const another = await importLedger(deps, office, [header, row('2026-12-31', '文2')], validate, { dryRun: false });
    expect(another.rows[0]).toMatchObject({ status: 'created' });
    expect(another.rows[0]?.itemId).not.toBe(itemId);
    expect(ledger.state.items.size).toBe(2);
  });

  it('keeps the rows an import left for 待办, until a later import reads them again', async () => {
    const { deps } = world();
    const fileName = '2026年督查台账.xlsx';
    const leftBehind = [
      header,
      ['1', '修路', '不知道', '文1', 'water', '', '2026-12-31', '进度'],
      ['2', '河道清淤', '政协提案', '文2', 'water', '', '下月底', '进展'],
      ['3', '', '政协提案', '文3', 'water', '', '2026-12-31', '进展'],
      ['4', '管网改造', '政协提案', '文4', 'water', '', '2026-12-31', '进展'],
    ];
    await importLedger(deps, office, leftBehind, validate, { dryRun: true, fileName });
    expect(await deps.leftovers.list()).toEqual([]);
    await importLedger(deps, office, leftBehind, validate, { dryRun: false, fileName });
    const [left] = await deps.leftovers.list();
    expect(left).toMatchObject({ fileName, importedAt: at('2026-11-20', 10, 0).toISOString(), version: 1 });
    expect(left?.rows.map((r) => [r.row, r.title, r.problems.map((p) => p.column)])).toEqual([
      [2, '修路', ['来源']],
      [3, '河道清淤', ['完成时限']],
      [4, '', ['督查事项']],
    ]);

    // Another file settles nothing of it; the same file with 修路 fixed settles that row (a new version).
    await importLedger(deps, office, [header, ['1', '绿化', '政协提案', '文9', 'water', '', '2026-12-31', '进度']], validate, {
      dryRun: false,
      fileName: '另一份.csv',
    });
    expect((await deps.leftovers.list()).map((l) => l.rows.length)).toEqual([3]);
    const fixed = leftBehind.map((r) => (r[1] === '修路' ? ['1', '修路', '政协提案', '文1', 'water', '', '2026-12-31', '进度'] : r));
    await importLedger(deps, office, fixed.slice(0, 2), validate, { dryRun: false, fileName });
    expect((await deps.leftovers.list()).map((l) => [l.version, l.rows.map((r) => r.row)])).toEqual([[2, [3, 4]]]);

    // The whole file again, every row fixed or left out (不导入): nothing is left to fix, the record goes.
    const allFixed = fixed.map((r) => (r[1] === '河道清淤' ? ['2', '河道清淤', '政协提案', '文2', 'water', '', '2026-12-31', '进展'] : r));
    await importLedger(deps, office, allFixed, validate, { dryRun: false, fileName, decisions: { rows: { 4: { skip: true } } } });
    expect(await deps.leftovers.list()).toEqual([]);
  });

  it('makes 长期坚持 a standing task, reviewed monthly, never late at the year’s end it is assessed at', async () => {
    const { ledger, deps } = world();
    const standing = [header, ['1', '河道常态化巡查', '政府重要会议决定事项', '纪要1', 'water', '', '长期坚持', '巡查记录']];
    const { rows } = await importLedger(deps, office, standing, validate, { dryRun: false });
    const item = ledger.state.items.get(rows[0]!.itemId!)!;
    expect(item).toMatchObject({ standing: true, dueWords: '长期坚持', dueDate: '2026-12-31', reportEveryDays: 30 });
    const assessDeps = { facts: { ofYear: async () => [] }, due: ledger.due, units: ledger.units, markers: ledger.markers };
    const water = (await assessUnits(assessDeps, 2026, '2027-01-15')).units.find((u) => u.unitId === 'water')!;
    expect(water).toMatchObject({ itemsLed: 1, openLate: 0 });
  });

  it('takes the clerk’s decisions: a deadline, a source, a row left out, 已办结 with its date; a collective lead leads as each unit', async () => {
    const { ledger, deps } = world();
    const file = [
      ['序号', '督查事项', '交办依据', '牵头单位', '完成时间', '工作要求'],
      ['1', '秸秆禁烧', '其他', '各县（市、区）政府', '尽快', '每周报送'],
      ['2', '城区绿化', '《政府工作报告》', '市水利局', '2026年3月底前', '按月报送'],
      ['3', '河道治理', '常务会议', '市水利局', '下月', '按月报送'],
    ];
    const dry = await importLedger(deps, office, file, validate, { dryRun: true });
    expect(dry.rows.map((r) => [r.row, r.status, r.problems.map((p) => p.column)])).toEqual([
      [2, 'invalid', ['来源', '完成时限']],
      [3, 'create', []],
      [4, 'invalid', ['完成时限']],
    ]);
    expect(dry.rows[1]?.pastDue).toBe(true);
    const decisions = {
      rows: {
        '2': { source: 'leader-assignment' as const, dueDate: '2026-12-15' },
        '3': { state: 'closed' as const, closedOn: '2026-03-28' },
        '4': { skip: true },
      },
    };
    const real = await importLedger(deps, office, file, validate, { dryRun: false, decisions });
    expect(real.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'skipped'],
    ]);
    const burning = real.rows[0]!.itemIds!.map((id) => ledger.state.items.get(id)!);
    expect(burning.map((i) => [i.leadUnit, i.source, i.dueDate]).sort()).toEqual([
      ['hanbin', 'leader-assignment', '2026-12-15'],
      ['water', 'leader-assignment', '2026-12-15'],
    ]);
    expect(ledger.state.items.get(real.rows[1]!.itemId!)).toMatchObject({ status: 'closed', importedClosedOn: '2026-03-28' });
  });

  it('matches 责任领导 to the roster’s leaders by name, and asks with the candidates when it cannot', () => {
    const leaders = [
      { leaderId: 'mayor-zhang', name: '张市长' },
      { leaderId: 'vice-mayor-li', name: '李建国副市长' },
    ];
    expect(leaderOf('张市长', { leaders, decisions: {} })).toMatchObject({ leaderId: 'mayor-zhang' });
    expect(leaderOf('李副市长', { leaders, decisions: {} })).toMatchObject({ candidates: [{ leaderId: 'vice-mayor-li' }] });
    const unknown = leaderOf('王副市长', { leaders, decisions: {} });
    expect(unknown).not.toHaveProperty('leaderId');
    expect(unknown.candidates).toEqual(leaders);
    expect(leaderOf('王副市长', { leaders, decisions: { leaders: { 王副市长: 'vice-mayor-li' } } })).toMatchObject({
      leaderId: 'vice-mayor-li',
    });
  });

  it('refuses a file without the ledger’s columns', async () => {
    const { deps } = world();
    await expect(importLedger(deps, office, [['名称', '日期']], validate, { dryRun: true })).rejects.toMatchObject({
      code: 'import-columns-missing',
    });
  });

  it('is never warned of or criticised for a deadline that passed before the import; a new deadline is watched', async () => {
    const { ledger, deps, setNow } = world();
    const { rows } = await importLedger(deps, office, table, validate, { dryRun: false });
    const { outbox } = memoryOutbox();
    const mail = recordingMailer();
    const jobDeps = { ...ledger, outbox, mailer: mail.mailer, clock: { now: () => at('2026-11-25') } };
    setNow(at('2026-11-25'));
    const result = await escalateOverdue(jobDeps, at('2026-11-25'));
    expect(result.looked).toBe(1);
    expect(result.noticesIssued).toEqual([]);
    expect(mail.sent.filter((m) => m.to.includes(head('hanbin')))).toEqual([]);
    // Nor counted late in the assessment: the old ledger's lateness is not the unit's.
    const assessDeps = { facts: { ofYear: async () => [] }, due: ledger.due, units: ledger.units, markers: ledger.markers };
    const hanbin = async () => (await assessUnits(assessDeps, 2026, '2026-11-25')).units.find((u) => u.unitId === 'hanbin')!;
    expect(await hanbin()).toMatchObject({ itemsLed: 1, openLate: 0, onTimeRate: null });
    // An approved extension gives a new date, which is warned of when it passes.
    const id = rows[0]!.itemId!;
    ledger.state.items.set(id, { ...ledger.state.items.get(id)!, dueDate: '2026-11-22' });
    await escalateOverdue(jobDeps, at('2026-11-25'));
    expect(mail.sent.some((m) => m.to.includes(head('hanbin')) && m.subject.includes('预警'))).toBe(true);
    expect(await hanbin()).toMatchObject({ openLate: 1 });
  });
});
