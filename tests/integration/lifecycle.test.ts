import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { MIN_SHINGLES, NEAR_IDENTICAL, reportText, shingles, similarity } from '../../functions/domain/similarity';
import { chineseDate } from '../../functions/domain/mail';
import { api, mailTo, nowEpochSeconds, tokenFor, type ApiOptions, type ApiResponse } from './support';

/**
 * An item's life through the local HTTP API: 签收, reports (rule 1), the
 * 纸面销号 check, extensions, completion and verification (核查), races,
 * retries and who may do what (rule 6). Units of its own (a random tag), so
 * the file runs beside the others on the one DynamoDB Local.
 */
const tag = randomUUID().slice(0, 8);
const lead = `lead-${tag}`;
const co = `co-${tag}`;
const stranger = `stranger-${tag}`;
const today = shanghaiDate(new Date());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let office: string;
let leader: string;
let inspector: string;
let leadToken: string;
let coToken: string;
let strangerToken: string;

const itemBody = (over: Record<string, unknown> = {}) => ({
  title: '推进汉江综合整治',
  description: '汉江城区段堤防、截污和绿化一体推进',
  source: 'work-report',
  sourceRef: '安政办发〔2014〕134号',
  leadUnit: lead,
  coUnits: [co],
  dueDate: addDays(today, 30),
  requirements: ['工作进展情况', '存在问题及下步措施'],
  reportEveryDays: 7,
  ...over,
});

/** A complete report on a two-requirement item. */
const reportBody = (summary: string, over: Record<string, unknown> = {}) => ({
  summary,
  percentComplete: 30,
  answers: [
    { requirement: 0, answer: '按计划推进' },
    { requirement: 1, answer: '暂无' },
  ],
  ...over,
});

function textOfBody(body: ReturnType<typeof reportBody>) {
  return reportText({ summary: body.summary, answers: body.answers.map((a) => a.answer) });
}

async function register(over: Record<string, unknown> = {}): Promise<Json> {
  const res = await api('POST', '/items', { token: office, body: itemBody(over) });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function post(path: string, token: string | undefined, body?: unknown, options: ApiOptions = {}): Promise<ApiResponse> {
  return api('POST', path, { token, ...(body !== undefined ? { body } : {}), ...options });
}

async function get(path: string, token = office): Promise<Json> {
  const res = await api('GET', path, { token });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

const history = async (id: string, token = office): Promise<Json[]> => (await get(`/items/${id}/history?limit=100`, token)).items;
const reports = async (id: string, token = office): Promise<Json[]> => (await get(`/items/${id}/reports?limit=100`, token)).items;

/** What a refused request must leave untouched. */
async function written(id: string) {
  const item = await get(`/items/${id}`);
  return { version: item.version, reports: (await reports(id)).map((r) => r.id), events: (await history(id)).length };
}

/** An item acknowledged by its lead unit (and optionally in progress). */
async function acknowledged(over: Record<string, unknown> = {}): Promise<Json> {
  const item = await register(over);
  const ack = await post(`/items/${item.id}/acknowledge`, leadToken);
  expect(ack.status, ack.text).toBe(200);
  // As the office reads it: units and inspectors are not given `version` (it would count hidden referrals).
  return get(`/items/${item.id}`);
}

function expectProblem(res: ApiResponse, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  if (code) expect(res.json.error.code).toBe(code);
}

beforeAll(async () => {
  office = await tokenFor('office');
  leader = await tokenFor('leader');
  inspector = await tokenFor('inspector');
  leadToken = await tokenFor('unit', lead);
  coToken = await tokenFor('unit', co);
  strangerToken = await tokenFor('unit', stranger);
  for (const [id, name] of [
    [lead, '牵头县'],
    [co, '协办局'],
    [stranger, '无关局'],
  ] as const) {
    const res = await api('POST', '/units', {
      token: office,
      body: { id, name, kind: 'county', contacts: [{ name: '李四', email: `head@${id}.example.gov.cn`, role: 'head' }] },
    });
    expect(res.status, res.text).toBe(201);
  }
});

describe('an item from registration to closing, through one failed verification', () => {
  it('passes every status, records every change as one event, and closes green', async () => {
    const item = await register();
    expect(item).toMatchObject({
      status: 'assigned',
      version: 1,
      acknowledgements: [],
      reportEveryDays: 7,
      nextReportDue: addDays(today, 7),
    });
    const id = item.id as string;

    const leadAck = await post(`/items/${id}/acknowledge`, leadToken);
    expect(leadAck.status, leadAck.text).toBe(200);
    expect(leadAck.json).toMatchObject({ status: 'acknowledged' });
    expect(leadAck.json).not.toHaveProperty('version');
    expect(await get(`/items/${id}`)).toMatchObject({ version: 2 });

    const coAck = await post(`/items/${id}/acknowledge`, coToken);
    expect(coAck.status, coAck.text).toBe(200);
    expect(coAck.json).toMatchObject({ status: 'acknowledged' });
    expect(await get(`/items/${id}`)).toMatchObject({ version: 3 });
    expect(coAck.json.acknowledgements.map((a: Json) => a.unitId)).toEqual([lead, co]);

    const first = await post(
      `/items/${id}/reports`,
      leadToken,
      reportBody('汉江城区段堤防护坡浇筑全部完成，截污干管已开挖八百米。', { percentComplete: 100 }),
    );
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ itemId: id, unitId: lead, percentComplete: 100, onTime: true, dueBy: addDays(today, 7) });
    expect(await get(`/items/${id}`)).toMatchObject({ status: 'in-progress', version: 4, percentComplete: 100 });

    const claim = await post(`/items/${id}/completion`, leadToken, { summary: '全部完成，申请销号' });
    expect(claim.status, claim.text).toBe(200);
    expect(claim.json).toMatchObject({ status: 'completion-claimed' });
    expect(await get(`/items/${id}`)).toMatchObject({ version: 5 });

    const failed = await post(`/items/${id}/verification`, inspector, {
      method: 'unannounced',
      passed: false,
      findings: '暗访发现两处排污口仍在直排',
    });
    expect(failed.status, failed.text).toBe(200);
    expect(failed.json).not.toHaveProperty('version');
    expect(await get(`/items/${id}`)).toMatchObject({ version: 6 });
    expect(failed.json).toMatchObject({
      status: 'in-progress',
      lastVerification: { method: 'unannounced', passed: false, findings: '暗访发现两处排污口仍在直排' },
    });

    const second = await post(
      `/items/${id}/reports`,
      leadToken,
      reportBody('针对暗访指出的问题，两处直排口已封堵并接入市政污水管网，监测结果达标。', {
        percentComplete: 100,
        answers: [
          { requirement: 0, answer: '排污口封堵完毕' },
          { requirement: 1, answer: '建立每周巡查制度' },
        ],
      }),
    );
    expect(second.status, second.text).toBe(201);
    expect(await get(`/items/${id}`)).toMatchObject({ status: 'in-progress', version: 7, percentComplete: 100 });
    const reclaim = await post(`/items/${id}/completion`, leadToken, { summary: '整改到位，再次申请销号' });
    expect(reclaim.status, reclaim.text).toBe(200);
    expect(reclaim.json).toMatchObject({ status: 'completion-claimed' });
    expect(await get(`/items/${id}`)).toMatchObject({ version: 8 });

    const passed = await post(`/items/${id}/verification`, office, { method: 'site', passed: true, findings: '实地核查，排污口已封堵' });
    expect(passed.status, passed.text).toBe(200);
    expect(passed.json).toMatchObject({ status: 'closed', version: 9, light: 'green', lastVerification: { method: 'site', passed: true } });

    const events = await history(id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.map((e) => e.type)).toEqual([
      'item.registered',
      'item.acknowledged',
      'item.acknowledged',
      'report.submitted',
      'completion.claimed',
      'verification.failed',
      'report.submitted',
      'completion.claimed',
      'verification.passed',
    ]);
    expect(events.map((e) => e.actor.role)).toEqual(['office', 'unit', 'unit', 'unit', 'unit', 'inspector', 'unit', 'unit', 'office']);
    expect(events[1]!.data).toMatchObject({ unitId: lead });
    expect(events[2]!.data).toMatchObject({ unitId: co });
    expect(events[3]!.data).toMatchObject({ reportId: first.json.id, percentComplete: 100 });
    expect(events[5]!.data).toMatchObject({ passed: false, findings: '暗访发现两处排污口仍在直排' });
    expect(events[6]!.data).toMatchObject({ reportId: second.json.id });
    // Neither second report nor claims repeat an earlier text: nothing flagged.
    expect(events.some((e) => 'possibleCopyOf' in e.data)).toBe(false);

    const closed = await get(`/items/${id}`);
    expect(closed).toMatchObject({ status: 'closed', version: 9, light: 'green' });
    expect(closed.copyFlags).toBeUndefined();

    const late = await post(`/items/${id}/reports`, leadToken, reportBody('再报一次'));
    expectProblem(late, 409, 'illegal-transition');
    expect(late.json.error.message).toContain('“已办结”（事项已办结）');
    expect(late.json.error.details).toEqual([expect.objectContaining({ status: 'closed', action: 'report' })]);
    expect(await written(id)).toEqual({ version: 9, reports: [second.json.id, first.json.id], events: 9 });
  });
});

