import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MEDIA_TYPE } from '../../functions/http/media-types';
import { api, registerUnitWithHead, tokenFor, type ApiResponse } from './support';

/** 导入台账 through the local HTTP API: CSV and a workbook, the dry run, re-import, refusals. Units of its own. */
const tag = randomUUID().slice(0, 8);
const lead = `imp-lead-${tag}`;
const leadName = `导入县${tag}`;
const co = `imp-co-${tag}`;

let office: string;
let unitToken: string;

const header = '序号,督查事项,来源,文号,牵头单位,协办单位,完成时限,督办要求';
const csv = (...rows: string[]) => `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
const send = (body: string | Uint8Array, type: string, query = '', token = office): Promise<ApiResponse> =>
  api('POST', `/items/import${query}`, { token, rawBody: body, headers: { 'content-type': type } });

beforeAll(async () => {
  office = await tokenFor('office');
  unitToken = await tokenFor('unit', lead);
  await registerUnitWithHead(office, { id: lead, name: leadName, kind: 'county' });
  await registerUnitWithHead(office, { id: co, name: `协办局${tag}`, kind: 'department' });
});

describe('导入台账 (POST /items/import)', () => {
  it('previews a CSV without writing, imports it once, and re-importing creates nothing twice', async () => {
    const file = csv(
      `1,供水管网改造 ${tag},政府工作报告重点工作,2026年政府工作报告,${leadName},${co},2020-06-30,"工程进度\n资金到位"`,
      `2,河道清淤 ${tag},政府重要会议决定事项,常务会议纪要,${lead},,2099年12月31日,工作进展`,
    );
    const dry = await send(file, 'text/csv; charset=utf-8', '?dryRun=true');
    expect(dry.status, dry.text).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, created: 2, existing: 0, invalid: 0 });
    expect(dry.json.rows[0]).toMatchObject({ row: 2, status: 'create', pastDue: true });
    const ids = dry.json.rows.map((r: { itemId: string }) => r.itemId);
    expect((await api('GET', `/items/${ids[0]}`, { token: office })).status).toBe(404);

    const real = await send(file, 'text/csv');
    expect(real.status, real.text).toBe(200);
    expect(real.json).toMatchObject({ dryRun: false, created: 2, existing: 0 });
    const item = (await api('GET', `/items/${ids[0]}`, { token: office })).json;
    expect(item).toMatchObject({ dueDate: '2020-06-30', imported: true, status: 'assigned', leadUnit: lead, coUnits: [co] });
    expect(item.requirements).toEqual(['工程进度', '资金到位']);

    const again = await send(file, 'text/csv');
    expect(again.json).toMatchObject({ created: 0, existing: 2 });
  });

  it('reads the first worksheet of an Excel workbook (dates as date cells)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('督查台账');
    sheet.addRow(header.split(','));
    sheet.addRow([1, `城区绿化 ${tag}`, '领导批示件', '批示〔2026〕1号', leadName, '', new Date('2099-03-31T00:00:00Z'), '进展']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await send(bytes, XLSX_MEDIA_TYPE);
    expect(res.status, res.text).toBe(200);
    expect(res.json.rows[0]).toMatchObject({ status: 'created', title: `城区绿化 ${tag}` });
    expect((await api('GET', `/items/${res.json.rows[0].itemId}`, { token: office })).json.dueDate).toBe('2099-03-31');
  });

  it('names every row’s problems; the real run refuses the file whole (422) and writes nothing', async () => {
    const file = csv(`1,修路 ${tag},不知道,文1,没有这个单位${tag},,下月底,进度`, `2,清淤 ${tag},政协提案,文2,${lead},,2099-01-01,进展`);
    const dry = await send(file, 'text/csv', '?dryRun=true', office);
    expect(dry.json).toMatchObject({ created: 1, invalid: 1 });
    expect(dry.json.rows[0].problems.map((p: { column: string }) => p.column)).toEqual(['来源', '完成时限', '牵头单位']);
    const real = await send(file, 'text/csv');
    expect(real.status, real.text).toBe(422);
    expect(real.json.error.code).toBe('import-rows-invalid');
    expect(real.json.error.details).toContainEqual(expect.objectContaining({ path: 'rows.2.来源' }));
    expect((await api('GET', `/items/${dry.json.rows[1].itemId}`, { token: office })).status).toBe(404);
  });

  it('refuses other roles (403), other media types (415), a file that is not one (422), a bad query (400)', async () => {
    expect((await send(csv(), 'text/csv', '', unitToken)).status).toBe(403);
    const json = await api('POST', '/items/import', { token: office, body: { rows: [] } });
    expect(json.status, json.text).toBe(415);
    const junk = await send(new Uint8Array([0x50, 0x4b, 1, 2, 3]), XLSX_MEDIA_TYPE);
    expect(junk.status, junk.text).toBe(422);
    expect(junk.json.error.code).toBe('import-unreadable');
    expect((await send('名称,日期\r\n', 'text/csv')).json.error.code).toBe('import-columns-missing');
    expect((await send(csv(), 'text/csv', '?dryRun=yes')).status).toBe(400);
  });
});
