import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDueQueries } from '../../functions/adapters/dynamodb/due-queries';
import { addDays } from '../../functions/domain/calendar';
import { lightReasonOf } from '../../functions/domain/light';
import { XLSX_MEDIA_TYPE } from '../../functions/http/media-types';
import { api, mailTo, registerUnitWithHead, tokenFor, type ApiResponse } from './support';

/**
 * 导入台账 through the local HTTP API: a ledger as a city office keeps it (title, 填报单位, sections, a note, short
 * and near names, deadline phrases, 责任领导, 进展情况, 备注), its preview, the clerk's confirmations, a partial
 * import, re-import; CSV in UTF-8 and GBK and a workbook; refusals. The file's table is its own (setup-env.ts).
 */
const tag = randomUUID().slice(0, 8);
let office: string;
let unitToken: string;

const send = (body: string | Uint8Array, type: string, query = '', token = office): Promise<ApiResponse> =>
  api('POST', `/items/import${query}`, { token, rawBody: body, headers: { 'content-type': type } });
const sendJson = (body: unknown, query = '', token = office) => api('POST', `/items/import${query}`, { token, body });
const csvBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A row of 11 cells: 序号, 督查事项, 交办依据, 交办文号, 责任领导, 责任单位, 配合单位, 完成时间, 工作要求, 落实情况, 备注. */
const title = '2026年市政府重点工作督查台账';
const ledger = (rows: string[][]) =>
  [
    [title, title, title, title, title, title, title, title, title, title, title],
    ['填报单位：市政府督查室', '', '', '', '', '', '', '', '', '填报日期：2026年11月20日', ''],
    ['序号', '督查事项', '交办依据', '交办文号', '责任领导', '责任单位', '配合单位', '完成时间', '工作要求', '落实情况', '备注'],
    ...rows,
    ['注：完成时间以市政府文件为准。', '', '', '', '', '', '', '', '', '', ''],
  ]
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
    .join('\r\n');

const rows = [
  ['一、《政府工作报告》重点任务', '', '', '', '', '', '', '', '', '', ''],
  [
    '1',
    `城区供水管网改造${tag}`,
    '《政府工作报告》',
    '',
    '张市长',
    '市发改委',
    '市住建局',
    '2026年12月底前',
    '1. 1.每月报送进展\n2. 2.年底前完工',
    '已完成管网铺设60%',
    '跨年度项目',
  ],
  ['2', `老旧小区改造${tag}`, '《政府工作报告》', '', '张市长', '汉滨区政府', '', '2020.6.30', '按月报送', '已完成', ''],
  ['二、市政府常务会议决定事项', '', '', '', '', '', '', '', '', '', ''],
  ['3', `河道清淤${tag}`, '', `常务会议纪要〔2026〕${tag}号`, '', '市住建局', '各县（市、区）政府', '长期坚持', '', '', ''],
  ['4', `营商环境${tag}`, '市长批示', '', '', '市发改委', '', '下月', '', '', ''],
];

/** GBK bytes, as Chinese Excel saves 「CSV (逗号分隔)」: each character's pair found with Node's own GBK decoder. */
function gbkBytes(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const pairs = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) pairs.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
  }
  return new Uint8Array(
    [...text].flatMap((ch) => {
      if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
      const pair = pairs.get(ch);
      if (!pair) throw new Error(`no GBK for ${ch}`);
      return pair;
    }),
  );
}

beforeAll(async () => {
  office = await tokenFor('office');
  unitToken = await tokenFor('unit', 'hanbin');
  for (const unit of [
    { id: 'fgw', name: '市发展和改革委员会', kind: 'department' as const },
    { id: 'zjj', name: '市住房和城乡建设局', kind: 'department' as const },
    { id: 'hanbin', name: '汉滨区人民政府', kind: 'county' as const },
    { id: 'hanyin', name: '汉阴县人民政府', kind: 'county' as const },
  ]) {
    await registerUnitWithHead(office, unit);
  }
  const fgw = await api('GET', '/units/fgw', { token: office });
  expect(
    (await api('PATCH', '/units/fgw', { token: office, headers: { 'if-match': `"${fgw.json.version}"` }, body: { shortName: '市发改委' } }))
      .status,
  ).toBe(200);
  const leaders = await api('POST', '/units', {
    token: office,
    body: {
      id: 'leaders',
      name: '市政府领导',
      kind: 'leadership',
      contacts: [{ name: '张市长', email: 'mayor@leaders.example.gov.cn', role: 'head', leaderId: 'mayor-zhang' }],
    },
  });
  expect(leaders.status, leaders.text).toBe(201);
});