describe('illegal transitions (409, naming the status)', () => {
  it('refuses a report before 签收, a claim before any report, a verification not claimed, and a second 签收', async () => {
    const item = await register();
    const id = item.id as string;

    const early = await post(`/items/${id}/reports`, leadToken, reportBody('尚未签收就报送'));
    expectProblem(early, 409, 'illegal-transition');
    expect(early.json.error.message).toBe('该督查事项当前状态为“已派发”（尚未签收），不能报送进展');
    expect(early.json.error.details).toEqual([
      {
        message: '报送进展只能在以下状态进行：已签收、办理中',
        status: 'assigned',
        action: 'report',
        allowedFrom: ['acknowledged', 'in-progress'],
      },
    ]);
    const english = await api('POST', `/items/${id}/reports`, {
      token: leadToken,
      body: reportBody('尚未签收就报送'),
      headers: { 'accept-language': 'en;q=0.9, zh;q=0.1' },
    });
    expect(english.json.error).toMatchObject({ code: 'illegal-transition', message: expect.stringContaining('its status is assigned') });
    expect(english.json.error.details[0].message).toBe('report is allowed from: acknowledged, in-progress');

    const verifyAssigned = await post(`/items/${id}/verification`, office, { method: 'desk', passed: true, findings: '书面核查' });
    expectProblem(verifyAssigned, 409, 'illegal-transition');
    expect(verifyAssigned.json.error.message).toContain('“已派发”');

    expect((await post(`/items/${id}/acknowledge`, leadToken)).status).toBe(200);
    const claim = await post(`/items/${id}/completion`, leadToken, { summary: '已完成' });
    expectProblem(claim, 409, 'illegal-transition');
    expect(claim.json.error.message).toContain('“已签收”（尚未报送进展），不能申请办结');

    const twice = await post(`/items/${id}/acknowledge`, leadToken);
    expectProblem(twice, 409, 'already-acknowledged');

    expect((await post(`/items/${id}/reports`, leadToken, reportBody('第一次报送'))).status).toBe(201);
    const verifyInProgress = await post(`/items/${id}/verification`, inspector, {
      method: 'desk',
      passed: false,
      findings: '尚未申请销号',
    });
    expectProblem(verifyInProgress, 409, 'illegal-transition');
    expect(verifyInProgress.json.error.message).toContain('“办理中”');

    expect(await written(id)).toMatchObject({ version: 3, events: 3 });
  });
});

