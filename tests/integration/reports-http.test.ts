import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../../functions/domain/calendar';
import { lightCellColours } from '../../functions/adapters/spreadsheet/ledger-files';
import { XLSX_MEDIA_TYPE } from '../../functions/http/media-types';
import { assertAnswersContract } from './contract-check';
import { api, apiUrl, tokenFor, type ApiResponse } from './support';

/**
 * The reports through the local HTTP API: 督查台账概览 (GET /reports/overview),
 * the input and access rules of 年度考核 (GET /reports/assessment), and the
 * 督查台账 as CSV and Excel files. Other files add items to the same ledger
 * at the same time: assertions look at this file's own units and items (a
 * random tag), and at global figures only through bounds and identities that
 * hold whatever else is in the ledger.
 */
const tag = randomUUID().slice(0, 8);
const today = shanghaiDate(new Date());
/** The server's day may have turned while the file ran (near midnight in Shanghai). */
const serverDays = () => [today, shanghaiDate(new Date())];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
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
];
const REF = '安政办发〔2014〕134号';
const REQUIREMENTS = '进展情况\n存在问题';
/** 督查台账, percent-encoded in UTF-8 (RFC 6266's filename*). */
const LEDGER_NAME_UTF8 = '%E7%9D%A3%E6%9F%A5%E5%8F%B0%E8%B4%A6';

let office: string;
let leader: string;
let inspector: string;

// ---- helpers ---------------------------------------------------------------

const yearOfDate = (date: string) => Number(date.slice(0, 4));
const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
/** The Monday of a date's week (weeks run Monday to Sunday). */
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
/** An instant as Asia/Shanghai 'YYYY-MM-DD HH:mm', computed apart from the code under test. */
const shanghaiMinuteOf = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function registerUnit(id: string, name: string, kind = 'county'): Promise<void> {
  const res = await api('POST', '/units', {
    token: office,
    body: { id, name, kind, contacts: [{ name: '李四', email: `head@${id}.example.gov.cn`, role: 'head' }] },
  });
  expect(res.status, res.text).toBe(201);
}

const itemBody = (over: Record<string, unknown>) => ({
  title: `督查事项-${tag}`,
  source: 'work-report',
  sourceRef: '安政办发〔2014〕134号',
  coUnits: [],
  dueDate: addDays(today, 30),
  requirements: ['进展情况', '存在问题'],
  ...over,
});

