import { randomInt, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoIdempotencyStore } from '../../functions/adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../../functions/adapters/dynamodb/item-repository';
import { DynamoNoticeRepository } from '../../functions/adapters/dynamodb/notice-repository';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { DEDUCTIONS, emptyTally, GRADE_FLOORS, type Grade, type UnitTally } from '../../functions/domain/assessment';
import { startOfShanghaiDay } from '../../functions/domain/calendar';
import type { Caller } from '../../functions/domain/caller';
import type { ItemRegistration } from '../../functions/domain/items';
import type { ReportSubmission } from '../../functions/domain/reports';
import { XLSX_MEDIA_TYPE } from '../../functions/http/media-types';
import { jobDeps } from '../../functions/jobs/wiring';
import { acknowledgeItem } from '../../functions/use-cases/acknowledge-item';
import { claimCompletion } from '../../functions/use-cases/claim-completion';
import { issueNotice } from '../../functions/use-cases/issue-notice';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import { checkRectifications } from '../../functions/use-cases/jobs/rectification-check';
import { rectify } from '../../functions/use-cases/rectify';
import { registerItem } from '../../functions/use-cases/register-item';
import { submitReport } from '../../functions/use-cases/submit-report';
import { verifyItem } from '../../functions/use-cases/verify-item';
import { ScopedDue } from './scoped';
import { assertAnswersContract } from './contract-check';
import { api, apiUrl, mailTo, tokenFor } from './support';

/**
 * 年度考核 (rule 4 and the README's scoring table), end to end: a year of
 * events for five units, driven through the use cases with a controlled
 * clock against the run's DynamoDB Local, the overdue-escalation and
 * rectification-check jobs run on the days that matter, then the year read
 * through GET /reports/assessment as the office and as a leader.
 *
 *   A  exemplary: two items led, every report on time, both closed on time, never warned.
 *   B  late and criticised: a periodic report missed by five days — warned, then named in
 *      the job's office notice — rectified within the week; both items closed on time.
 *      93 points, yet 良好: rule 4 beats the score.
 *   C  failed to rectify: an item left open past its deadline, warned, criticised, the
 *      rectification never handed in, escalated by the one-week check (government notice,
 *      not-excellent mark).
 *   D  late but never criticised: one item closed late and one report late, both within the
 *      grace period (warned only). Also 93 points, and 优秀: a warning is not a notice.
 *   E  the year boundary: an office notice of late December, rectified late in January of
 *      the next year — counted in the notice's year.
 *
 * As in jobs.test.ts: the jobs' notice ids are one per day and the jobs read
 * global indexes, so this file has a far-future year of its own (2092–2099;
 * jobs.test.ts takes 2040–2091 and 2001–2016), items registered "as of" that
 * year by the register-item use case with a past clock, and the jobs'
 * due-queries narrowed to this file's units (ScopedDue). The assessment's own
 * route reads every unit, so its rows are narrowed to ours here.
 *
 * The jobs run on the days the story names, not on every day of the year:
 * each day where something falls due or changes, plus the first of several
 * months as quiet controls; each run's notices and what it saw late are asserted. The last rectification check is on Y-11-01, before the
 * government notice's own week ends (C would be escalated again, −10 −10, by
 * a check after Y-11-03: jobs.test.ts covers that repeat escalation).
 */