describe('reports must be complete (rule 1, 不得漏项掉项)', () => {
  let id: string;
  beforeAll(async () => {
    id = (await acknowledged()).id;
  });

  const refused: [string, Record<string, unknown>, number, string][] = [
    ['an unanswered requirement', { answers: [{ requirement: 0, answer: '已推进' }] }, 422, 'report-incomplete'],
    [
      'a requirement index out of range',
      {
        answers: [
          { requirement: 0, answer: '甲' },
          { requirement: 1, answer: '乙' },
          { requirement: 5, answer: '丙' },
        ],
      },
      422,
      'report-incomplete',
    ],
    [
      'a requirement answered twice',
      {
        answers: [
          { requirement: 0, answer: '甲' },
          { requirement: 0, answer: '乙' },
          { requirement: 1, answer: '丙' },
        ],
      },
      400,
      'invalid-input',
    ],
    ['percentComplete above 100', { percentComplete: 101 }, 400, 'invalid-input'],
    ['percentComplete below 0', { percentComplete: -1 }, 400, 'invalid-input'],
    ['a negative investmentYuan', { investmentYuan: -5 }, 400, 'invalid-input'],
  ];

  it.each(refused)('refuses %s, writing nothing', async (_, over, status, code) => {
    const before = await written(id);
    const res = await post(`/items/${id}/reports`, leadToken, reportBody('报送内容', over));
    expectProblem(res, status, code);
    expect(await written(id)).toEqual(before);
  });

  it('names the missing requirement by its index, and the out-of-range answer by its path', async () => {
    const missing = await post(
      `/items/${id}/reports`,
      leadToken,
      reportBody('漏报一项', { answers: [{ requirement: 0, answer: '已推进' }] }),
    );
    expect(missing.json.error.details).toEqual([expect.objectContaining({ requirement: 1, path: 'answers' })]);
    const outOfRange = await post(
      `/items/${id}/reports`,
      leadToken,
      reportBody('多报一项', {
        answers: [
          { requirement: 0, answer: '甲' },
          { requirement: 1, answer: '乙' },
          { requirement: 5, answer: '丙' },
        ],
      }),
    );
    expect(outOfRange.json.error.details).toEqual([expect.objectContaining({ path: 'answers.2.requirement' })]);
  });

  it('requires investmentYuan and workVolume of a project-type item, naming both', async () => {
    const project = await acknowledged({ projectType: true });
    const before = await written(project.id);
    const res = await post(`/items/${project.id}/reports`, leadToken, reportBody('项目推进中'));
    expectProblem(res, 422, 'report-incomplete');
    expect(res.json.error.details.map((d: Json) => d.path)).toEqual(expect.arrayContaining(['investmentYuan', 'workVolume']));
    expect(res.json.error.message).toBe('报送内容不完整（不得漏项掉项）：项目类事项须填报完成投资额；项目类事项须填报完成工程量');
    const english = await api('POST', `/items/${project.id}/reports`, {
      token: leadToken,
      body: reportBody('项目推进中'),
      headers: { 'accept-language': 'en' },
    });
    expect(english.json.error.message).toMatch(/investmentYuan.*workVolume/);
    expect(await written(project.id)).toEqual(before);
    const complete = await post(
      `/items/${project.id}/reports`,
      leadToken,
      reportBody('项目推进中', { investmentYuan: 1.2e8, workVolume: '完成土方12万立方米' }),
    );
    expect(complete.status, complete.text).toBe(201);
    expect(complete.json).toMatchObject({ investmentYuan: 1.2e8, workVolume: '完成土方12万立方米' });
  });

  it('refuses falling progress without difficulties (422), accepts it with them, and lists reports newest first', async () => {
    const up = await post(`/items/${id}/reports`, leadToken, reportBody('进度过半', { percentComplete: 60 }));
    expect(up.status, up.text).toBe(201);
    // Another unit's progress is its own: the co-unit may report less without explaining.
    const coLower = await post(`/items/${id}/reports`, coToken, reportBody('协办部分起步', { percentComplete: 10 }));
    expect(coLower.status, coLower.text).toBe(201);

    const before = await written(id);
    const fell = await post(`/items/${id}/reports`, leadToken, reportBody('进度回调', { percentComplete: 40 }));
    expectProblem(fell, 422, 'progress-fell-unexplained');
    expect(fell.json.error.details).toEqual([expect.objectContaining({ path: 'difficulties' })]);
    expect(await written(id)).toEqual(before);

    const explained = await post(
      `/items/${id}/reports`,
      leadToken,
      reportBody('进度回调', { percentComplete: 40, difficulties: '汛期停工，部分护坡返工' }),
    );
    expect(explained.status, explained.text).toBe(201);
    expect(explained.json).toMatchObject({ percentComplete: 40, difficulties: '汛期停工，部分护坡返工' });

    const listed = await reports(id);
    expect(listed.map((r) => r.id)).toEqual([explained.json.id, coLower.json.id, up.json.id]);
    const times = listed.map((r) => r.submittedAt as string);
    expect([...times].sort().reverse()).toEqual(times);
    for (const r of listed) expect(r.onTime).toBe(true);
    expect(await get(`/items/${id}`)).toMatchObject({ percentComplete: 40, version: before.version + 1 });
  });
});