describe('导入台账 of a ledger as it is kept (POST /items/import)', () => {
  it('previews: columns read as what, rows skipped, each row’s reading, one question per near name', async () => {
    const dry = await send(ledger(rows), 'text/csv', '?dryRun=true');
    expect(dry.status, dry.text).toBe(200);
    expect(dry.json.headerRow).toBe(3);
    expect(dry.json.columns.map((c: { header: string; readAs: string }) => `${c.header}→${c.readAs}`)).toContain('责任单位→牵头单位');
    expect(dry.json.skippedRows.map((s: { kind: string }) => s.kind)).toEqual(['title', 'title', 'section', 'section', 'note']);
    const [first, second, third, fourth] = dry.json.rows;
    // 市住建局 is near 市住房和城乡建设局: asked once, on both rows that write it.
    expect(first).toMatchObject({
      row: 5,
      status: 'invalid',
      problems: [{ column: '协办单位', message: '单位「市住建局」不在单位名册中，您是否指「市住房和城乡建设局」？' }],
      reading: {
        source: 'work-report',
        dueDate: '2026-12-31',
        dueWords: '2026年12月底前',
        leadUnits: ['fgw'],
        coUnits: [],
        leaderInCharge: 'mayor-zhang',
        requirements: ['每月报送进展', '年底前完工'],
        progress: { text: '已完成管网铺设60%', asOf: '2026-11-20' },
        note: '跨年度项目',
      },
    });
    expect(second).toMatchObject({ row: 6, status: 'invalid', problems: [{ column: '牵头单位' }] });
    expect(second.problems[0].message).toBe('单位「汉滨区政府」不在单位名册中，您是否指「汉滨区人民政府」？');
    expect(third).toMatchObject({
      status: 'invalid',
      reading: { source: 'meeting-decision', sourceFrom: 'section', standing: true, reportEveryDays: 30, dueWords: '长期坚持' },
    });
    expect(third.reading.coUnits.sort()).toEqual(['hanbin', 'hanyin']);
    expect(third.reading.leadUnits).toEqual([]);
    expect(fourth).toMatchObject({ status: 'invalid', reading: { source: 'leader-instruction' }, problems: [{ column: '完成时限' }] });
    const names = Object.fromEntries(dry.json.names.map((n: { written: string }) => [n.written, n]));
    expect(names.汉滨区政府).toMatchObject({ match: 'near', rows: [6], candidates: [{ unitId: 'hanbin', name: '汉滨区人民政府' }] });
    expect(names['各县（市、区）政府']).toMatchObject({ match: 'collective' });
    expect(names.市发改委).toMatchObject({ match: 'exact', unitIds: ['fgw'] });
    expect(names.市住建局).toMatchObject({ match: 'near', rows: [5, 8], candidates: [{ unitId: 'zjj' }] });
    expect(dry.json.leaders).toEqual([{ written: '张市长', rows: [5, 6], leaderId: 'mayor-zhang', candidates: [] }]);
  });

  it('imports what is good, keeps the confirmed name as an alias, carries 责任领导/进展/备注; a second import adds nothing', async () => {
    const file = { mediaType: 'text/csv', base64: csvBase64(ledger(rows)) };
    const decisions = { names: { 汉滨区政府: 'hanbin', 市住建局: 'zjj' }, rows: { '6': { state: 'closed', closedOn: '2020-06-20' } } };
    const real = await sendJson({ file, decisions }, '', office);
    expect(real.status, real.text).toBe(200);
    expect(real.json.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [5, 'created'],
      [6, 'created'],
      [8, 'created'],
      [9, 'invalid'],
    ]);
    expect(real.json.aliasesAdded).toEqual([
      { unitId: 'zjj', alias: '市住建局' },
      { unitId: 'hanbin', alias: '汉滨区政府' },
    ]);
    const hanbin = (await api('GET', '/units/hanbin', { token: office })).json;
    expect(hanbin.aliases).toEqual(['汉滨区政府']);

    const item = (await api('GET', `/items/${real.json.rows[0].itemId}`, { token: office })).json;
    expect(item).toMatchObject({
      leaderInCharge: 'mayor-zhang',
      note: '跨年度项目',
      progress: { text: '已完成管网铺设60%', asOf: '2026-11-20' },
      dueWords: '2026年12月底前',
      imported: true,
    });
    const closed = (await api('GET', `/items/${real.json.rows[1].itemId}`, { token: office })).json;
    expect(closed).toMatchObject({ status: 'closed', importedClosedOn: '2020-06-20', dueDate: '2020-06-30' });

    // 长期坚持 has no deadline: its dueDate is the year end it is assessed at, which no job reminds of or calls late.
    const standing = (await api('GET', `/items/${real.json.rows[2].itemId}`, { token: office })).json;
    expect(standing).toMatchObject({ standing: true, light: 'green', lightReason: '长期坚持，按期报送进展' });
    const due = new DynamoDueQueries();
    const after = addDays(standing.dueDate, 7);
    const overdueIds = (await due.itemsOverdue(after)).map((i) => i.id);
    expect(overdueIds).toContain(item.id); // 2026年12月底前: a deadline, late a week later
    expect(overdueIds).not.toContain(standing.id);
    expect((await due.deadlinesDue(standing.dueDate, standing.dueDate)).map((i) => i.id)).not.toContain(standing.id);
    // Still among the year's items the assessment counts.
    expect((await due.itemsDue(standing.dueDate, standing.dueDate)).map((i) => i.id)).toContain(standing.id);
    // A report reminder lists it as what it is (its light from the row the reminder reads).
    const reminded = (await due.reportsDue(standing.nextReportDue, standing.nextReportDue)).find((i) => i.id === standing.id);
    expect(reminded).toMatchObject({ standing: true });
    expect(lightReasonOf(reminded!, standing.nextReportDue)).toBe('长期坚持，按期报送进展');

    // 派发 on purpose: one letter per unit listing its open items (the closed one is told of to no one).
    const toFgw = await mailTo('head@fgw.example.gov.cn');
    expect(toFgw.map((m) => m.subject)).toEqual([expect.stringMatching(/^【派发】导入台账督查事项 1 项/)]);
    const toZjj = await mailTo('head@zjj.example.gov.cn');
    expect(toZjj).toHaveLength(1);
    expect(toZjj[0]?.subject).toMatch(/^【派发】导入台账督查事项 2 项/);
    expect(toZjj[0]?.body.text).toContain('长期坚持（按期报送）');
    expect(await mailTo('head@hanbin.example.gov.cn')).toHaveLength(1); // a co-unit of the standing item; its closed one untold

    // The same file again, with no decisions: the alias now matches, nothing is new, and no one is mailed twice.
    const again = await send(ledger(rows), 'text/csv');
    expect(again.status, again.text).toBe(200);
    expect(again.json.rows.map((r: { status: string }) => r.status)).toEqual(['exists', 'exists', 'exists', 'invalid']);
    expect(again.json.names.find((n: { written: string }) => n.written === '汉滨区政府')).toMatchObject({ match: 'exact' });
    expect(again.json.aliasesAdded).toEqual([]);
    expect(await mailTo('head@zjj.example.gov.cn')).toHaveLength(1);
  });

  it('reads a CSV saved by Chinese Excel (GBK) and a workbook’s date cells and serial numbers', async () => {
    const text = ledger([['1', `城区绿化${tag}`, '政协提案', '', '', '市住建局', '', '2099年6月30日', '', '', '']]);
    // Through the JSON body, as the console sends a file, and as the raw bytes a script posts: text/csv is one of the
    // API's binary media types, so GBK arrives as it was saved.
    const viaJson = await sendJson(
      { file: { mediaType: 'text/csv', base64: Buffer.from(gbkBytes(text)).toString('base64') } },
      '?dryRun=true',
    );
    const raw = await send(gbkBytes(text), 'text/csv', '?dryRun=true');
    for (const res of [viaJson, raw]) {
      expect(res.status, res.text).toBe(200);
      expect(res.json.rows[0]).toMatchObject({
        title: `城区绿化${tag}`,
        status: 'create',
        reading: { source: 'cppcc-proposal', dueDate: '2099-06-30' },
      });
    }

    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('督查台账');
    sheet.addRow([title]);
    sheet.mergeCells('A1:F1');
    sheet.addRow(['序号', '督查事项', '来源', '牵头单位', '完成时限', '督办要求']);
    sheet.addRow([1, `公园建设${tag}`, '领导批示件', '市住建局', new Date('2099-03-31T00:00:00Z'), '进展']);
    sheet.addRow([2, `道路硬化${tag}`, '领导批示件', '市住建局', 73050, '进展']);
    const xlsx = await send(new Uint8Array(await workbook.xlsx.writeBuffer()), XLSX_MEDIA_TYPE, '?dryRun=true');
    expect(xlsx.status, xlsx.text).toBe(200);
    expect(xlsx.json.rows.map((r: { reading: { dueDate: string } }) => r.reading.dueDate)).toEqual(['2099-03-31', '2099-12-31']);
  });

  it('imports a 单位名册 with contacts (POST /units/import): previews, registers the new units once, leaves known ones', async () => {
    const roster = [
      '单位名称,简称,姓名,职务,电子邮箱',
      `市${tag}水利局,${tag}水利局,李局长,局长,head@slj-${tag}.example.gov.cn`,
      `,,赵科长,联络员,liaison@slj-${tag}.example.gov.cn`,
      '市发展和改革委员会,,马主任,主任,head@fgw.example.gov.cn',
      `市${tag}坏地址局,,钱科长,联络员,不是邮箱`,
    ].join('\r\n');
    const post = (query: string) =>
      api('POST', `/units/import${query}`, { token: office, rawBody: roster, headers: { 'content-type': 'text/csv' } });
    const dry = await post('?dryRun=true');
    expect(dry.status, dry.text).toBe(200);
    expect(dry.json.units.map((u: { name: string; status: string }) => [u.name, u.status])).toEqual([
      [`市${tag}水利局`, 'create'],
      ['市发展和改革委员会', 'exists'],
      [`市${tag}坏地址局`, 'invalid'],
    ]);
    expect(dry.json.units[2].problems[0].path).toBe('contacts.0.email');
    const real = await post('');
    expect(real.json.units.map((u: { status: string }) => u.status)).toEqual(['created', 'exists', 'invalid']);
    const made = (await api('GET', `/units/${real.json.units[0].unitId}`, { token: office })).json;
    expect(made).toMatchObject({ name: `市${tag}水利局`, shortName: `${tag}水利局`, kind: 'department' });
    expect(made.contacts.map((c: { name: string; role: string }) => `${c.name}/${c.role}`)).toEqual(['李局长/head', '赵科长/liaison']);
    expect((await post('')).json.units.map((u: { status: string }) => u.status)).toEqual(['exists', 'exists', 'invalid']);
    expect(
      (await api('POST', '/units/import', { token: unitToken, rawBody: roster, headers: { 'content-type': 'text/csv' } })).status,
    ).toBe(403);
  });

  it('refuses other roles (403), other media types (415), bad decisions (400, nothing written), a file that is not one (422)', async () => {
    expect((await send(ledger([]), 'text/csv', '', unitToken)).status).toBe(403);
    expect((await api('POST', '/items/import', { token: office, rawBody: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(
      415,
    );
    const bad = await sendJson({
      file: { mediaType: 'text/csv', base64: csvBase64(ledger(rows)) },
      decisions: { rows: { abc: { state: 'done' } } },
    });
    expect(bad.status, bad.text).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['decisions.rows.abc']));
    const junk = await send(new Uint8Array([0x50, 0x4b, 1, 2, 3]), XLSX_MEDIA_TYPE);
    expect(junk.json.error.code).toBe('import-unreadable');
    expect((await send('名称,日期\r\n', 'text/csv')).json.error.code).toBe('import-columns-missing');
    expect((await send(ledger([]), 'text/csv', '?dryRun=yes')).status).toBe(400);
  });
});
