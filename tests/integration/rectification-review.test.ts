import { randomUUID } from 'node:crypto';
import { DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALTERATIONS, rectificationKey } from '../../functions/adapters/dynamodb/keys';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { fileSystem } from './file-system';
import { api, mailTo, nowEpochSeconds, registerUnitWithHead, tokenFor, type ApiResponse } from './support';

/**
 * Rectifications read back and reviewed (审核: accepted, or 退回重报), and a notice withdrawn (撤销通报),
 * through the local HTTP API against DynamoDB Local and the SES emulator. Units of its own (a random tag).
 */
const tag = randomUUID().slice(0, 8);
const unitA = `rev-a-${tag}`;
const unitB = `rev-b-${tag}`;
/** Named by the withdrawn notice alone, so its assessment shows that notice only. */
const unitC = `rev-c-${tag}`;
const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

let office: string;
let leader: string;
let inspector: string;
let aToken: string;
let bToken: string;
let cToken: string;
let item: string;

const rectification = { explanation: '报送责任未落实到人', measures: '明确专人负责', report: '关于通报批评问题的整改报告' };
const post = (path: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  api('POST', path, { token, body, headers });
const get = (path: string, token: string) => api('GET', path, { token });

function expectStatus(res: ApiResponse, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  if (code) expect(res.json.error.code, res.text).toBe(code);
}

async function issue(unitIds: string[], level = 'office'): Promise<string> {
  const res = await post('/notices', office, { level, unitIds, itemIds: [item], reason: `逾期未报送 ${tag}` });
  expectStatus(res, 201);
  return res.json.id;
}

async function assessed(unitId: string) {
  const res = await get(`/reports/assessment?year=${year}`, office);
  expectStatus(res, 200);
  return res.json.units.find((u: { unitId: string }) => u.unitId === unitId);
}

beforeAll(async () => {
  [office, leader, inspector, aToken, bToken, cToken] = await Promise.all([
    tokenFor('office'),
    tokenFor('leader'),
    tokenFor('inspector'),
    tokenFor('unit', unitA),
    tokenFor('unit', unitB),
    tokenFor('unit', unitC),
  ]);
  await registerUnitWithHead(office, { id: unitA, name: '审核县', kind: 'county' });
  await registerUnitWithHead(office, { id: unitB, name: '审核局', kind: 'department' });
  await registerUnitWithHead(office, { id: unitC, name: '误点名局', kind: 'department' });
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const res = await post('/items', office, {
    title: `整改审核 ${tag}`,
    source: 'meeting-decision',
    sourceRef: '安政办发〔2014〕134号',
    leadUnit: unitA,
    dueDate: due,
    requirements: ['工作进展'],
  });
  expectStatus(res, 201);
  item = res.json.id;
});

describe('rectifications read back and reviewed', () => {
  it('are read by the office and leaders, by a unit only its own; inspectors 403; another unit’s 404', async () => {
    const id = await issue([unitA, unitB]);
    expectStatus(await post(`/notices/${id}/rectifications`, aToken, rectification), 201);
    const all = await get(`/notices/${id}/rectifications`, office);
    expectStatus(all, 200);
    expect(all.json.items).toEqual([expect.objectContaining({ unitId: unitA, ...rectification, onTime: true })]);
    expectStatus(await get(`/notices/${id}/rectifications`, leader), 200);
    expect((await get(`/notices/${id}/rectifications`, bToken)).json.items).toEqual([]);
    expect((await get(`/notices/${id}/rectifications/${unitA}`, aToken)).json.items).toHaveLength(1);
    expectStatus(await get(`/notices/${id}/rectifications/${unitA}`, bToken), 404);
    expectStatus(await get(`/notices/${id}/rectifications/no-such-unit-${tag}`, office), 404);
    expectStatus(await get(`/notices/${id}/rectifications`, inspector), 403);
    expectStatus(await get(`/notices/no-such-${tag}/rectifications`, office), 404);
  });

  it('退回重报: returned with a reason, handed in again, then accepted; each review once; nothing written on a refusal', async () => {
    const id = await issue([unitA]);
    expectStatus(await post(`/notices/${id}/rectifications`, aToken, rectification), 201);
    const review = `/notices/${id}/rectifications/${unitA}/review`;
    const noReason = await post(review, office, { decision: 'returned' });
    expectStatus(noReason, 400, 'invalid-input');
    expect(noReason.json.error.details).toContainEqual(expect.objectContaining({ path: 'reason' }));
    expectStatus(await post(review, leader, { decision: 'accepted' }), 403);
    expectStatus(await post(review, aToken, { decision: 'accepted' }), 403);
    expect((await get(`/notices/${id}`, office)).json.rectifications[0]).not.toHaveProperty('review');

    const returned = await post(review, office, { decision: 'returned', reason: '整改措施不具体' }, { 'Idempotency-Key': `ret-${tag}` });
    expectStatus(returned, 200);
    expect(returned.json.review).toMatchObject({ decision: 'returned', reason: '整改措施不具体' });
    const replay = await post(review, office, { decision: 'returned', reason: '整改措施不具体' }, { 'Idempotency-Key': `ret-${tag}` });
    expect(replay.json).toEqual(returned.json);
    const notice = (await get(`/notices/${id}`, aToken)).json;
    expect(notice.rectifications[0]).toMatchObject({ unitId: unitA, status: 'returned', review: 'returned' });
    expect(notice.rectifications[0]).not.toHaveProperty('submissions');
    // The clock keeps running from the notice: still the notice's own date.
    expect(notice.rectifications[0].due).toBe(notice.rectificationDue);
    expectStatus(await post(review, office, { decision: 'accepted' }), 409, 'rectification-not-awaiting-review');

    const again = await post(`/notices/${id}/rectifications`, aToken, { ...rectification, measures: '每周调度，专人负责，限期整改' });
    expectStatus(again, 201);
    expect(again.json.attempt).toBe(2);
    expectStatus(await post(`/notices/${id}/rectifications`, aToken, rectification), 409, 'already-rectified');
    expectStatus(await post(review, office, { decision: 'accepted' }), 200);
    const history = (await get(`/notices/${id}/rectifications/${unitA}`, office)).json.items;
    expect(history.map((r: { attempt?: number; review?: { decision: string } }) => [r.attempt ?? 1, r.review?.decision])).toEqual([
      [1, 'returned'],
      [2, 'accepted'],
    ]);
    expectStatus(await post(review, office, { decision: 'returned', reason: '再退' }), 409, 'rectification-not-awaiting-review');

    // 台账留痕: a hand-in is written once; its one review is no alteration, its text edited in the table is one.
    const db = new DynamoDBClient({});
    const { tableName } = fileSystem();
    const altered = async () => {
      await fileSystem().settle();
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': { S: ALTERATIONS } },
          ConsistentRead: true,
        }),
      );
      return Items.filter((r) => r.record?.S?.startsWith(`NOTICE#${id}|`)).map((r) => [r.record?.S, r.fields?.L?.map((f) => f.S)]);
    };
    expect(await altered()).toEqual([]);
    const first = rectificationKey(id, unitA);
    await db.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: toRecord(first),
        UpdateExpression: 'SET #report = :text',
        ExpressionAttributeNames: { '#report': 'report' },
        ExpressionAttributeValues: { ':text': { S: '关于通报批评问题已全部整改到位的报告' } },
      }),
    );
    expect(await altered()).toEqual([[`${first.PK}|${first.SK}`, ['report']]]);
    db.destroy();
  });
});