describe('纸面销号: a report near-identical to an earlier one is accepted but flagged for the office only', () => {
  const original = reportBody('本月完成老旧小区改造3000户，完成投资1.2亿元，累计完成年度任务的60%，各项工作按计划推进。', {
    percentComplete: 60,
    answers: [
      { requirement: 0, answer: '已完成改造3000户，涉及12个小区，群众满意度调查达到95%' },
      { requirement: 1, answer: '资金到位率达到85%，暂无重大问题' },
    ],
  });
  const copy = reportBody('本月完成老旧小区改造3600户，完成投资1.5亿元，累计完成年度任务的72%，各项工作按计划推进。', {
    percentComplete: 72,
    answers: [
      { requirement: 0, answer: '已完成改造3600户，涉及15个小区，群众满意度调查达到96%' },
      { requirement: 1, answer: '资金到位率达到90%，暂无重大问题' },
    ],
  });
  const honest = reportBody('协办单位负责的供热管网配套工程已进场施工，铺设管道两公里，同步开展燃气入户安全检查。', {
    percentComplete: 20,
    answers: [
      { requirement: 0, answer: '配合牵头单位完成管网勘察和交通疏导方案' },
      { requirement: 1, answer: '冬季施工窗口短，需要协调道路开挖审批' },
    ],
  });

  it('flags the copy with the report it repeats; the units see no flag anywhere; an honest report is not flagged', async () => {
    // The test data are what they claim to be.
    expect(shingles(textOfBody(original)).size).toBeGreaterThanOrEqual(MIN_SHINGLES);
    expect(similarity(textOfBody(original), textOfBody(copy))).toBeGreaterThanOrEqual(NEAR_IDENTICAL);
    expect(similarity(textOfBody(original), textOfBody(honest))).toBeLessThan(NEAR_IDENTICAL);

    const id = (await acknowledged()).id as string;
    const first = await post(`/items/${id}/reports`, leadToken, original);
    expect(first.status, first.text).toBe(201);
    const second = await post(`/items/${id}/reports`, leadToken, copy);
    expect(second.status, second.text).toBe(201);
    expect(second.json.possibleCopyOf).toBeUndefined();
    const third = await post(`/items/${id}/reports`, coToken, honest);
    expect(third.status, third.text).toBe(201);

    // The office sees the flag on the report, on the item and in the history.
    const flag = { reportId: second.json.id, possibleCopyOf: first.json.id, similarity: expect.any(Number) };
    const officeReports = await reports(id);
    const byId = (list: Json[], rid: string) => list.find((r) => r.id === rid)!;
    expect(byId(officeReports, second.json.id).possibleCopyOf).toEqual(flag);
    expect(byId(officeReports, second.json.id).possibleCopyOf.similarity).toBeGreaterThanOrEqual(NEAR_IDENTICAL);
    expect(byId(officeReports, first.json.id).possibleCopyOf).toBeUndefined();
    expect(byId(officeReports, third.json.id).possibleCopyOf).toBeUndefined();
    expect((await get(`/items/${id}`)).copyFlags).toEqual([flag]);
    const officeEvents = (await history(id)).filter((e) => e.type === 'report.submitted');
    expect(officeEvents.map((e) => e.data.possibleCopyOf)).toEqual([undefined, flag, undefined]);
    // Leaders and inspectors share the office's view.
    expect((await get(`/items/${id}`, leader)).copyFlags).toEqual([flag]);
    expect(byId(await reports(id, inspector), second.json.id).possibleCopyOf).toEqual(flag);

    // The units see none of it.
    for (const token of [leadToken, coToken]) {
      const item = await get(`/items/${id}`, token);
      expect(item).not.toHaveProperty('copyFlags');
      const listed = (await get(`/items?unit=${token === leadToken ? lead : co}&limit=100`, token)).items.find((i: Json) => i.id === id);
      expect(listed).toBeDefined();
      expect(listed).not.toHaveProperty('copyFlags');
      for (const r of await reports(id, token)) expect(r).not.toHaveProperty('possibleCopyOf');
      for (const e of await history(id, token)) expect(e.data).not.toHaveProperty('possibleCopyOf');
    }
  });

  it('notes 虚话套话, 强调客观原因 and 答非所问 on the report and the item, with the words; the board finds it; an honest report clears it', async () => {
    const id = (await acknowledged()).id as string;
    const empty = await post(`/items/${id}/reports`, leadToken, {
      summary: '我局高度重视，积极推进，取得明显成效。',
      percentComplete: 10,
      answers: [
        { requirement: 0, answer: '成立了领导小组，召开专题会议研究部署，压实责任，稳步推进各项工作。' },
        { requirement: 1, answer: '由于上级资金尚未下达，加之征地拆迁难度大，工作难以推进。' },
      ],
    });
    // A warning, not a refusal: the report stands (the notice leaves the judgement to the office).
    expect(empty.status, empty.text).toBe(201);
    const kinds = (empty.json.findings as Json[]).map((f) => [f.kind, f.where]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['boilerplate', 'summary'],
        ['boilerplate', 0],
        ['excuse', 1],
      ]),
    );
    const words = (kind: string, where: unknown) =>
      (empty.json.findings as Json[]).find((f) => f.kind === kind && f.where === where)?.words;
    expect(words('boilerplate', 0)).toEqual(expect.arrayContaining(['成立了领导小组', '召开专题会议', '稳步推进']));
    expect(words('excuse', 1)).toEqual(expect.arrayContaining(['加之']));
    expect((await get(`/items/${id}`)).reportFindings).toEqual(expect.arrayContaining(['boilerplate', 'excuse']));
    const withFindings = async () => ((await get(`/items?findings=true&unit=${lead}&limit=100`)).items as Json[]).map((i) => i.id);
    expect(await withFindings()).toContain(id);

    // 答非所问: a concrete answer about something else.
    const beside = await post(`/items/${id}/reports`, leadToken, {
      summary: '本月完成主干管铺设2.3公里。',
      percentComplete: 30,
      answers: [
        { requirement: 0, answer: '本月完成主干管铺设2.3公里，完成投资860万元。' },
        { requirement: 1, answer: '组织全局干部参加业务培训两次，开展志愿服务活动一次。' },
      ],
    });
    expect((beside.json.findings as Json[]).map((f) => [f.kind, f.where])).toEqual([['off-point', 1]]);

    const honest = await post(`/items/${id}/reports`, leadToken, {
      summary: '本月完成主干管铺设3.1公里，完成投资1200万元。',
      percentComplete: 45,
      answers: [
        { requirement: 0, answer: '主干管铺设3.1公里，完成年度任务的45%。' },
        { requirement: 1, answer: '存在问题：二标段征迁未完成。下步措施：区征收办已进场，6月30日前交地。' },
      ],
    });
    expect(honest.json).not.toHaveProperty('findings');
    expect(await get(`/items/${id}`)).not.toHaveProperty('reportFindings');
    expect(await withFindings()).not.toContain(id);
  });

  it('退回重报: the office returns a report for its findings; the unit is mailed why, once; its report date comes forward', async () => {
    const id = (await acknowledged({ dueDate: addDays(shanghaiDate(new Date()), 60) })).id as string;
    const since = nowEpochSeconds();
    const empty = await post(`/items/${id}/reports`, leadToken, {
      summary: '我局高度重视，积极推进。',
      percentComplete: 10,
      answers: [
        { requirement: 0, answer: '稳步推进各项工作，取得阶段性成效。' },
        { requirement: 1, answer: '由于上级资金尚未下达，工作难以推进。' },
      ],
    });
    const reason = '报送内容空泛，未写明完成的工程量和资金到位数额';
    const path = `/items/${id}/reports/${empty.json.id}/return`;
    const key = { headers: { 'Idempotency-Key': `return-${id}` } };
    const returned = await post(path, office, { reason }, key);
    expect(returned.status, returned.text).toBe(200);
    const by = addDays(shanghaiDate(new Date()), 3);
    expect(returned.json.returnedReports).toEqual([
      { reportId: empty.json.id, unitId: lead, at: expect.any(String), reason, reportAgainBy: by },
    ]);
    expect(returned.json.nextReportDue).toBe(by);
    // A retry answers the same and writes nothing; a second return of the same report is a 409; a unit may not.
    const events = (await history(id)).length;
    expect((await post(path, office, { reason }, key)).json.returnedReports).toHaveLength(1);
    expectProblem(await post(path, office, { reason: '再次退回' }), 409, 'report-returned');
    expectProblem(await post(path, leadToken, { reason }), 403);
    expectProblem(await post(`/items/${id}/reports/no-such-report/return`, office, { reason }), 404);
    expect((await history(id)).length).toBe(events);
    expect((await history(id)).at(-1)).toMatchObject({
      type: 'report.returned',
      data: { reportId: empty.json.id, reason, reportAgainBy: by },
    });

    // The lead's head gets one letter: the reason, what the content rules found and where, and the date.
    const letters = (await mailTo(`head@${lead}.example.gov.cn`, since)).filter((m) => m.subject.startsWith('【进展报送退回】'));
    expect(letters).toHaveLength(1);
    const body = letters[0]!.body.text ?? '';
    expect(letters[0]!.subject).toContain(`请于${chineseDate(by)}前重新报送`);
    expect(body).toContain(`退回理由：${reason}`);
    expect(body).toMatch(/总体进展：虚话套话（“高度重视”/);
    expect(body).toMatch(/督办要求“存在问题及下步措施”的回答：强调客观原因（“由于上级资金尚未下达/);
    expect(body).not.toMatch(/boilerplate|excuse|off-point/);

    // Counted in the year's assessment: the unit's reports with findings and its returned report.
    const year = Number(shanghaiDate(new Date()).slice(0, 4));
    const row = ((await get(`/reports/assessment?year=${year}`)).units as Json[]).find((u) => u.unitId === lead);
    expect(row?.reportsWithFindings).toBeGreaterThanOrEqual(1);
    expect(row?.reportsReturned).toBe(1);
    // The weight is 0 until the office sets REPORT_QUALITY_WEIGHT: nothing is blended into the score.
    expect(row).not.toHaveProperty('reportQuality');
  });
});

