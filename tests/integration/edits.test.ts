import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { api, registerUnitWithHead, tokenFor, type ApiResponse } from './support';

/**
 * Keeping the ledger true (issue 12) through the local HTTP server and DynamoDB Local: every edit names the
 * version it edits (If-Match: 428 without, 412 when stale), writes one history event saying what moved from
 * what to what, and writes nothing when it is refused (read back after each refusal).
 */
const tag = randomUUID().slice(0, 8);
const lead = `lead-${tag}`;
const co = `co-${tag}`;
const other = `other-${tag}`;
const leaders = `leaders-${tag}`;
const leaderId = `vice-mayor-${tag}`;
const today = shanghaiDate(new Date());

let office: string;
let leadToken: string;

const itemBody = (over: Record<string, unknown> = {}) => ({
  title: '推进老旧小区改造',
  source: 'work-report',
  sourceRef: '2026年《政府工作报告》',
  leadUnit: lead,
  coUnits: [co],
  dueDate: addDays(today, 60),
  requirements: ['工程进度', '资金到位情况'],
  ...over,
});

async function register(over: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const res = await api('POST', '/items', { token: office, body: itemBody(over) });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

const read = async (id: string) => (await api('GET', `/items/${id}`, { token: office })).json;
const history = async (id: string) =>
  (await api('GET', `/items/${id}/history`, { token: office })).json.items as { type: string; data: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
const ifMatch = (version: number, key?: string) => ({ 'If-Match': `"${version}"`, ...(key ? { 'Idempotency-Key': key } : {}) });

function expectProblem(res: ApiResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.json.error.code).toBe(code);
}

beforeAll(async () => {
  office = await tokenFor('office');
  leadToken = await tokenFor('unit', lead);
  for (const [id, name] of [
    [lead, '改造牵头县'],
    [co, '住建局'],
    [other, '财政局'],
  ] as const) {
    await registerUnitWithHead(office, { id, name, kind: 'county' });
  }
  const res = await api('POST', '/units', {
    token: office,
    body: {
      id: leaders,
      name: '市政府领导',
      kind: 'leadership',
      contacts: [{ name: '王副市长', email: `wang@${leaders}.example.gov.cn`, role: 'head', leaderId }],
    },
  });
  expect(res.status, res.text).toBe(201);
});

describe('PATCH /items/{id}', () => {
  it('needs If-Match (428), refuses a stale one (412) and writes nothing either time', async () => {
    const item = await register();
    expectProblem(await api('PATCH', `/items/${item.id}`, { token: office, body: { title: '改' } }), 428, 'if-match-required');
    expectProblem(
      await api('PATCH', `/items/${item.id}`, { token: office, body: { title: '改' }, headers: ifMatch(7) }),
      412,
      'version-stale',
    );
    expectProblem(
      await api('PATCH', `/items/${item.id}`, { token: office, body: { title: '改' }, headers: { 'If-Match': 'abc' } }),
      400,
      'invalid-input',
    );
    expect(await read(item.id)).toMatchObject({ title: '推进老旧小区改造', version: 1 });
    expect(await history(item.id)).toHaveLength(1);
  });

  it('answers an item and a unit with their version as ETag, which If-Match then takes as it is', async () => {
    const item = await register();
    const got = await api('GET', `/items/${item.id}`, { token: office });
    expect(got.headers.etag).toBe(`"${got.json.version}"`);
    const edited = await api('PATCH', `/items/${item.id}`, {
      token: office,
      body: { title: '推进老旧小区改造（按读到的版本）' },
      headers: { 'If-Match': got.headers.etag as string },
    });
    expect(edited.status, edited.text).toBe(200);
    expect((await api('GET', `/items/${item.id}`, { token: office })).headers.etag).toBe(edited.headers.etag);
    // A unit is shown no version (a referral moves it), so no ETag either.
    expect((await api('GET', `/items/${item.id}`, { token: leadToken })).headers.etag).toBeUndefined();

    const unitId = `etag-${tag}`;
    await registerUnitWithHead(office, { id: unitId, name: '审计局', kind: 'department' });
    const unit = await api('GET', `/units/${unitId}`, { token: office });
    expect(unit.headers.etag).toBe(`"${unit.json.version}"`);
    const headers = { 'If-Match': unit.headers.etag as string };
    const renamed = await api('PATCH', `/units/${unitId}`, { token: office, body: { name: '市审计局' }, headers });
    expect(renamed.status, renamed.text).toBe(200);
    expect((await api('GET', `/units/${unitId}`, { token: office })).headers.etag).toBe(`"${unit.json.version + 1}"`);
  });

  it('edits with one event naming each field before → after, answers the new version as ETag, and replays a retry', async () => {
    const item = await register();
    const body = { title: '推进老旧小区改造（2026年）', coUnits: [co, other], leaderInCharge: leaderId };
    const first = await api('PATCH', `/items/${item.id}`, { token: office, body, headers: ifMatch(1, `edit-${tag}`) });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ title: body.title, coUnits: [co, other], leaderInCharge: leaderId, version: 2 });
    expect(first.headers.etag).toBe('"2"');
    const retry = await api('PATCH', `/items/${item.id}`, { token: office, body, headers: ifMatch(1, `edit-${tag}`) });
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const events = await history(item.id);
    expect(events.map((e) => e.type)).toEqual(['item.registered', 'item.edited']);
    expect(events[1]?.data.changes).toEqual({
      title: { before: '推进老旧小区改造', after: body.title },
      coUnits: { before: [co], after: [co, other] },
      leaderInCharge: { before: null, after: leaderId },
    });
    // The co-unit added sees the item among its own and must 签收.
    const otherToken = await tokenFor('unit', other);
    const mine = await api('GET', `/items?unit=${other}`, { token: otherToken });
    expect(mine.json.items.map((i: { id: string }) => i.id)).toContain(item.id);
    expect((await api('POST', `/items/${item.id}/acknowledge`, { token: otherToken })).status).toBe(200);
  });

  it('removes a co-unit from the item’s units: it no longer reads the item (404) but its reports stay', async () => {
    const item = await register();
    const coToken = await tokenFor('unit', co);
    await api('POST', `/items/${item.id}/acknowledge`, { token: leadToken });
    const report = await api('POST', `/items/${item.id}/reports`, {
      token: coToken,
      body: {
        summary: '配合完成摸底',
        percentComplete: 20,
        answers: [
          { requirement: 0, answer: '摸底完成' },
          { requirement: 1, answer: '未涉及' },
        ],
      },
    });
    expect(report.status, report.text).toBe(201);
    const version = (await read(item.id)).version;
    const edited = await api('PATCH', `/items/${item.id}`, { token: office, body: { coUnits: [] }, headers: ifMatch(version) });
    expect(edited.status, edited.text).toBe(200);
    expect((await api('GET', `/items/${item.id}`, { token: coToken })).status).toBe(404);
    const reports = await api('GET', `/items/${item.id}/reports`, { token: office });
    expect(reports.json.items.map((r: { unitId: string }) => r.unitId)).toContain(co);
  });

  it('refuses an inconsistent edit with 422 naming why, and writes nothing', async () => {
    const item = await register();
    await api('POST', `/items/${item.id}/acknowledge`, { token: leadToken });
    await api('POST', `/items/${item.id}/reports`, {
      token: leadToken,
      body: {
        summary: '开工',
        percentComplete: 10,
        answers: [
          { requirement: 0, answer: '开工' },
          { requirement: 1, answer: '到位' },
        ],
      },
    });
    const { version } = await read(item.id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ coUnits: [lead] }, 'lead-unit-also-co-unit', 'coUnits'],
      [{ requirements: ['工程进度'] }, 'requirement-answered', 'requirements.1'],
      [{ coUnits: [`nobody-${tag}`] }, 'unknown-unit', 'coUnits.0'],
      [{ leaderInCharge: `nobody-${tag}` }, 'missing.leader' as string, 'leaderInCharge'],
    ];
    for (const [body, code, path] of cases) {
      const res = await api('PATCH', `/items/${item.id}`, { token: office, body, headers: ifMatch(version) });
      expect(res.status, res.text).toBe(422);
      if (code !== 'missing.leader') expect(res.json.error.code).toBe(code);
      expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expectProblem(
      await api('PATCH', `/items/${item.id}`, { token: office, body: { dueDate: addDays(today, 90) }, headers: ifMatch(version) }),
      400,
      'invalid-input',
    );
    expectProblem(await api('PATCH', `/items/${item.id}`, { token: office, body: {}, headers: ifMatch(version) }), 400, 'invalid-input');
    expect((await read(item.id)).version).toBe(version);
    // A new requirement is added at the end: earlier reports are not made incomplete.
    const added = await api('PATCH', `/items/${item.id}`, {
      token: office,
      body: { requirements: ['工程进度', '资金到位情况', '群众评价'] },
      headers: ifMatch(version),
    });
    expect(added.status, added.text).toBe(200);
  });

  it('is the office’s alone (403 for a leader and a unit)', async () => {
    const item = await register();
    for (const token of [await tokenFor('leader'), leadToken]) {
      expectProblem(await api('PATCH', `/items/${item.id}`, { token, body: { title: 'x' }, headers: ifMatch(1) }), 403, 'forbidden');
    }
  });
});