describe('撤销通报: a notice issued in error', () => {
  it('stops counting in the assessment and for rule 4, ends its obligations, and tells the named units', async () => {
    const since = nowEpochSeconds();
    // Unit C leads an item of its own, so it is assessed (未参评 otherwise) and the notice is all that keeps it from 优秀.
    const led = await post('/items', office, {
      title: `误点名局的事项 ${tag}`,
      source: 'meeting-decision',
      sourceRef: '安政办发〔2014〕134号',
      leadUnit: unitC,
      dueDate: `${year}-12-31`,
      requirements: ['工作进展'],
    });
    expectStatus(led, 201);
    const id = await issue([unitC], 'government');
    const before = await assessed(unitC);
    expect(before).toMatchObject({ noticesGovernment: 1, excellentEligible: false });

    expectStatus(await post(`/notices/${id}/withdrawal`, leader, { reason: '点名单位有误' }), 403);
    expectStatus(await post(`/notices/${id}/withdrawal`, office, {}), 400, 'invalid-input');
    expectStatus(await post(`/notices/no-such-${tag}/withdrawal`, office, { reason: '点名单位有误' }), 404);
    expect((await get(`/notices/${id}`, office)).json).not.toHaveProperty('withdrawn');

    const withdrawn = await post(`/notices/${id}/withdrawal`, office, { reason: '点名单位有误' });
    expectStatus(withdrawn, 200);
    expect(withdrawn.json.withdrawn).toMatchObject({ reason: '点名单位有误', by: { role: 'office' } });
    expect(withdrawn.json.rectifications).toEqual([expect.objectContaining({ unitId: unitC, status: 'withdrawn' })]);
    const after = await assessed(unitC);
    expect(after).toMatchObject({ noticesGovernment: 0, excellentEligible: true });
    expect(after.score).toBe(before.score + 10);

    expectStatus(await post(`/notices/${id}/rectifications`, cToken, rectification), 409, 'notice-withdrawn');
    expectStatus(await post(`/notices/${id}/withdrawal`, office, { reason: '再次撤销' }), 409, 'notice-withdrawn');
    const events = (await get(`/items/${item}/history?limit=100`, office)).json.items;
    expect(events).toContainEqual(expect.objectContaining({ type: 'notice.withdrawn', data: expect.objectContaining({ noticeId: id }) }));
    const mails = await mailTo(`head@${unitC}.example.gov.cn`, since);
    // Named by its 文号 (issue 14), not by its id.
    expect(mails.filter((m) => m.subject.includes('撤销通报') && m.subject.includes(withdrawn.json.documentNumber))).toHaveLength(1);
  });
});