describe('extension requests (延期申请)', () => {
  let item: Json;
  let oldDue: string;
  let approvedId: string;
  const far = addDays(today, 90);
  beforeAll(async () => {
    item = await acknowledged({ dueDate: addDays(today, 20) });
    oldDue = item.dueDate;
  });

  it('are asked by the lead only, one at a time, for a later date not in the past', async () => {
    const id = item.id as string;
    const before = await written(id);
    expectProblem(await post(`/items/${id}/extension-requests`, coToken, { newDueDate: far, reason: '协办单位想延期' }), 403, 'forbidden');
    expectProblem(
      await post(`/items/${id}/extension-requests`, leadToken, { newDueDate: oldDue, reason: '同一天' }),
      422,
      'extension-not-later',
    );
    expectProblem(
      await post(`/items/${id}/extension-requests`, leadToken, { newDueDate: addDays(today, -1), reason: '过去的日子' }),
      422,
      'extension-not-later',
    );
    expectProblem(
      await post(`/items/${id}/extension-requests`, leadToken, { newDueDate: addDays(oldDue, -1), reason: '提前' }),
      422,
      'extension-not-later',
    );
    expect(await written(id)).toEqual(before);
    expect((await get(`/items/${id}/extension-requests`)).items).toEqual([]);

    const asked = await post(`/items/${id}/extension-requests`, leadToken, { newDueDate: far, reason: '汛期停工两个月' });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.json).toMatchObject({ itemId: id, unitId: lead, currentDueDate: oldDue, newDueDate: far, status: 'pending' });
    approvedId = asked.json.id;
    expect(await get(`/items/${id}`)).toMatchObject({ pendingExtension: approvedId, dueDate: oldDue });

    const again = await post(`/items/${id}/extension-requests`, leadToken, { newDueDate: addDays(far, 10), reason: '再申请一次' });
    expectProblem(again, 409, 'extension-pending');
  });

  it('are decided by the office only; approval moves dueDate and the history keeps the old one; no second decision', async () => {
    const id = item.id as string;
    const path = `/items/${id}/extension-requests/${approvedId}/decision`;
    for (const token of [leadToken, leader, inspector]) {
      expectProblem(await post(path, token, { approve: true, note: '同意' }), 403, 'forbidden');
    }
    expectProblem(
      await post(`/items/${id}/extension-requests/no-such-request-${tag}/decision`, office, { approve: true, note: '同意' }),
      404,
      'not-found',
    );

    const approved = await post(path, office, { approve: true, note: '同意延期至汛后' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json).toMatchObject({ id: approvedId, status: 'approved', note: '同意延期至汛后', decidedBy: expect.any(String) });
    const moved = await get(`/items/${id}`);
    expect(moved.dueDate).toBe(far);
    expect(moved.pendingExtension).toBeUndefined();
    const event = (await history(id)).at(-1)!;
    expect(event).toMatchObject({ type: 'extension.approved', data: { requestId: approvedId, previousDueDate: oldDue, newDueDate: far } });

    const twice = await post(path, office, { approve: false, note: '改为不同意' });
    expectProblem(twice, 409, 'extension-decided');
    expect((await get(`/items/${id}`)).dueDate).toBe(far);
  });

  it('a rejected request leaves dueDate as it was; every request stays listed with its decision', async () => {
    const id = item.id as string;
    const asked = await post(`/items/${id}/extension-requests`, leadToken, { newDueDate: addDays(far, 30), reason: '再延一个月' });
    expect(asked.status, asked.text).toBe(201);
    const rejected = await post(`/items/${id}/extension-requests/${asked.json.id}/decision`, office, {
      approve: false,
      note: '理由不充分',
    });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.json.status).toBe('rejected');
    expect((await get(`/items/${id}`)).dueDate).toBe(far);
    expect((await history(id)).at(-1)).toMatchObject({
      type: 'extension.rejected',
      data: { requestId: asked.json.id, note: '理由不充分' },
    });
    expect((await history(id)).at(-1)!.data).not.toHaveProperty('previousDueDate');

    for (const token of [office, leadToken, coToken]) {
      const listed = (await get(`/items/${id}/extension-requests`, token)).items;
      expect(listed).toEqual([
        expect.objectContaining({ id: approvedId, status: 'approved', currentDueDate: oldDue, newDueDate: far, note: '同意延期至汛后' }),
        expect.objectContaining({ id: asked.json.id, status: 'rejected', currentDueDate: far, note: '理由不充分' }),
      ]);
    }
  });

  it('re-keys the units’ lists: the item is found under its new due date, not its old one', async () => {
    const id = item.id as string;
    for (const [unit, token] of [
      [lead, office],
      [co, office],
      [lead, leadToken],
      [co, coToken],
    ] as const) {
      const atNew = await get(`/items?unit=${unit}&dueAfter=${addDays(far, -1)}&dueBefore=${addDays(far, 1)}&limit=100`, token);
      expect(atNew.items.map((i: Json) => i.id)).toContain(id);
      const atOld = await get(`/items?unit=${unit}&dueAfter=${addDays(oldDue, -1)}&dueBefore=${addDays(oldDue, 1)}&limit=100`, token);
      expect(atOld.items.map((i: Json) => i.id)).not.toContain(id);
    }
    // The ledger-wide index too.
    const ledger = await get(`/items?dueAfter=${addDays(far, -1)}&dueBefore=${addDays(far, 1)}&limit=100`);
    expect(ledger.items.map((i: Json) => i.id)).toContain(id);
  });
});