describe('deadline, reassignment and withdrawal', () => {
  it('moves a deadline by a decision, recorded like an extension; refuses a past date', async () => {
    const item = await register();
    const newDue = addDays(today, 120);
    expectProblem(
      await api('POST', `/items/${item.id}/deadline`, {
        token: office,
        body: { dueDate: addDays(today, -1), reason: '调整', decision: '纪要' },
        headers: ifMatch(1),
      }),
      422,
      'due-date-passed',
    );
    const moved = await api('POST', `/items/${item.id}/deadline`, {
      token: office,
      body: { dueDate: newDue, reason: '列入省级项目统筹', decision: '市政府常务会议纪要〔2026〕30号' },
      headers: ifMatch(1),
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.dueDate).toBe(newDue);
    expect((await history(item.id)).at(-1)).toMatchObject({
      type: 'deadline.moved',
      data: { previousDueDate: addDays(today, 60), newDueDate: newDue, decision: '市政府常务会议纪要〔2026〕30号' },
    });
    // The unit's list is keyed by the new date.
    const listed = await api('GET', `/items?unit=${lead}&dueAfter=${addDays(newDue, -1)}`, { token: office });
    expect(listed.json.items.map((i: { id: string }) => i.id)).toContain(item.id);
  });

  it('reassigns to a new lead: the old lead no longer reads it, the new one signs and is responsible', async () => {
    const item = await register();
    await api('POST', `/items/${item.id}/acknowledge`, { token: leadToken });
    const res = await api('POST', `/items/${item.id}/reassignment`, {
      token: office,
      body: { leadUnit: other, reason: '职能划转' },
      headers: ifMatch(2),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ leadUnit: other, status: 'assigned', coUnits: [co] });
    expect((await api('GET', `/items/${item.id}`, { token: leadToken })).status).toBe(404);
    const otherToken = await tokenFor('unit', other);
    expect((await api('POST', `/items/${item.id}/acknowledge`, { token: otherToken })).json.status).toBe('acknowledged');
    expectProblem(
      await api('POST', `/items/${item.id}/reassignment`, {
        token: office,
        body: { leadUnit: `nobody-${tag}`, reason: 'x' },
        headers: ifMatch(4),
      }),
      422,
      'unknown-unit',
    );
    expect((await read(item.id)).leadUnit).toBe(other);
  });

  it('withdraws an item: terminal, out of the open items, nothing more allowed, and a retry replays', async () => {
    const item = await register();
    const body = { reason: '政府决定不再实施', decision: '市政府常务会议纪要〔2026〕31号' };
    const res = await api('POST', `/items/${item.id}/withdrawal`, { token: office, body, headers: ifMatch(1, `withdraw-${tag}`) });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ status: 'withdrawn', light: 'green' });
    const again = await api('POST', `/items/${item.id}/withdrawal`, { token: office, body, headers: ifMatch(1, `withdraw-${tag}`) });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expectProblem(
      await api('POST', `/items/${item.id}/withdrawal`, { token: office, body, headers: ifMatch(2) }),
      409,
      'illegal-transition',
    );
    expectProblem(await api('POST', `/items/${item.id}/acknowledge`, { token: leadToken }), 409, 'illegal-transition');
    const open = await api('GET', `/items?status=assigned&unit=${lead}&limit=100`, { token: office });
    expect(open.json.items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    const withdrawn = await api('GET', `/items?status=withdrawn&limit=100`, { token: office });
    expect(withdrawn.json.items.map((i: { id: string }) => i.id)).toContain(item.id);
  });
});