const tag = randomUUID().slice(0, 8);
const Y = randomInt(2092, 2100);
const d = (monthDay: string, year = Y) => `${year}-${monthDay}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const marker = `-ay-${tag}`;
const A = `a${marker}`;
const B = `b${marker}`;
const C = `c${marker}`;
const D = `d${marker}`;
const E = `e${marker}`;
const mine = [A, B, C, D, E];
const officeUnit = `office-ay-${tag}`;
const leadersUnit = `leaders-ay-${tag}`;

let office: string;
let leader: string;

/** A stretch of the year is tens of use-case calls and job runs: more than the default 30 s on a busy machine. */
const STORY_MS = 90_000;

/** 15:00 (by default) Asia/Shanghai on a calendar date. */
const at = (date: string, hours = 15, minutes = 0) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);
const head = (unitId: string) => `head@${unitId}.example.gov.cn`;

const officeUser: Caller = { sub: `office-user-${tag}`, role: 'office' };
const unitUser = (unitId: string): Caller => ({ sub: `liaison-${unitId}`, role: 'unit', unitId });

/** The use cases' dependencies with the clock stopped at a Shanghai time. */
const on = (date: string, hours = 15, minutes = 0) => ({
  items: new DynamoItemRepository(),
  units: new DynamoUnitRepository(),
  notices: new DynamoNoticeRepository(),
  idempotency: new DynamoIdempotencyStore(),
  clock: { now: () => at(date, hours, minutes) },
});

const jobsDeps = () => ({ ...jobDeps(), due: new ScopedDue(marker) });

/**
 * One day of the scheduled jobs: overdue-escalation at 09:30, rectification-check at 10:00.
 * `late`: items and report dates it saw late; `owed`: rectifications it saw past due.
 */
async function jobsOn(date: string, hours = 9, minutes = 30) {
  const overdue = await escalateOverdue(jobsDeps(), at(date, hours, minutes));
  const check = await checkRectifications(jobsDeps(), at(date, hours + 1, minutes - 30));
  expect(overdue.emails.failed, `${date} overdue-escalation`).toBe(0);
  expect(check.emails.failed, `${date} rectification-check`).toBe(0);
  return { notices: [...overdue.noticesIssued, ...check.noticesIssued], late: overdue.looked, owed: check.looked };
}

async function registerUnit(id: string, name: string, kind = 'county', contacts?: { name: string; email: string; role: string }[]) {
  const body = {
    id,
    name,
    kind,
    contacts: contacts ?? [
      { name: '张主任', email: head(id), role: 'head' },
      { name: '李科长', email: `liaison@${id}.example.gov.cn`, role: 'liaison' },
    ],
  };
  const res = await api('POST', '/units', { token: office, body });
  expect(res.status, res.text).toBe(201);
}

/** Registers and dispatches an item "as of" 10:00 on a date of the year, as the office. */
async function registerItemOn(
  date: string,
  fields: Partial<ItemRegistration> & Pick<ItemRegistration, 'title' | 'leadUnit' | 'dueDate'>,
): Promise<string> {
  const { item } = await registerItem(on(date, 10, 0), officeUser, {
    description: '',
    source: 'work-report',
    sourceRef: `${Y}年《政府工作报告》`,
    coUnits: [],
    requirements: ['工作进展情况'],
    projectType: false,
    milestones: [],
    ...fields,
  });
  return item.id;
}

const acknowledge = async (date: string, unitId: string, itemId: string) =>
  (await acknowledgeItem(on(date, 9, 0), unitUser(unitId), itemId)).result;

const reportBody = (itemId: string, percentComplete: number): ReportSubmission => ({
  summary: `事项${itemId.slice(0, 8)}已完成${percentComplete}%`,
  percentComplete,
  answers: [{ requirement: 0, answer: `按计划推进，完成${percentComplete}%（${itemId}）` }],
});

/** A progress report by the unit, "at" 15:00 (by default) on a date; the answer says on time or late. */
async function report(date: string, unitId: string, itemId: string, percentComplete: number, idempotencyKey?: string, hours = 15) {
  const { result } = await submitReport(on(date, hours), unitUser(unitId), itemId, reportBody(itemId, percentComplete), idempotencyKey);
  return result;
}

const claim = async (date: string, unitId: string, itemId: string) =>
  (await claimCompletion(on(date), unitUser(unitId), itemId, { summary: `事项${itemId}已全部完成，申请销号` })).result;

const verifyPassed = async (date: string, itemId: string) =>
  (await verifyItem(on(date, 16, 0), officeUser, itemId, { method: 'site', passed: true, findings: '实地核查，已按要求完成' })).result;

const rectificationOf = (unitId: string) => ({
  explanation: `${unitId}对通报问题的情况说明`,
  measures: '落实专人盯办，倒排工期',
  report: `${unitId}关于通报问题的书面整改报告`,
});

async function get(path: string, token = office): Promise<Json> {
  const res = await api('GET', path, { token });
  expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
  return res.json;
}

/** This file's rows of a year's assessment, in the order the route gives them (best score first). */
async function assessment(year: number, asOf: string, token = office): Promise<Json[]> {
  const body = await get(`/reports/assessment?year=${year}&asOf=${asOf}`, token);
  expect(body).toMatchObject({ year, asOf });
  return body.units.filter((u: Json) => mine.includes(u.unitId));
}
const byUnit = (rows: Json[]) => Object.fromEntries(rows.map((r) => [r.unitId, r]));

/** The README's table, computed from the code's DEDUCTIONS: 100 less each failing, never below 0. */
const scoreFrom = (t: Partial<Pick<UnitTally, keyof typeof DEDUCTIONS>>) =>
  Math.max(
    0,
    100 - (Object.keys(DEDUCTIONS) as (keyof typeof DEDUCTIONS)[]).reduce((sum, key) => sum + (t[key] ?? 0) * DEDUCTIONS[key], 0),
  );
const gradeByScore = (score: number): Grade => GRADE_FLOORS.find(([, floor]) => score >= floor)![0];

const zero = emptyTally();

/** The items, by unit. */
const ids = { a1: '', a2: '', b1: '', b2: '', c1: '', d1: '', d2: '', e1: '' };
/** B's late report of the year, made with an Idempotency-Key, for the replay at the end. */
let bLateReport: { id: string; key: string; date: string; itemId: string };

const bNotice = `overdue-${d('04-04')}`;
const cNotice = `overdue-${d('10-19')}`;
const cEscalation = `rectification-${d('10-27')}`;
let eNotice: string;

beforeAll(async () => {
  office = await tokenFor('office');
  leader = await tokenFor('leader');
  await registerUnit(officeUnit, `市政府督查室-${tag}`, 'office', [
    { name: '督查室', email: `duban@${officeUnit}.example.gov.cn`, role: 'head' },
  ]);
  await registerUnit(leadersUnit, `市政府领导-${tag}`, 'leadership', [
    { name: '市长', email: `shizhang@${leadersUnit}.example.gov.cn`, role: 'head' },
  ]);
  await registerUnit(A, `汉滨区-${tag}`);
  await registerUnit(B, `市住建局-${tag}`, 'department');
  await registerUnit(C, `旬阳县-${tag}`);
  await registerUnit(D, `市交通局-${tag}`, 'department');
  await registerUnit(E, `市生态环境局-${tag}`, 'department');
});

describe(`a year of 考核 for five units (rule 4, the README's scoring)`, () => {
  it(
    'February–May: A reports on time and closes both items early; B misses a report date, is warned, criticised by the job, reports late and rectifies within the week',
    async () => {
      ids.a1 = await registerItemOn(d('02-01'), { title: `城区棚户区改造-${tag}`, leadUnit: A, dueDate: d('04-30'), reportEveryDays: 30 });
      ids.a2 = await registerItemOn(d('02-01'), {
        title: `城区背街小巷提升-${tag}`,
        leadUnit: A,
        dueDate: d('04-30'),
        reportEveryDays: 30,
      });
      for (const id of [ids.a1, ids.a2]) await acknowledge(d('02-03'), A, id);
      for (const id of [ids.a1, ids.a2]) expect((await report(d('02-25'), A, id, 30)).onTime).toBe(true);

      ids.b1 = await registerItemOn(d('03-01'), { title: `保障性住房建设-${tag}`, leadUnit: B, dueDate: d('06-30'), reportEveryDays: 30 });
      ids.b2 = await registerItemOn(d('03-01'), { title: `老旧小区改造-${tag}`, leadUnit: B, dueDate: d('06-30'), reportEveryDays: 30 });
      for (const id of [ids.b1, ids.b2]) await acknowledge(d('03-02'), B, id);

      for (const id of [ids.a1, ids.a2]) expect((await report(d('03-20'), A, id, 100)).onTime).toBe(true);
      // B reports on b1, not on b2, whose first report is due on 03-31.
      expect((await report(d('03-25'), B, ids.b1, 20)).onTime).toBe(true);
      expect((await new DynamoItemRepository().get(ids.b2))?.nextReportDue).toBe(d('03-31'));

      // Day 1 late: a warning only. Day 4 (more than the 3-day grace): the office notice of the day, naming B.
      expect(await jobsOn(d('04-01'))).toEqual({ notices: [], late: 1, owed: 0 });
      expect(await jobsOn(d('04-04'))).toEqual({ notices: [bNotice], late: 1, owed: 0 });
      expect(await get(`/notices/${bNotice}`)).toMatchObject({
        level: 'office',
        unitIds: [B],
        itemIds: [ids.b2],
        rectificationDue: d('04-11'),
      });

      // B reports five days late, with an Idempotency-Key (replayed at the end), and rectifies within the week.
      const key = `late-report-${tag}`;
      const late = await report(d('04-05'), B, ids.b2, 25, key);
      expect(late).toMatchObject({ onTime: false, dueBy: d('03-31') });
      bLateReport = { id: late.id, key, date: d('04-05'), itemId: ids.b2 };
      const { rectification } = await rectify(on(d('04-08')), unitUser(B), bNotice, rectificationOf(B));
      expect(rectification.onTime).toBe(true);

      for (const id of [ids.a1, ids.a2]) expect((await claim(d('04-10'), A, id)).status).toBe('completion-claimed');
      // The day after B's rectification was due: nothing to escalate. A is never late.
      expect(await jobsOn(d('04-12'))).toEqual({ notices: [], late: 0, owed: 0 });
      for (const id of [ids.a1, ids.a2]) expect((await verifyPassed(d('04-12'), id)).status).toBe('closed');

      expect((await report(d('04-20'), B, ids.b1, 100)).onTime).toBe(true);
      expect(await jobsOn(d('05-01'))).toEqual({ notices: [], late: 0, owed: 0 });
      expect((await report(d('05-01'), B, ids.b2, 100)).onTime).toBe(true);
      for (const id of [ids.b1, ids.b2]) await claim(d('05-15'), B, id);
      for (const id of [ids.b1, ids.b2]) expect((await verifyPassed(d('05-18'), id)).status).toBe('closed');
    },
    STORY_MS,
  );

  it(
    'May–July: D reports two days late and claims completion two days late, warned each time but never criticised',
    async () => {
      ids.d1 = await registerItemOn(d('05-01'), {
        title: `国省干线公路改建-${tag}`,
        leadUnit: D,
        dueDate: d('07-15'),
        reportEveryDays: 30,
        source: 'meeting-decision',
      });
      ids.d2 = await registerItemOn(d('05-01'), {
        title: `农村公路安防工程-${tag}`,
        leadUnit: D,
        dueDate: d('07-31'),
        source: 'meeting-decision',
      });
      for (const id of [ids.d1, ids.d2]) await acknowledge(d('05-02'), D, id);
      expect((await new DynamoItemRepository().get(ids.d1))?.nextReportDue).toBe(d('05-31'));

      expect(await jobsOn(d('06-01'))).toEqual({ notices: [], late: 1, owed: 0 });
      expect(await jobsOn(d('06-02'))).toEqual({ notices: [], late: 1, owed: 0 });
      expect(await report(d('06-02'), D, ids.d1, 30)).toMatchObject({ onTime: false, dueBy: d('05-31') });
      // Past the grace period for 05-31, but the report is in: nothing.
      expect(await jobsOn(d('06-05'))).toEqual({ notices: [], late: 0, owed: 0 });
      expect((await report(d('06-10'), D, ids.d2, 100)).onTime).toBe(true);
      expect((await report(d('06-30'), D, ids.d1, 100)).onTime).toBe(true);
      expect(await jobsOn(d('07-01'))).toEqual({ notices: [], late: 0, owed: 0 });

      // d1 is due 07-15: warned on 07-16, claimed on 07-17, verified (closed late) on 07-18, before the grace ends.
      expect(await jobsOn(d('07-16'))).toEqual({ notices: [], late: 1, owed: 0 });
      expect(await jobsOn(d('07-17'))).toEqual({ notices: [], late: 1, owed: 0 });
      expect((await claim(d('07-17'), D, ids.d1)).completionClaimedOn).toBe(d('07-17'));
      expect((await verifyPassed(d('07-18'), ids.d1)).status).toBe('closed');
      expect(await jobsOn(d('07-19'))).toEqual({ notices: [], late: 0, owed: 0 });
      await claim(d('07-25'), D, ids.d2);
      expect((await verifyPassed(d('07-28'), ids.d2)).status).toBe('closed');
    },
    STORY_MS,
  );

  it(
    'August–November: C lets its item run past the deadline, is warned, criticised, ignores the week and is escalated by the one-week check; E closes its item on time',
    async () => {
      expect(await jobsOn(d('08-01'))).toEqual({ notices: [], late: 0, owed: 0 });
      ids.c1 = await registerItemOn(d('08-01'), {
        title: `汉江综合整治-${tag}`,
        leadUnit: C,
        dueDate: d('10-15'),
        source: 'leader-instruction',
      });
      await acknowledge(d('08-03'), C, ids.c1);
      expect(await jobsOn(d('09-01'))).toEqual({ notices: [], late: 0, owed: 0 });
      ids.e1 = await registerItemOn(d('09-01'), {
        title: `饮用水源地保护-${tag}`,
        leadUnit: E,
        dueDate: d('11-30'),
        source: 'cppcc-proposal',
      });
      // An item without report dates: its report is on time whenever made.
      expect((await report(d('09-01'), C, ids.c1, 40)).onTime).toBe(true);
      await acknowledge(d('09-03'), E, ids.e1);
      expect(await jobsOn(d('10-01'))).toEqual({ notices: [], late: 0, owed: 0 });
      expect((await report(d('10-08'), E, ids.e1, 100)).onTime).toBe(true);

      expect(await jobsOn(d('10-16'))).toEqual({ notices: [], late: 1, owed: 0 });
      expect(await jobsOn(d('10-19'))).toEqual({ notices: [cNotice], late: 1, owed: 0 });
      expect(await get(`/notices/${cNotice}`)).toMatchObject({
        level: 'office',
        unitIds: [C],
        itemIds: [ids.c1],
        rectificationDue: d('10-26'),
      });
      // The day it is due, nothing; 8 days after the notice, the government-level escalation.
      expect(await jobsOn(d('10-26'))).toEqual({ notices: [], late: 1, owed: 0 });
      expect(await jobsOn(d('10-27'))).toEqual({ notices: [cEscalation], late: 1, owed: 1 });
      expect(await get(`/notices/${cEscalation}`)).toMatchObject({
        level: 'government',
        unitIds: [C],
        escalates: [cNotice],
        rectificationDue: d('11-03'),
      });
      expect(await jobsOn(d('11-01'))).toEqual({ notices: [], late: 1, owed: 0 });

      await claim(d('11-20'), E, ids.e1);
      expect((await verifyPassed(d('11-25'), ids.e1)).status).toBe('closed');
    },
    STORY_MS,
  );

  it(`December–January: the office criticises E on 12-29; E's rectification, due in the new year, comes late`, async () => {
    const { notice } = await issueNotice(on(d('12-29'), 16, 0), officeUser, {
      level: 'office',
      unitIds: [E],
      itemIds: [ids.e1],
      reason: '回访核查发现饮用水源地保护区内违法建设问题反弹，予以通报批评。',
      mediaExposure: false,
    });
    eNotice = notice.id;
    expect(notice.rectificationDue).toBe(d('01-05', Y + 1));
    const { rectification } = await rectify(on(d('01-08', Y + 1)), unitUser(E), eNotice, rectificationOf(E));
    expect(rectification.onTime).toBe(false);
  });

  it('no job ever wrote to A; D got warnings (预警) and never a notice (通报)', async () => {
    expect(await mailTo(head(A))).toEqual([]);
    const toD = (await mailTo(head(D))).map((m) => m.subject);
    expect(toD).toHaveLength(2);
    for (const subject of toD) expect(subject).toMatch(/^【预警】/);
    const naming = (await get('/notices?limit=100')).items.filter((n: Json) => n.unitIds.some((u: string) => mine.includes(u)));
    expect(naming.map((n: Json) => [n.id, n.unitIds]).sort()).toEqual(
      [
        [bNotice, [B]],
        [cNotice, [C]],
        [cEscalation, [C]],
        [eNotice, [E]],
      ].sort(),
    );
  });
});