async function registerItem(over: Record<string, unknown>): Promise<Json> {
  const res = await api('POST', '/items', { token: office, body: itemBody(over) });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

/** A late item cannot be registered through the API (due-date-passed): register it as of a day in the past. */
async function registerLateItem(over: Record<string, unknown> & { dueDate: string }, registeredOn: string): Promise<Json> {
  const { DynamoItemRepository } = await import('../../functions/adapters/dynamodb/item-repository');
  const { DynamoIdempotencyStore } = await import('../../functions/adapters/dynamodb/idempotency-store');
  const { DynamoUnitRepository } = await import('../../functions/adapters/dynamodb/unit-repository');
  const { registerItem: register } = await import('../../functions/use-cases/register-item');
  const clock = { now: () => new Date(startOfShanghaiDay(registeredOn).getTime() + 3600_000) };
  const { item } = await register(
    { items: new DynamoItemRepository(), units: new DynamoUnitRepository(), idempotency: new DynamoIdempotencyStore(), clock },
    { sub: 'test', role: 'office' },
    { ...itemBody(over), description: '', projectType: false, milestones: [] } as never,
  );
  return item as unknown as Json;
}

const reportBody = (percentComplete: number) => ({
  summary: `本期进展-${tag}-${percentComplete}`,
  percentComplete,
  answers: [
    { requirement: 0, answer: `已完成${percentComplete}%` },
    { requirement: 1, answer: '暂无问题' },
  ],
});

async function post(path: string, token: string, body?: unknown): Promise<Json> {
  const res = await api('POST', path, { token, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${path}: ${res.text}`).toBeLessThan(300);
  return res.json;
}

/** 签收 and one report by the lead unit: the item is in progress. Returns the report. */
async function reportOn(itemId: string, unitToken: string, percentComplete: number): Promise<Json> {
  await post(`/items/${itemId}/acknowledge`, unitToken);
  return post(`/items/${itemId}/reports`, unitToken, reportBody(percentComplete));
}

/** The whole lifecycle to closed: 签收, a 100% report, the claim, a passed 核查. */
async function close(itemId: string, unitToken: string): Promise<void> {
  await reportOn(itemId, unitToken, 100);
  await post(`/items/${itemId}/completion`, unitToken, { summary: `全部完成，申请销号-${tag}` });
  const verified = await post(`/items/${itemId}/verification`, office, { method: 'site', passed: true, findings: '实地核查，已完成' });
  expect(verified.status).toBe('closed');
}

async function get(path: string, token = office): Promise<Json> {
  const res = await api('GET', path, { token });
  expect(res.status, `${path}: ${res.text}`).toBe(200);
  return res.json;
}

/** A 400 naming the query field at fault. */
function expectInvalid(res: ApiResponse, path?: string): void {
  expect(res.status, res.text).toBe(400);
  expect(res.json.error.code).toBe('invalid-input');
  expect(res.json.error.message).toEqual(expect.any(String));
  if (path) expect(res.json.error.details.map((d: Json) => d.path)).toContain(path);
}

function expectProblem(res: ApiResponse, status: number, code?: string): void {
  expect(res.status, res.text).toBe(status);
  if (code) expect(res.json.error.code).toBe(code);
}

/** A download read as bytes (the api() helper reads bodies as text). */
async function download(path: string, token: string | undefined, accept?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (accept) headers.accept = accept;
  const res = await fetch(`${apiUrl()}${path}`, { headers });
  const answer = { status: res.status, headers: Object.fromEntries(res.headers), bytes: new Uint8Array(await res.arrayBuffer()) };
  const json = answer.headers['content-type']?.startsWith('application/json')
    ? JSON.parse(new TextDecoder().decode(answer.bytes))
    : undefined;
  assertAnswersContract('GET', path, { ...answer, json });
  return answer;
}

/** RFC 4180: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

async function ledgerCsv(query: string, token = office): Promise<string[][]> {
  const file = await download(`/reports/ledger.csv?${query}`, token);
  expect(file.status, new TextDecoder().decode(file.bytes)).toBe(200);
  const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes).replace(/^\uFEFF/, ''));
  expect(rows[0]).toEqual(HEADERS);
  return rows.slice(1);
}

async function ledgerWorkbook(query: string, token = office): Promise<ExcelJS.Workbook> {
  const file = await download(`/reports/ledger.xlsx?${query}`, token, XLSX);
  expect(file.status, new TextDecoder().decode(file.bytes)).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.bytes) as never);
  return workbook;
}

/** A worksheet row's cells as the CSV writes them: a number in figures, a date cell as its day, a date-time to the minute. */
const rowValues = (sheet: ExcelJS.Worksheet, n: number) =>
  HEADERS.map((header, i) => {
    const value = sheet.getRow(n).getCell(i + 1).value;
    if (value instanceof Date)
      return header === '完成时限' ? value.toISOString().slice(0, 10) : value.toISOString().slice(0, 16).replace('T', ' ');
    return typeof value === 'number' ? String(value) : value;
  });

beforeAll(async () => {
  [office, leader, inspector] = await Promise.all([tokenFor('office'), tokenFor('leader'), tokenFor('inspector')]);
});

// ---- GET /reports/overview ---------------------------------------------------

describe('GET /reports/overview (督查台账概览)', () => {
  const unit = `county-ov-${tag}`;
  const unitName = `概览测试县${tag}`;
  /** A Thursday at least 18 days ahead, so that items due before it can still be registered today. */
  const asOf = addDays(mondayOf(addDays(today, 21)), 3);
  const monday = addDays(asOf, -3);
  const sunday = addDays(asOf, 3);
  const RED = 12;
  let unitToken: string;
  let red: Json[] = [];
  let dueToday: Json;
  let dueSunday: Json;
  let farGreen: Json;
  let closedItem: Json;
  let noticeId: string;
  let before: Json;
  let after: Json;

  const overview = (query = `asOf=${asOf}`, token = office) => get(`/reports/overview?${query}`, token);

  beforeAll(async () => {
    await registerUnit(unit, unitName);
    unitToken = await tokenFor('unit', unit);
    // Due asOf-14 … asOf-3 (the Monday of asOf's week): red as of asOf, 14 … 3 days late.
    red = await Promise.all(
      Array.from({ length: RED }, (_, i) =>
        registerItem({
          title: `逾期事项${i}-${tag}`,
          leadUnit: unit,
          dueDate: addDays(asOf, -14 + i),
          source: i % 2 ? 'media-report' : 'npc-suggestion',
        }),
      ),
    );
    [dueToday, dueSunday, farGreen, closedItem] = await Promise.all([
      registerItem({ title: `当日到期-${tag}`, leadUnit: unit, dueDate: asOf, source: 'cppcc-proposal' }),
      registerItem({ title: `周日到期-${tag}`, leadUnit: unit, dueDate: sunday, source: 'cppcc-proposal' }),
      registerItem({ title: `远期事项-${tag}`, leadUnit: unit, dueDate: addDays(asOf, 10), source: 'leader-assignment' }),
      registerItem({ title: `已办结事项-${tag}`, leadUnit: unit, dueDate: asOf, source: 'leader-instruction' }),
    ]);
    noticeId = (await post('/notices', office, { level: 'office', unitIds: [unit], reason: `概览测试通报-${tag}` })).id;
    before = await overview();
    await close(closedItem.id, unitToken);
    after = await overview();
  });

  const mine = (list: Json[]) => list.filter((i) => i.leadUnit === unit);

  it('answers as of the day asked, in the shape of the contract', () => {
    expect(after).toEqual({
      asOf,
      total: expect.any(Number),
      byStatus: expect.any(Object),
      bySource: expect.any(Object),
      byLight: expect.any(Object),
      dueThisWeek: { from: monday, to: sunday, items: expect.any(Array) },
      completion: {
        year: yearOfDate(asOf),
        closedOnTime: expect.any(Number),
        closedLate: expect.any(Number),
        openLate: expect.any(Number),
        onTimeRate: after.completion.onTimeRate === null ? null : expect.any(Number),
      },
      redItems: expect.any(Array),
      unitsWithMostRed: expect.any(Array),
      unitsWithReportFindings: expect.any(Array),
      rectificationsOwed: expect.any(Array),
    });
  });

  /** A date as the light's reasons write it: 2026年12月10日. */
  const cn = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

  it('lists my late items among the red ones, with the unit’s name and the days late, longest late first', () => {
    const expected = red.map((i) => ({
      id: i.id,
      title: i.title,
      source: i.source,
      leadUnit: unit,
      leadUnitName: unitName,
      dueDate: i.dueDate,
      status: 'assigned',
      light: 'red',
      lightReason: `完成时限${cn(i.dueDate)}已过${daysFrom(i.dueDate, asOf)}天`,
      daysLate: daysFrom(i.dueDate, asOf),
    }));
    expect(mine(after.redItems)).toEqual(expected);
    expect(expected.map((i) => i.daysLate)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    // The whole list: red only, every item late, longest late first.
    const redItems = after.redItems as Json[];
    expect(
      redItems.every((i) => i.light === 'red' && i.status !== 'closed' && i.dueDate < asOf && i.daysLate === daysFrom(i.dueDate, asOf)),
    ).toBe(true);
    expect(redItems.map((i) => i.daysLate)).toEqual([...redItems.map((i) => i.daysLate)].sort((a, b) => b - a));
    // Items due on asOf or later, and the closed one, are not red.
    const redIds = redItems.map((i) => i.id);
    for (const item of [dueToday, dueSunday, farGreen, closedItem]) expect(redIds).not.toContain(item.id);
  });

  it('lists the open items due in asOf’s week (Monday to Sunday), late or not, in due-date order; not a closed one', () => {
    const week = after.dueThisWeek.items as Json[];
    expect(week.every((i) => i.dueDate >= monday && i.dueDate <= sunday && i.status !== 'closed')).toBe(true);
    expect(week.map((i) => i.dueDate)).toEqual([...week.map((i) => i.dueDate)].sort());
    expect(mine(week)).toEqual([
      {
        id: red[RED - 1]!.id,
        title: red[RED - 1]!.title,
        source: red[RED - 1]!.source,
        leadUnit: unit,
        leadUnitName: unitName,
        dueDate: monday,
        status: 'assigned',
        light: 'red',
        lightReason: `完成时限${cn(monday)}已过${daysFrom(monday, asOf)}天`,
      },
      {
        id: dueToday.id,
        title: dueToday.title,
        source: 'cppcc-proposal',
        leadUnit: unit,
        leadUnitName: unitName,
        dueDate: asOf,
        status: 'assigned',
        light: 'yellow',
        lightReason: `完成时限为今日（${cn(asOf)}）`,
      },
      {
        id: dueSunday.id,
        title: dueSunday.title,
        source: 'cppcc-proposal',
        leadUnit: unit,
        leadUnitName: unitName,
        dueDate: sunday,
        status: 'assigned',
        light: 'yellow',
        lightReason: `距完成时限${cn(sunday)}还有${daysFrom(asOf, sunday)}天`,
      },
    ]);
  });

  it('ranks the units by red items, consistently with the red list, my unit among them by name', () => {
    const counts = new Map<string, number>();
    for (const item of after.redItems as Json[]) counts.set(item.leadUnit, (counts.get(item.leadUnit) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
    expect((after.unitsWithMostRed as Json[]).map((u) => [u.unitId, u.redItems])).toEqual(ranked);
    expect(after.unitsWithMostRed).toContainEqual({ unitId: unit, name: unitName, redItems: RED });
    const names = new Map((after.redItems as Json[]).map((i) => [i.leadUnit, i.leadUnitName]));
    for (const u of after.unitsWithMostRed as Json[]) expect(u.name).toBe(names.get(u.unitId));
  });

  it('counts every item once by status, by source and by light, mine among them', () => {
    for (const o of [before, after]) {
      expect(sum(o.byStatus)).toBe(o.total);
      expect(sum(o.bySource)).toBe(o.total);
      expect(sum(o.byLight)).toBe(o.total);
      expect(o.byLight.red ?? 0).toBe(o.redItems.length);
      for (const counts of [o.byStatus, o.bySource, o.byLight]) {
        expect(Object.values(counts).every((n) => Number.isInteger(n) && (n as number) > 0)).toBe(true);
      }
    }
    // Mine: 15 assigned (the 16th is closed), 6+6 red, 2 yellow, 1 open green plus the closed one.
    expect(after.byStatus.assigned).toBeGreaterThanOrEqual(RED + 3);
    expect(after.byStatus.closed).toBeGreaterThanOrEqual(1);
    expect(after.bySource['npc-suggestion']).toBeGreaterThanOrEqual(RED / 2);
    expect(after.bySource['media-report']).toBeGreaterThanOrEqual(RED / 2);
    expect(after.bySource['cppcc-proposal']).toBeGreaterThanOrEqual(2);
    expect(after.bySource['leader-assignment']).toBeGreaterThanOrEqual(1);
    expect(after.bySource['leader-instruction']).toBeGreaterThanOrEqual(1);
    expect(after.byLight.red).toBeGreaterThanOrEqual(RED);
    expect(after.byLight.yellow).toBeGreaterThanOrEqual(2);
    expect(after.byLight.green).toBeGreaterThanOrEqual(2);
    // Closing my item, due in asOf's year, adds a closed item (closures only ever add).
    expect(after.byStatus.closed).toBeGreaterThanOrEqual((before.byStatus.closed ?? 0) + 1);
  });

  it('tells the year’s completion: closed on time over all whose deadline has come', () => {
    for (const o of [before, after]) {
      const c = o.completion;
      for (const n of [c.closedOnTime, c.closedLate, c.openLate]) expect(Number.isInteger(n) && n >= 0).toBe(true);
      const judged = c.closedOnTime + c.closedLate + c.openLate;
      if (judged === 0) expect(c.onTimeRate).toBeNull();
      else {
        expect(c.onTimeRate).toBeGreaterThanOrEqual(0);
        expect(c.onTimeRate).toBeLessThanOrEqual(1);
        // A ratio to three decimals.
        expect(c.onTimeRate).toBe(Math.round((c.closedOnTime / judged) * 1000) / 1000);
      }
      // An open item late this year is red (a red one may not count as late: a completion claimed by its deadline awaits 核查).
      const redThisYear = (o.redItems as Json[]).filter((i) => yearOfDate(i.dueDate) === c.year).length;
      expect(c.openLate).toBeLessThanOrEqual(redThisYear);
    }
    // My item closed on time (claimed today, due asOf).
    expect(after.completion.closedOnTime).toBeGreaterThanOrEqual(before.completion.closedOnTime + 1);
    const myLate = red.filter((i) => yearOfDate(i.dueDate) === yearOfDate(asOf)).length;
    expect(after.completion.openLate).toBeGreaterThanOrEqual(myLate);
  });

  it('lists the rectification my unit owes since its notice, by name, due a week after', () => {
    expect(after.rectificationsOwed).toContainEqual({ noticeId, unitId: unit, name: unitName, due: expect.any(String) });
    const owed = (after.rectificationsOwed as Json[]).find((r) => r.noticeId === noticeId)!;
    expect(serverDays().map((d) => addDays(d, 7))).toContain(owed.due);
    const dues = (after.rectificationsOwed as Json[]).map((r) => r.due);
    expect(dues).toEqual([...dues].sort());
  });

  it('is as of today without asOf: none of my items is late yet', async () => {
    const now = await overview('');
    expect(serverDays()).toContain(now.asOf);
    expect(mine(now.redItems)).toEqual([]);
    expect(now.unitsWithMostRed.map((u: Json) => u.unitId)).not.toContain(unit);
    expect(now.completion.year).toBe(yearOfDate(now.asOf));
  });

  it('is read by leaders too', async () => {
    const read = await overview(`asOf=${asOf}`, leader);
    expect(mine(read.redItems).map((i: Json) => i.id)).toEqual(red.map((i) => i.id));
  });

  it('is refused to units and inspectors (403), without a token (401), and for bad input (400 naming the field)', async () => {
    expectProblem(await api('GET', `/reports/overview?asOf=${asOf}`, { token: unitToken }), 403, 'forbidden');
    expectProblem(await api('GET', `/reports/overview?asOf=${asOf}`, { token: inspector }), 403, 'forbidden');
    expectProblem(await api('GET', `/reports/overview?asOf=${asOf}`), 401);
    expectInvalid(await api('GET', '/reports/overview?asOf=2026-02-30', { token: office }), 'query.asOf');
    expectInvalid(await api('GET', '/reports/overview?asOf=20261220', { token: office }), 'query.asOf');
    expectInvalid(await api('GET', '/reports/overview?asOf=tomorrow', { token: leader }), 'query.asOf');
    expectInvalid(await api('GET', `/reports/overview?asOf=${asOf}&unit=${unit}`, { token: office }));
  });
});

// ---- GET /reports/assessment: input and access only ----------------------------

describe('GET /reports/assessment (年度考核): input and access', () => {
  const year = yearOfDate(today);
  const quiet = `county-quiet-${tag}`;
  const officeUnit = `office-${tag}`;
  const leaders = `leaders-${tag}`;

  beforeAll(async () => {
    await Promise.all([
      registerUnit(quiet, `考核测试县${tag}`),
      registerUnit(officeUnit, `督查室${tag}`, 'office'),
      registerUnit(leaders, `市政府领导${tag}`, 'leadership'),
    ]);
  });

  it.each([
    ['missing', ''],
    ['not a number', 'year=abc'],
    ['not a whole year', 'year=2026.5'],
    ['before 2000', 'year=1999'],
    ['after 2100', 'year=2101'],
    ['empty', 'year='],
    ['in hexadecimal', 'year=0x7EA'],
    ['in exponent notation', 'year=2e3'],
    ['with a sign', 'year=%2B2026'],
  ])('refuses a year %s (400 naming query.year)', async (_, query) => {
    expectInvalid(await api('GET', `/reports/assessment?${query}`, { token: office }), 'query.year');
  });

  it('refuses an unknown parameter and a bad asOf (400)', async () => {
    expectInvalid(await api('GET', `/reports/assessment?year=${year}&unit=${quiet}`, { token: office }));
    expectInvalid(await api('GET', `/reports/assessment?year=${year}&asOf=${year}-02-30`, { token: office }), 'query.asOf');
  });

  it('is refused to units and inspectors (403) and without a token (401)', async () => {
    expectProblem(await api('GET', `/reports/assessment?year=${year}`, { token: await tokenFor('unit', quiet) }), 403, 'forbidden');
    expectProblem(await api('GET', `/reports/assessment?year=${year}`, { token: inspector }), 403, 'forbidden');
    expectProblem(await api('GET', `/reports/assessment?year=${year}`), 401);
  });

  it.each([
    ['office', () => office],
    ['leader', () => leader],
  ])(
    'answers the %s with every unit: my quiet county, with nothing counted, 未参评 (not 100 / 优秀); office and leadership units left out',
    async (_, token) => {
      const res = await get(`/reports/assessment?year=${year}`, token());
      expect(res.year).toBe(year);
      expect(serverDays()).toContain(res.asOf);
      const rows = res.units as Json[];
      expect(rows.find((u) => u.unitId === quiet)).toMatchObject({
        unitId: quiet,
        name: `考核测试县${tag}`,
        kind: 'county',
        itemsLed: 0,
        onTimeRate: null,
        noticesOffice: 0,
        noticesGovernment: 0,
        markedNotExcellent: false,
        score: null,
        grade: '未参评',
        excellentEligible: false,
      });
      const ids = rows.map((u) => u.unitId);
      expect(ids).not.toContain(officeUnit);
      expect(ids).not.toContain(leaders);
      expect(rows.some((u) => u.kind === 'office' || u.kind === 'leadership')).toBe(false);
      const scores = rows.map((u) => u.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    },
  );

  it('takes a year with asOf, and echoes both', async () => {
    const res = await get(`/reports/assessment?year=${year}&asOf=${year}-12-31`, leader);
    expect(res).toMatchObject({ year, asOf: `${year}-12-31` });
  });
});

// ---- GET /reports/ledger.csv and .xlsx ------------------------------------------

describe('GET /reports/ledger.csv and /reports/ledger.xlsx (督查台账)', () => {
  const unit = `county-ledger-${tag}`;
  const unitName = `台账测试县${tag}`;
  const co1 = `dept-co1-${tag}`;
  const co2 = `dept-co2-${tag}`;
  const empty = `county-empty-${tag}`;
  let unitToken: string;
  let co1Token: string;
  /** Due 3 days ago: red. */
  let late: Json;
  /** Due in 2 days: yellow; its title starts like a formula. */
  let soon: Json;
  /** Due in 30 days, reported at 40%: green, in progress. */
  let reported: Json;
  let report: Json;
  /** Due in 35 days, registered 20 days ago with a report every 7 days and none made: yellow. */
  let reportOverdue: Json;
  /** Due in 40 days, closed. */
  let closed: Json;
  let closedReportAt: string;
  let closedOn: string;
  /** Each item's lightReason as GET /items/{id} gives it. */
  const reasons = new Map<string, string>();
  /** Led by another unit, mine as co-unit. */
  let coHandled: Json;

  beforeAll(async () => {
    await Promise.all([
      registerUnit(unit, unitName),
      registerUnit(co1, `协办一局${tag}`, 'department'),
      registerUnit(co2, `协办二局${tag}`, 'department'),
      registerUnit(empty, `空台账县${tag}`),
    ]);
    [unitToken, co1Token] = await Promise.all([tokenFor('unit', unit), tokenFor('unit', co1)]);
    [late, reportOverdue, soon, reported, closed, coHandled] = await Promise.all([
      registerLateItem(
        { title: `逾期未办结事项-${tag}`, leadUnit: unit, dueDate: addDays(today, -3), source: 'leader-instruction' },
        addDays(today, -20),
      ),
      registerLateItem(
        { title: `逾期未报送进展-${tag}`, leadUnit: unit, dueDate: addDays(today, 35), source: 'cppcc-proposal', reportEveryDays: 7 },
        addDays(today, -20),
      ),
      registerItem({
        title: `=SUM(1+1) 公式开头的事项-${tag}`,
        leadUnit: unit,
        coUnits: [co1, co2],
        dueDate: addDays(today, 2),
        source: 'npc-suggestion',
      }),
      registerItem({
        title: `推进"三改"工作, 第一批-${tag}`,
        leadUnit: unit,
        coUnits: [co1],
        dueDate: addDays(today, 30),
        source: 'work-report',
      }),
      registerItem({ title: `已办结事项-${tag}`, leadUnit: unit, dueDate: addDays(today, 40), source: 'meeting-decision' }),
      registerItem({ title: `协办事项-${tag}`, leadUnit: co1, coUnits: [unit], dueDate: addDays(today, 50), source: 'media-report' }),
    ]);
    report = await reportOn(reported.id, unitToken, 40);
    await close(closed.id, unitToken);
    const closedNow = await get(`/items/${closed.id}`);
    closedReportAt = closedNow.lastReportAt;
    closedOn = shanghaiMinuteOf(closedNow.lastVerification.at).slice(0, 10);
    for (const item of [late, reportOverdue, soon, reported, closed, coHandled])
      reasons.set(item.id, (await get(`/items/${item.id}`)).lightReason);
  });

  /** My six rows, in due-date order, as the office reads them (the CSV's text). */
  const expectedRows = () => {
    const row = (
      n: number,
      item: Json,
      source: string,
      lead: string,
      co: string,
      status: string,
      progress: string,
      light: string,
      last: string,
    ) => [
      String(n),
      item.title,
      source,
      REF,
      lead,
      co,
      item.dueDate,
      REQUIREMENTS,
      status,
      progress,
      light,
      reasons.get(item.id),
      last,
      '',
    ];
    return [
      row(1, late, '领导批示件', unitName, '', '已派发', '未报送', '红灯', '未报送'),
      row(2, soon, '人大代表建议', unitName, `协办一局${tag}、协办二局${tag}`, '已派发', '未报送', '黄灯', '未报送'),
      row(3, reported, '政府工作报告重点工作', unitName, `协办一局${tag}`, '办理中', '40', '绿灯', shanghaiMinuteOf(report.submittedAt)),
      row(4, reportOverdue, '政协提案', unitName, '', '已派发', '未报送', '黄灯', '未报送'),
      // Closed: 已办结 and the day 核查 closed it, not the last report's figure.
      row(5, closed, '政府重要会议决定事项', unitName, '', '已办结', `已办结（${closedOn}）`, '绿灯', shanghaiMinuteOf(closedReportAt)),
      row(6, coHandled, '新闻媒体反映的重大问题', `协办一局${tag}`, unitName, '已派发', '未报送', '绿灯', '未报送'),
    ];
  };

  it('gives each row the light’s reason the API gives, with its dates', () => {
    expect(reasons.get(late.id)).toMatch(/^完成时限\d{4}年\d{1,2}月\d{1,2}日已过3天/);
    expect(reasons.get(reportOverdue.id)).toContain('未报送');
  });

  it('the report shows on the item as its last report time', async () => {
    const item = await get(`/items/${reported.id}`);
    expect(item).toMatchObject({ status: 'in-progress', percentComplete: 40, lastReportAt: report.submittedAt });
    expect(shanghaiMinuteOf(report.submittedAt)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  describe('CSV', () => {
    it('is a UTF-8 download with a BOM, CRLF lines, a Chinese file name, and the ledger’s header row', async () => {
      const file = await download(`/reports/ledger.csv?unit=${unit}`, office);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(file.headers['cache-control']).toBe('no-store');
      const disposition = file.headers['content-disposition']!;
      expect(disposition).toMatch(/^attachment;/);
      expect(
        serverDays()
          .map((d) => `filename*=UTF-8''${LEDGER_NAME_UTF8}-${d}.csv`)
          .some((f) => disposition.includes(f)),
      ).toBe(true);
      expect(disposition).toMatch(/filename="[\x20-\x7e]+\.csv"/);
      expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
      expect(text.startsWith(`\uFEFF${HEADERS.join(',')}\r\n`)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      // Every line ends with CRLF; a bare LF is only inside a quoted cell (督办要求, one per line).
      expect(text.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toContain('\n');
      expect(text).toContain(`,"${REQUIREMENTS}",`);
    });

    it('has one row per item of the unit (led or co-handled), in due-date order, with Chinese labels and unit names', async () => {
      const rows = await ledgerCsv(`unit=${unit}`);
      const expected = expectedRows();
      // A cell that starts like a formula is written with a leading apostrophe (CSV injection).
      expected[1]![1] = `'${soon.title}`;
      expect(rows).toEqual(expected);
    });

    it('quotes a cell with a comma or quotes', async () => {
      const file = await download(`/reports/ledger.csv?unit=${unit}&source=work-report`, office);
      const text = new TextDecoder().decode(file.bytes);
      expect(text).toContain(`,"推进""三改""工作, 第一批-${tag}",`);
    });

    it.each([
      ['status=closed', [5]],
      ['status=assigned', [1, 2, 4, 6]],
      ['status=in-progress', [3]],
      ['light=red', [1]],
      // Yellow: due within 3 days, or a periodic report overdue.
      ['light=yellow', [2, 4]],
      ['light=green', [3, 5, 6]],
      ['source=npc-suggestion', [2]],
      // dueBefore and dueAfter are exclusive, as in GET /items.
      [`dueAfter=${addDays(today, 2)}&dueBefore=${addDays(today, 50)}`, [3, 4, 5]],
      [`dueAfter=${addDays(today, -4)}&dueBefore=${addDays(today, 30)}`, [1, 2]],
    ])('filters like GET /items: %s', async (query, numbers) => {
      const rows = await ledgerCsv(`unit=${unit}&${query}`);
      const all = expectedRows();
      expect(rows.map((r) => r[1])).toEqual(numbers.map((n) => (n === 2 ? `'${soon.title}` : all[n - 1]![1])));
      expect(rows.map((r) => r[0])).toEqual(numbers.map((_, i) => String(i + 1)));
    });

    it('lists the same items as GET /items for the same filter', async () => {
      const listed = (await get(`/items?unit=${unit}&limit=100`)).items as Json[];
      const rows = await ledgerCsv(`unit=${unit}`);
      expect(rows.map((r) => r[HEADERS.indexOf('完成时限')])).toEqual(listed.map((i) => i.dueDate));
      expect(rows.map((r) => r[HEADERS.indexOf('红黄绿灯')])).toEqual(
        listed.map((i) => ({ red: '红灯', yellow: '黄灯', green: '绿灯' })[i.light as string]),
      );
      expect(rows.map((r) => r[HEADERS.indexOf('亮灯原因')])).toEqual(listed.map((i) => i.lightReason));
    });

    it('is only the header row for a unit with no items', async () => {
      expect(await ledgerCsv(`unit=${empty}`)).toEqual([]);
    });
  });

  describe('XLSX', () => {
    it('is an Excel download with a Chinese file name', async () => {
      const file = await download(`/reports/ledger.xlsx?unit=${unit}`, office, XLSX);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe(XLSX);
      const disposition = file.headers['content-disposition']!;
      expect(disposition).toMatch(/^attachment;/);
      expect(
        serverDays()
          .map((d) => `filename*=UTF-8''${LEDGER_NAME_UTF8}-${d}.xlsx`)
          .some((f) => disposition.includes(f)),
      ).toBe(true);
      // A zip (the OOXML container), not base64 text.
      expect([...file.bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    });

    it('has one sheet 督查台账 with a frozen header row and my rows, the light as the cell’s colour', async () => {
      const workbook = await ledgerWorkbook(`unit=${unit}`);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['督查台账']);
      const sheet = workbook.getWorksheet('督查台账')!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(rowValues(sheet, 1)).toEqual(HEADERS);
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.rowCount).toBe(7);
      // The cells are the item's text as is (no formula: the title starting with '=' stays text).
      expect([2, 3, 4, 5, 6, 7].map((n) => rowValues(sheet, n))).toEqual(expectedRows());
      const lights = ['red', 'yellow', 'green', 'yellow', 'green', 'green'] as const;
      for (const [i, light] of lights.entries()) {
        const cell = sheet.getRow(i + 2).getCell(HEADERS.indexOf('红黄绿灯') + 1);
        expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: lightCellColours[light].fill } });
        expect(cell.font.color?.argb).toBe(lightCellColours[light].font);
      }
    });

    it('is a table Excel can sort, filter and print: typed cells, an autofilter, landscape A4 with the header on each page', async () => {
      const sheet = (await ledgerWorkbook(`unit=${unit}`)).getWorksheet('督查台账')!;
      expect(sheet.autoFilter).toBe('A1:N7');
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '1:1' });
      const cell = (row: number, header: string) => sheet.getRow(row).getCell(HEADERS.indexOf(header) + 1);
      for (let row = 2; row <= 7; row++) {
        expect(cell(row, '序号').type).toBe(ExcelJS.ValueType.Number);
        expect(cell(row, '完成时限').type).toBe(ExcelJS.ValueType.Date);
      }
      expect(cell(4, '进展（%）')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 40 });
      expect(cell(4, '最近报送').type).toBe(ExcelJS.ValueType.Date);
      expect(cell(6, '进展（%）').value).toBe(`已办结（${closedOn}）`);
    });

    it('filters like the CSV', async () => {
      const sheet = (await ledgerWorkbook(`unit=${unit}&light=yellow`)).getWorksheet('督查台账')!;
      expect(sheet.rowCount).toBe(3);
      expect(rowValues(sheet, 2)).toEqual(['1', ...expectedRows()[1]!.slice(1)]);
      expect(rowValues(sheet, 3)).toEqual(['2', ...expectedRows()[3]!.slice(1)]);
      const none = (await ledgerWorkbook(`unit=${empty}`)).getWorksheet('督查台账')!;
      expect(none.rowCount).toBe(1);
      expect(rowValues(none, 1)).toEqual(HEADERS);
    });
  });

  describe('an exported ledger imports again (POST /items/import?dryRun=true)', () => {
    it.each(['csv', 'xlsx'])(
      '%s: every row reads back as the item it was: its title, 文号, units, deadline and requirements, nothing new',
      async (ext) => {
        const file = await download(`/reports/ledger.${ext}?unit=${unit}`, office, ext === 'xlsx' ? XLSX : undefined);
        expect(file.status).toBe(200);
        const res = await api('POST', '/items/import?dryRun=true', {
          token: office,
          rawBody: file.bytes,
          headers: { 'content-type': ext === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MEDIA_TYPE },
        });
        expect(res.status, res.text).toBe(200);
        expect(res.json).toMatchObject({ dryRun: true, invalid: 0 });
        expect(res.json.rows).toHaveLength(6);
        expect(res.json.rows.map((r: Json) => r.title)).toEqual(expectedRows().map((r) => r[1])); // the CSV's guard apostrophe dropped
        // The same matters (督查事项, 牵头单位, 文号), read with nothing different from what the ledger holds.
        expect(res.json.rows.map((r: Json) => [r.status, r.differs])).toEqual(Array(6).fill(['exists', undefined]));
        expect(res.json.created).toBe(0);
      },
    );
  });

  describe('who may download, and bad filters', () => {
    it.each(['csv', 'xlsx'])(
      'ledger.%s: leaders may (200); units, even for their own items, and inspectors may not (403); no token 401',
      async (ext) => {
        const path = `/reports/ledger.${ext}?unit=${unit}`;
        const accept = ext === 'xlsx' ? XLSX : undefined;
        const byLeader = await download(path, leader, accept);
        expect(byLeader.status).toBe(200);
        expect(byLeader.headers['content-type']).toBe(ext === 'csv' ? 'text/csv; charset=utf-8' : XLSX);
        for (const token of [unitToken, co1Token, inspector]) {
          const res = await api('GET', path, { token, ...(accept ? { headers: { accept } } : {}) });
          expectProblem(res, 403, 'forbidden');
        }
        expectProblem(await api('GET', path), 401);
      },
    );

    it.each(['csv', 'xlsx'])('ledger.%s refuses unknown parameters and values (400 naming the field)', async (ext) => {
      const path = `/reports/ledger.${ext}`;
      const bad = (query: string) => api('GET', `${path}?${query}`, { token: office });
      expectInvalid(await bad(`unit=${unit}&status=done`), 'query.status');
      expectInvalid(await bad(`unit=${unit}&light=blue`), 'query.light');
      expectInvalid(await bad(`unit=${unit}&source=hearsay`), 'query.source');
      expectInvalid(await bad(`unit=${unit}&dueBefore=2026-02-30`), 'query.dueBefore');
      expectInvalid(await bad(`unit=${unit}&dueAfter=soon`), 'query.dueAfter');
      expectInvalid(await bad('unit=Not_A_Unit'), 'query.unit');
      expectInvalid(await bad(`unit=${unit}&colour=red`));
      // Paging is GET /items' business: the files hold every row.
      expectInvalid(await bad(`unit=${unit}&limit=10`));
    });
  });
});