describe('the leader in charge (分管领导)', () => {
  it('gives a leader their own portfolio with ?leader=me, and refuses leader=me to a token without a leaderId (403: well-formed, but no portfolio of its own)', async () => {
    const mine = await register({ leaderInCharge: leaderId });
    const notMine = await register();
    const leader = await tokenFor('leader', undefined, { leaderId });
    const res = await api('GET', '/items?leader=me&limit=100', { token: leader });
    expect(res.status, res.text).toBe(200);
    const ids = res.json.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(notMine.id);
    expect(res.json.items.every((i: { leaderInCharge?: string }) => i.leaderInCharge === leaderId)).toBe(true);
    expectProblem(await api('GET', '/items?leader=me', { token: await tokenFor('leader') }), 403, 'forbidden');
    const overview = await api('GET', '/reports/overview?leader=me', { token: leader });
    expect(overview.status, overview.text).toBe(200);
    expect(overview.json.total).toBeGreaterThanOrEqual(1);
    const all = await api('GET', '/reports/overview', { token: leader });
    expect(overview.json.total).toBeLessThan(all.json.total);
  });

  it('refuses a leaderId outside a leadership unit and one another person holds', async () => {
    const bad = await api('POST', '/units', {
      token: office,
      body: {
        id: `dept-l-${tag}`,
        name: '某局',
        kind: 'department',
        contacts: [{ name: '李', email: `li@x-${tag}.example.gov.cn`, role: 'head', leaderId: `x-${tag}` }],
      },
    });
    expectProblem(bad, 422, 'leader-id-invalid');
    const taken = await api('POST', '/units', {
      token: office,
      body: {
        id: `leaders2-${tag}`,
        name: '领导二',
        kind: 'leadership',
        contacts: [{ name: '赵', email: `zhao@x-${tag}.example.gov.cn`, role: 'head', leaderId }],
      },
    });
    expectProblem(taken, 422, 'leader-id-invalid');
    expect((await api('GET', `/units/leaders2-${tag}`, { token: office })).status).toBe(404);
  });
});