/** What each unit's year should come to: every figure of the route. */
const expA = { ...zero, itemsLed: 2, closedOnTime: 2, reportsOnTime: 4, onTimeRate: 1, score: 100, grade: '优秀', excellentEligible: true };
const expB = {
  ...zero,
  itemsLed: 2,
  closedOnTime: 2,
  reportsOnTime: 3,
  reportsLate: 1,
  noticesOffice: 1,
  onTimeRate: 1,
  score: 93,
  grade: '良好',
  excellentEligible: false,
};
const expC = {
  ...zero,
  itemsLed: 1,
  openLate: 1,
  reportsOnTime: 1,
  noticesOffice: 1,
  noticesGovernment: 1,
  rectificationsLate: 1,
  markedNotExcellent: true,
  onTimeRate: 0,
  score: 67,
  grade: '合格',
  excellentEligible: false,
};
const expD = {
  ...zero,
  itemsLed: 2,
  closedOnTime: 1,
  closedLate: 1,
  reportsOnTime: 2,
  reportsLate: 1,
  onTimeRate: 0.5,
  score: 93,
  grade: '优秀',
  excellentEligible: true,
};
const expE = {
  ...zero,
  itemsLed: 1,
  closedOnTime: 1,
  reportsOnTime: 1,
  noticesOffice: 1,
  rectificationsLate: 1,
  onTimeRate: 1,
  score: 85,
  grade: '良好',
  excellentEligible: false,
};
const expected = new Map<string, Json>([
  [A, expA],
  [B, expB],
  [C, expC],
  [D, expD],
  [E, expE],
]);