describe('the light (红黄绿灯)', () => {
  it('is yellow within 3 days of the deadline, found by light=yellow, and green after an approved extension', async () => {
    const item = await acknowledged({ dueDate: addDays(today, 2) });
    expect(item.light).toBe('yellow');
    const yellow = await get(`/items?light=yellow&unit=${lead}&limit=100`);
    expect(yellow.items.map((i: Json) => i.id)).toContain(item.id);
    expect(yellow.items.every((i: Json) => i.light === 'yellow')).toBe(true);

    const asked = await post(`/items/${item.id}/extension-requests`, leadToken, { newDueDate: addDays(today, 60), reason: '需要更长工期' });
    expect(asked.status, asked.text).toBe(201);
    expect(
      (await post(`/items/${item.id}/extension-requests/${asked.json.id}/decision`, office, { approve: true, note: '同意' })).status,
    ).toBe(200);

    expect(await get(`/items/${item.id}`)).toMatchObject({ light: 'green', dueDate: addDays(today, 60) });
    expect((await get(`/items?light=yellow&unit=${lead}&limit=100`)).items.map((i: Json) => i.id)).not.toContain(item.id);
    expect((await get(`/items?light=green&unit=${lead}&limit=100`)).items.map((i: Json) => i.id)).toContain(item.id);
  });
});