describe('PATCH /units/{unitId} and its history', () => {
  it('edits the contacts against the version read, records who/when/before → after, and refuses stale or missing If-Match', async () => {
    const id = `edit-unit-${tag}`;
    await registerUnitWithHead(office, { id, name: '待改单位', kind: 'agency' });
    const contacts = [{ name: '新联络员', email: `new@${id}.example.gov.cn`, role: 'liaison' }];
    expectProblem(await api('PATCH', `/units/${id}`, { token: office, body: { contacts } }), 428, 'if-match-required');
    expectProblem(await api('PATCH', `/units/${id}`, { token: office, body: { contacts }, headers: ifMatch(5) }), 412, 'version-stale');
    expect((await api('GET', `/units/${id}/history`, { token: office })).json.items).toEqual([]);
    const res = await api('PATCH', `/units/${id}`, { token: office, body: { contacts, name: '已改单位' }, headers: ifMatch(1) });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ name: '已改单位', contacts, version: 2 });
    const events = (await api('GET', `/units/${id}/history`, { token: office })).json.items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      seq: 2,
      type: 'unit.edited',
      actor: { role: 'office' },
      data: { changes: { name: { before: '待改单位', after: '已改单位' }, contacts: { after: contacts } } },
    });
    expect(events[0].data.changes.contacts.before[0].email).toBe(`head@${id}.example.gov.cn`);
    // A unit reads its own history, not another's; only the office edits.
    expect((await api('GET', `/units/${id}/history`, { token: await tokenFor('unit', id) })).status).toBe(200);
    expectProblem(await api('GET', `/units/${id}/history`, { token: leadToken }), 403, 'forbidden');
    expectProblem(await api('PATCH', `/units/${id}`, { token: leadToken, body: { name: 'x' }, headers: ifMatch(2) }), 403, 'forbidden');
    expectProblem(
      await api('PATCH', `/units/nobody-${tag}`, { token: office, body: { name: 'x' }, headers: ifMatch(1) }),
      404,
      'not-found',
    );
  });
});

describe('lifecycle rules the trial exposed', () => {
  it('refuses a completion claim before the lead reports 100 %, and again after a failed 核查 until it reports anew; nothing written', async () => {
    const item = await register();
    const answers = [
      { requirement: 0, answer: '推进中' },
      { requirement: 1, answer: '已到位' },
    ];
    await api('POST', `/items/${item.id}/acknowledge`, { token: leadToken });
    await api('POST', `/items/${item.id}/reports`, { token: leadToken, body: { summary: '完成三成五', percentComplete: 35, answers } });
    const early = await api('POST', `/items/${item.id}/completion`, { token: leadToken, body: { summary: '已完成' } });
    expectProblem(early, 422, 'completion-needs-full-report');
    expect((await read(item.id)).status).toBe('in-progress');
    await api('POST', `/items/${item.id}/reports`, { token: leadToken, body: { summary: '全部完成', percentComplete: 100, answers } });
    expect((await api('POST', `/items/${item.id}/completion`, { token: leadToken, body: { summary: '已完成' } })).status).toBe(200);
    const failed = await api('POST', `/items/${item.id}/verification`, {
      token: office,
      body: { method: 'site', passed: false, findings: '仍有问题' },
    });
    expect(failed.json.status).toBe('in-progress');
    const again = await api('POST', `/items/${item.id}/completion`, { token: leadToken, body: { summary: '再次申请' } });
    expectProblem(again, 422, 'completion-needs-new-report');
    const version = (await read(item.id)).version;
    await api('POST', `/items/${item.id}/reports`, {
      token: leadToken,
      body: { summary: '问题已整改完毕', percentComplete: 100, answers },
    });
    expect((await read(item.id)).version).toBe(version + 1);
    expect((await api('POST', `/items/${item.id}/completion`, { token: leadToken, body: { summary: '整改后再次申请' } })).status).toBe(200);
  });
});