describe(`GET /reports/assessment?year=Y&asOf=<Y+1>-01-15`, () => {
  const asOf = d('01-15', Y + 1);

  it('the scores are the README table applied to each unit’s figures (DEDUCTIONS), pinned as numbers', () => {
    expect(DEDUCTIONS).toEqual({
      closedLate: 5,
      openLate: 8,
      reportsLate: 2,
      noticesOffice: 5,
      noticesGovernment: 10,
      rectificationsLate: 10,
    });
    // A: nothing to deduct.
    expect(scoreFrom(expA)).toBe(100);
    // B: one late report (−2), one office notice (−5).
    expect(scoreFrom(expB)).toBe(100 - DEDUCTIONS.reportsLate - DEDUCTIONS.noticesOffice);
    expect(scoreFrom(expB)).toBe(93);
    // C: open past its deadline (−8), office notice (−5), government notice (−10), rectification never made (−10).
    expect(scoreFrom(expC)).toBe(
      100 - DEDUCTIONS.openLate - DEDUCTIONS.noticesOffice - DEDUCTIONS.noticesGovernment - DEDUCTIONS.rectificationsLate,
    );
    expect(scoreFrom(expC)).toBe(67);
    // D: closed late (−5), one late report (−2).
    expect(scoreFrom(expD)).toBe(100 - DEDUCTIONS.closedLate - DEDUCTIONS.reportsLate);
    expect(scoreFrom(expD)).toBe(93);
    // E: office notice (−5), rectification late (−10).
    expect(scoreFrom(expE)).toBe(100 - DEDUCTIONS.noticesOffice - DEDUCTIONS.rectificationsLate);
    expect(scoreFrom(expE)).toBe(85);
    // By score alone B would be 优秀 like D; rule 4 stops it at 良好.
    expect(gradeByScore(93)).toBe('优秀');
    expect(gradeByScore(85)).toBe('良好');
    expect(gradeByScore(67)).toBe('合格');
  });

  it('as the office: every figure of the five units', async () => {
    const rows = await assessment(Y, asOf);
    const got = byUnit(rows);
    for (const unitId of mine) {
      expect(got[unitId], unitId).toEqual({
        unitId,
        name: expect.stringContaining(tag),
        kind: expect.stringMatching(/^(county|department)$/),
        ...expected.get(unitId),
      });
    }
    // Best score first; equal scores by unit id.
    expect(rows.map((r) => r.unitId)).toEqual([A, B, D, E, C]);
    // The office and the leaders are not assessed.
    const all = (await get(`/reports/assessment?year=${Y}&asOf=${asOf}`)).units.map((u: Json) => u.unitId);
    expect(all).not.toContain(officeUnit);
    expect(all).not.toContain(leadersUnit);
  });

  it('rule 4 beats the score: B and D both have 93, B (criticised) is 良好 and not eligible, D (only warned) is 优秀', async () => {
    const got = byUnit(await assessment(Y, asOf));
    expect(got[B]).toMatchObject({ score: 93, grade: '良好', excellentEligible: false, markedNotExcellent: false });
    expect(got[D]).toMatchObject({ score: 93, grade: '优秀', excellentEligible: true });
    expect(got[C]).toMatchObject({ markedNotExcellent: true, excellentEligible: false });
  });

  it('a leader reads the same', async () => {
    expect(await assessment(Y, asOf, leader)).toEqual(await assessment(Y, asOf, office));
  });

  it('the year boundary: E’s rectification, late in January, counts in the year of its December notice; the next year holds nothing of ours', async () => {
    const next = byUnit(await assessment(Y + 1, d('12-31', Y + 1)));
    for (const unitId of mine) {
      // Nothing of ours counts in the next year: every unit is 未参评 there, not 100 / 优秀.
      expect(next[unitId], unitId).toMatchObject({ ...zero, onTimeRate: null, score: null, grade: '未参评', excellentEligible: false });
    }
    expect(byUnit(await assessment(Y, asOf))[E]).toMatchObject({ noticesOffice: 1, rectificationsLate: 1 });
  });

  it('GET /reports/assessment.xlsx: the same year as a workbook titled 「Y年度督查考核」, units by name, cells as the route’s figures', async () => {
    const path = `/reports/assessment.xlsx?year=${Y}&asOf=${asOf}`;
    const res = await fetch(`${apiUrl()}${path}`, { headers: { authorization: `Bearer ${leader}`, accept: XLSX_MEDIA_TYPE } });
    const file = { status: res.status, headers: Object.fromEntries(res.headers), bytes: new Uint8Array(await res.arrayBuffer()) };
    assertAnswersContract('GET', path, { ...file, json: undefined });
    expect(file.status, new TextDecoder().decode(file.bytes)).toBe(200);
    expect(file.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
    const disposition = file.headers['content-disposition']!;
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${Y}年度督查考核-${asOf}.xlsx`)}`);
    expect(disposition).toContain(`filename="ducha-assessment-${Y}-${asOf}.xlsx"`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([`${Y}年度督查考核`]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe(`${Y}年度督查考核`);
    expect(String(sheet.getCell('A2').value)).toMatch(new RegExp(`^截至 ${asOf}。得分自 100 分起`));
    const headers = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(headers).toEqual([
      '单位',
      '类别',
      '得分',
      '等级',
      '评分依据',
      '优秀资格',
      '牵头事项',
      '按时办结',
      '逾期办结',
      '逾期未办结',
      '按时办结率',
      '报送（按时/逾期）',
      '通报（督查室/政府）',
      '整改逾期',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });

    // Every unit the route lists, in its order (best score first), by name: never an id.
    const route = await get(`/reports/assessment?year=${Y}&asOf=${asOf}`, leader);
    const cell = (row: number, header: string) => sheet.getRow(row).getCell(headers.indexOf(header) + 1);
    const names = Array.from({ length: sheet.rowCount - 3 }, (_, i) => cell(i + 4, '单位').value);
    expect(names).toEqual(route.units.map((u: Json) => u.name));
    const rowOf = (unitId: string) => 4 + route.units.findIndex((u: Json) => u.unitId === unitId);
    const values = (unitId: string) => Object.fromEntries(headers.map((h) => [h, cell(rowOf(unitId), h as string).value]));

    // B: 93, yet 良好 (rule 4); the page's words for why.
    expect(values(B)).toEqual({
      单位: `市住建局-${tag}`,
      类别: '市政府工作部门',
      得分: 93,
      等级: '良好',
      评分依据: '100 − 报送逾期 1 × 2 − 督查室通报 1 × 5 = 93；90 分以上为优秀；本年度被通报，不评优秀，定为良好',
      优秀资格: '无（本年度被通报批评）',
      牵头事项: 2,
      按时办结: 2,
      逾期办结: 0,
      逾期未办结: 0,
      按时办结率: 1,
      '报送（按时/逾期）': '3 / 1',
      '通报（督查室/政府）': '1 / 0',
      整改逾期: 0,
    });
    // C: marked by the one-week check; D: a rate of one half, as a percentage cell.
    expect(values(C)).toMatchObject({
      类别: '县区人民政府',
      得分: 67,
      等级: '合格',
      优秀资格: '无（逾期未整改，经一周督办仍未整改）',
      按时办结率: 0,
    });
    expect(values(D)).toMatchObject({ 得分: 93, 等级: '优秀', 优秀资格: '有', 按时办结率: 0.5 });
    expect(cell(rowOf(D), '按时办结率').numFmt).toBe('0.0%');
    for (const unitId of mine) {
      const u = route.units.find((row: Json) => row.unitId === unitId);
      expect(values(unitId), unitId).toMatchObject({ 得分: u.score, 等级: u.grade, 牵头事项: u.itemsLed, 整改逾期: u.rectificationsLate });
    }
  });

  it(
    'counting is idempotent: re-run jobs, a replayed report, a retried escalation and a rectification after escalation change no figure',
    async () => {
      const before = await assessment(Y, asOf);

      // The jobs again on the days they issued notices, later in the day: nothing new.
      for (const day of [d('04-04'), d('10-19'), d('10-27')]) {
        expect((await jobsOn(day, 16, 30)).notices, day).toEqual([]);
      }

      // B's late report retried with its Idempotency-Key, minutes later: the first answer, no second report.
      const replay = await submitReport(
        on(bLateReport.date, 15, 5),
        unitUser(B),
        bLateReport.itemId,
        reportBody(bLateReport.itemId, 25),
        bLateReport.key,
      );
      expect(replay).toMatchObject({ replayed: true, result: { id: bLateReport.id, onTime: false } });
      // And through the API (same user, same key, same body).
      const token = await tokenFor('unit', B, { sub: unitUser(B).sub });
      const http = await api('POST', `/items/${bLateReport.itemId}/reports`, {
        token,
        headers: { 'idempotency-key': bLateReport.key },
        body: reportBody(bLateReport.itemId, 25),
      });
      expect(http.status, http.text).toBeLessThan(300);
      expect(http.headers['idempotent-replayed']).toBe('true');
      expect(http.json.id).toBe(bLateReport.id);
      const reports = await new DynamoItemRepository().reports(bLateReport.itemId, { limit: 100 });
      expect(reports.items.filter((r) => r.id === bLateReport.id)).toHaveLength(1);
      expect(reports.items).toHaveLength(2);

      // A retried escalation of C's obligation: already escalated, nothing changes.
      expect(await new DynamoNoticeRepository().escalate([{ noticeId: cNotice, unitId: C, due: d('10-26'), status: 'owed' }])).toEqual([]);
      // C hands in its rectification at last, long after the escalation: late, and counted once.
      const { rectification } = await rectify(on(d('01-10', Y + 1)), unitUser(C), cNotice, rectificationOf(C));
      expect(rectification.onTime).toBe(false);

      expect(await assessment(Y, asOf)).toEqual(before);
      expect(byUnit(before)[C]).toMatchObject({ rectificationsLate: 1, score: 67 });
    },
    STORY_MS,
  );
});