describe('concurrency', () => {
  /** Twenty reports on twenty different subjects: none repeats another. */
  const subjects = [
    '汉江堤防加固工程完成护坡浇筑，防汛物资全部入库待命',
    '城区污水管网改造新铺设主管道，雨污分流覆盖老城片区',
    '农村公路养护完成路面修补，安装波形护栏和警示标志牌',
    '中心医院新建住院楼主体封顶，正在进行内部装修招标工作',
    '义务教育学校扩建新增教室，秋季学期可以增加入学学位',
    '老旧小区加装电梯完成入户协商，首批电梯开始吊装调试',
    '农贸市场提升改造拆除违建摊棚，地面排水沟重新铺设',
    '公交场站建设完成土地征收，充电桩设备已经进场安装',
    '秦岭生态保护整治关停违规采石场，复绿面积继续扩大',
    '政务服务中心推行一窗通办，企业开办时间压缩到一天内',
    '茶叶产业园引进精深加工企业，新建标准化有机茶园基地',
    '棚户区改造安置房交付钥匙，群众回迁入住总体顺利平稳',
    '城市供水厂扩容新增净水设备，管网漏损率明显下降',
    '垃圾焚烧发电项目取得环评批复，锅炉基础开挖已经启动',
    '食品安全抽检覆盖学校食堂，查处过期原料问题并立案',
    '易地扶贫搬迁社区配套就业车间，吸纳搬迁群众就近务工',
    '消防站点建设配齐消防车辆，组织高层建筑灭火疏散演练',
    '文化馆图书馆免费开放延长时间，举办非遗技艺展览活动',
    '富硒农产品品牌推广参加博览会，现场签订多份销售合同',
    '河长制巡河发现排污口整改销号，断面水质稳定达到三类',
  ];
  const bodyFor = (i: number) =>
    reportBody(`${subjects[i]}，本期涉及${(i + 3) * 7}个点位。`, {
      answers: [
        { requirement: 0, answer: '见摘要' },
        { requirement: 1, answer: '无' },
      ],
    });

  it('20 concurrent reports all stand: 201 each, 20 events with consecutive seq, version +20, none flagged', async () => {
    const texts = subjects.map((_, i) => textOfBody(bodyFor(i)));
    for (const t of texts) expect(shingles(t).size).toBeGreaterThanOrEqual(MIN_SHINGLES);
    for (let i = 0; i < texts.length; i += 1) {
      for (let j = i + 1; j < texts.length; j += 1) expect(similarity(texts[i]!, texts[j]!)).toBeLessThan(NEAR_IDENTICAL);
    }

    const item = await acknowledged();
    const id = item.id as string;
    const answers = await Promise.all(subjects.map((_, i) => post(`/items/${id}/reports`, i % 2 ? coToken : leadToken, bodyFor(i))));
    expect(
      answers.map((a) => a.status),
      answers.map((a) => a.text).join('\n'),
    ).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(20);

    const after = await get(`/items/${id}`);
    expect(after.version).toBe(item.version + 20);
    expect(after.status).toBe('in-progress');
    expect(after.copyFlags).toBeUndefined();
    const events = await history(id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    const submitted = events.filter((e) => e.type === 'report.submitted');
    expect(submitted).toHaveLength(20);
    expect(new Set(submitted.map((e) => e.data.reportId))).toEqual(new Set(answers.map((a) => a.json.id)));
    const stored = await reports(id);
    expect(stored).toHaveLength(20);
    for (const r of stored) expect(r.possibleCopyOf).toBeUndefined();
  });

  it('approve and reject of one extension request at once: exactly one wins, the other gets 409, one decision event', async () => {
    const item = await acknowledged();
    const id = item.id as string;
    const asked = await post(`/items/${id}/extension-requests`, leadToken, { newDueDate: addDays(today, 80), reason: '工期延误' });
    expect(asked.status, asked.text).toBe(201);
    const path = `/items/${id}/extension-requests/${asked.json.id}/decision`;
    const [approve, reject] = await Promise.all([
      post(path, office, { approve: true, note: '同意' }),
      post(path, office, { approve: false, note: '不同意' }),
    ]);
    expect([approve.status, reject.status].sort(), `${approve.text}\n${reject.text}`).toEqual([200, 409]);
    const winner = approve.status === 200 ? approve : reject;
    const events = await history(id);
    const decisions = events.filter((e) => e.type === 'extension.approved' || e.type === 'extension.rejected');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.type).toBe(`extension.${winner.json.status}`);
    const listed = (await get(`/items/${id}/extension-requests`)).items;
    expect(listed).toEqual([expect.objectContaining({ status: winner.json.status })]);
    expect((await get(`/items/${id}`)).dueDate).toBe(winner === approve ? addDays(today, 80) : item.dueDate);
  });

  it('two verifications of one completion claim at once: exactly one wins, the other gets 409, one verification event', async () => {
    const item = await acknowledged();
    const id = item.id as string;
    expect((await post(`/items/${id}/reports`, leadToken, reportBody('完成', { percentComplete: 100 }))).status).toBe(201);
    expect((await post(`/items/${id}/completion`, leadToken, { summary: '已完成' })).status).toBe(200);
    const [pass, fail] = await Promise.all([
      post(`/items/${id}/verification`, office, { method: 'site', passed: true, findings: '现场核实完成' }),
      post(`/items/${id}/verification`, inspector, { method: 'desk', passed: false, findings: '材料不全' }),
    ]);
    expect([pass.status, fail.status].sort(), `${pass.text}\n${fail.text}`).toEqual([200, 409]);
    const events = (await history(id)).filter((e) => e.type.startsWith('verification.'));
    expect(events).toHaveLength(1);
    expect((await get(`/items/${id}`)).status).toBe(pass.status === 200 ? 'closed' : 'in-progress');
  });
});

describe('idempotency of reports', () => {
  it('a retry with the same Idempotency-Key gets the first answer and stores one report; another body with the key is 422', async () => {
    const item = await acknowledged();
    const id = item.id as string;
    const headers = { 'Idempotency-Key': `report-${tag}-1` };
    const body = reportBody('第一季度进展，重试测试', { percentComplete: 25 });
    const first = await post(`/items/${id}/reports`, leadToken, body, { headers });
    const retry = await post(`/items/${id}/reports`, leadToken, body, { headers });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json).toEqual(first.json);
    expect(await written(id)).toMatchObject({ version: item.version + 1, reports: [first.json.id] });

    // Concurrent retries too: one report, one answer.
    const racing = { 'Idempotency-Key': `report-${tag}-2` };
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => post(`/items/${id}/reports`, coToken, reportBody('协办单位同时重试的报送'), { headers: racing })),
    );
    expect(raced.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(new Set(raced.map((r) => r.json.id)).size).toBe(1);
    expect(raced.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await written(id)).toMatchObject({ version: item.version + 2, reports: [raced[0]!.json.id, first.json.id] });

    const reused = await post(`/items/${id}/reports`, leadToken, { ...body, percentComplete: 35 }, { headers });
    expectProblem(reused, 422, 'idempotency-key-reused');
    expect(await written(id)).toMatchObject({ version: item.version + 2 });
  });
});

describe('who may do what (rule 6)', () => {
  let id: string;
  let requestId: string;
  const ghost = `no-such-item-${tag}`;
  const validReport = reportBody('无权报送');
  beforeAll(async () => {
    id = (await acknowledged()).id;
    expect((await post(`/items/${id}/reports`, leadToken, reportBody('进展正常'))).status).toBe(201);
    const asked = await post(`/items/${id}/extension-requests`, leadToken, { newDueDate: addDays(today, 100), reason: '延期' });
    expect(asked.status, asked.text).toBe(201);
    requestId = asked.json.id;
  });

  /** Every route of an item, with a valid body. */
  const routes = (itemId: string, rid = 'x'): [string, string, unknown][] => [
    ['GET', `/items/${itemId}`, undefined],
    ['GET', `/items/${itemId}/history`, undefined],
    ['GET', `/items/${itemId}/reports`, undefined],
    ['GET', `/items/${itemId}/extension-requests`, undefined],
    ['POST', `/items/${itemId}/acknowledge`, undefined],
    ['POST', `/items/${itemId}/reports`, validReport],
    ['POST', `/items/${itemId}/extension-requests`, { newDueDate: addDays(today, 200), reason: '延期' }],
    ['POST', `/items/${itemId}/completion`, { summary: '已完成' }],
    ['POST', `/items/${itemId}/verification`, { method: 'desk', passed: true, findings: '核查' }],
    ['POST', `/items/${itemId}/extension-requests/${rid}/decision`, { approve: true, note: '同意' }],
  ];

  it('a unit that is neither lead nor co-unit gets exactly what it would for an item that does not exist', async () => {
    const before = await written(id);
    const real = routes(id, requestId);
    const missing = routes(ghost, requestId);
    for (let i = 0; i < real.length; i += 1) {
      const [method, path, body] = real[i]!;
      const mine = await api(method, path, { token: strangerToken, body });
      const none = await api(method, missing[i]![1], { token: strangerToken, body });
      // Reading and the unit's own actions: 404. Verification and decisions are not a unit's: 403 whatever the item.
      const expected = path.endsWith('/verification') || path.endsWith('/decision') ? 403 : 404;
      expect(mine.status, `${method} ${path}: ${mine.text}`).toBe(expected);
      expect(none.status).toBe(expected);
      expect(mine.json.error.message.replace(id, 'ID')).toBe(none.json.error.message.replace(ghost, 'ID'));
    }
    expect(await written(id)).toEqual(before);
  });

  it('the co-unit may not do what is the lead’s alone (403)', async () => {
    expectProblem(
      await post(`/items/${id}/extension-requests`, coToken, { newDueDate: addDays(today, 200), reason: '延期' }),
      403,
      'forbidden',
    );
    expectProblem(await post(`/items/${id}/completion`, coToken, { summary: '已完成' }), 403, 'forbidden');
    // ...but reads the item and reports on it.
    expect((await api('GET', `/items/${id}/reports`, { token: coToken })).status).toBe(200);
    expect((await api('GET', `/items/${id}/extension-requests`, { token: coToken })).status).toBe(200);
  });

  it('the office and leaders may not act as a unit; leaders may not verify or decide; units may not verify or decide', async () => {
    const before = await written(id);
    const unitOnly = routes(id).filter(
      ([method, path]) => method === 'POST' && !path.endsWith('/verification') && !path.endsWith('/decision'),
    );
    expect(unitOnly).toHaveLength(4);
    for (const token of [office, leader, inspector]) {
      for (const [method, path, body] of unitOnly) expectProblem(await api(method, path, { token, body }), 403, 'forbidden');
    }
    for (const token of [leader, leadToken, coToken]) {
      expectProblem(await post(`/items/${id}/verification`, token, { method: 'desk', passed: true, findings: '核查' }), 403, 'forbidden');
    }
    for (const token of [leader, inspector, leadToken, coToken]) {
      expectProblem(
        await post(`/items/${id}/extension-requests/${requestId}/decision`, token, { approve: true, note: '同意' }),
        403,
        'forbidden',
      );
    }
    expect(await written(id)).toEqual(before);
  });

  it('the office, leaders and inspectors read every route of the item; an inspector may verify', async () => {
    for (const token of [office, leader, inspector]) {
      for (const [method, path] of routes(id).filter(([m]) => m === 'GET')) expect((await api(method, path, { token })).status).toBe(200);
    }
    const item = await acknowledged();
    expect((await post(`/items/${item.id}/reports`, leadToken, reportBody('完成了', { percentComplete: 100 }))).status).toBe(201);
    expect((await post(`/items/${item.id}/completion`, leadToken, { summary: '完成' })).status).toBe(200);
    const verified = await post(`/items/${item.id}/verification`, inspector, { method: 'unannounced', passed: true, findings: '暗访属实' });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.json.status).toBe('closed');
    expect((await history(item.id)).at(-1)).toMatchObject({ type: 'verification.passed', actor: { role: 'inspector' } });
  });

  it('without a token every route is 401; an unknown item is 404 to the office', async () => {
    for (const [method, path, body] of routes(id, requestId))
      expect((await api(method, path, { body })).status, `${method} ${path}`).toBe(401);
    for (const [method, path, body] of routes(ghost)) {
      const token = path.endsWith('/verification') || path.endsWith('/decision') || method === 'GET' ? office : leadToken;
      expectProblem(await api(method, path, { token, body }), 404, 'not-found');
    }
  });
});

describe('changes that commute, and requests a completion supersedes', () => {
  it('the lead and a co-unit signing (签收) at the same moment both stand', async () => {
    const item = await register();
    const [a, b] = await Promise.all([post(`/items/${item.id}/acknowledge`, leadToken), post(`/items/${item.id}/acknowledge`, coToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const after = await get(`/items/${item.id}`);
    expect(after.status).toBe('acknowledged');
    expect(after.acknowledgements.map((x: Json) => x.unitId).sort()).toEqual([co, lead].sort());
    expect((await history(item.id)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('a completion claim withdraws the lead’s pending extension request, so nothing is left undecided', async () => {
    const item = await acknowledged();
    expect(
      (
        await post(
          `/items/${item.id}/reports`,
          leadToken,
          reportBody('本期完成堤防加固1.2公里，截污管网铺设完毕，绿化工程全部完工', { percentComplete: 100 }),
        )
      ).status,
    ).toBe(201);
    const ask = await post(`/items/${item.id}/extension-requests`, leadToken, { newDueDate: addDays(today, 60), reason: '汛期影响施工' });
    expect(ask.status, ask.text).toBe(201);
    const claim = await post(`/items/${item.id}/completion`, leadToken, { summary: '提前完成全部建设任务，申请核查销号' });
    expect(claim.status, claim.text).toBe(200);
    expect(claim.json.pendingExtension).toBeUndefined();
    const requests = (await get(`/items/${item.id}/extension-requests`)).items;
    expect(requests).toEqual([expect.objectContaining({ id: ask.json.id, status: 'withdrawn' })]);
    expectProblem(
      await post(`/items/${item.id}/extension-requests/${ask.json.id}/decision`, office, { approve: true, note: '同意' }),
      409,
      'extension-decided',
    );
    const claimed = (await history(item.id)).find((e) => e.type === 'completion.claimed');
    expect(claimed?.data.withdrawnExtension).toBe(ask.json.id);
  });
});
