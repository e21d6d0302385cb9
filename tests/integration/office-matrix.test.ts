import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../functions/domain/caller';
import { contract, type Operation } from '../../functions/http/contract';
import { api, registerUnitWithHead, tokenFor, succeed } from './support';

/**
 * Office × role × route (issue 23, item 3): every route of the contract that names a record by id, asked for county
 * A's records by each role of the city office and of county B (its sibling), is refused: 404 where the role may
 * call the route (the record is not in their ledger), 403 where it may not. Entering A's ledger with
 * X-Ducha-Office is refused to B on every route (404, A is not B's to name); the city may read down (GET, the
 * office, leaders and inspectors, answered as A's own people of that role are), and never write there (403).
 * At the end A's item is as it was: nothing of it was changed by anyone outside A.
 */
const tag = randomUUID().slice(0, 8);
const [officeA, officeB] = [`ma${tag}`, `mb${tag}`];
const roles = ['office', 'leader', 'inspector', 'unit'] as const satisfies readonly Role[];
type OperationId = keyof typeof contract;

const unitA = `only-a-${tag}`;
const tokens = {} as Record<'root' | 'a' | 'b', Record<Role, string>>;
const ids = {} as { item: string; notice: string; request: string; attachment: string; report: string };

const report = { summary: '按计划推进', percentComplete: 30, answers: [{ requirement: 0, answer: '已完成前期工作' }] };
const ifMatch = { 'If-Match': '"1"' };
/** A body each writing route would take, so that only the office can be why it is refused. */
const bodies: Partial<Record<OperationId, { body?: unknown; headers?: Record<string, string> }>> = {
  submitReport: { body: report },
  requestExtension: { body: { newDueDate: '2100-06-30', reason: '汛期停工' } },
  decideExtension: { body: { approve: true, note: '同意' } },
  claimCompletion: { body: { summary: '全部完成' } },
  verifyItem: { body: { method: 'desk', passed: true, findings: '材料齐全' } },
  submitRectification: { body: { explanation: '重视不够', measures: '建立周调度', report: '整改报告全文' } },
  reviewRectification: { body: { decision: 'accepted' } },
  withdrawNotice: { body: { reason: '通报对象有误' } },
  editUnit: { body: { name: '矩阵已改' }, headers: ifMatch },
  editItem: { body: { title: '矩阵已改' }, headers: ifMatch },
  moveItemDeadline: { body: { dueDate: '2100-03-31', reason: '调整', decision: '纪要' }, headers: ifMatch },
  reassignItem: { body: { leadUnit: unitA, reason: '职能调整' }, headers: ifMatch },
  withdrawItem: { body: { reason: '并入其他事项', decision: '纪要' }, headers: ifMatch },
  returnReport: { body: { reason: '未正面回答督办要求' } },
};

/** The routes that name a record of an office by id (the calendar's year is not one: a county reads the city's). */
const byId = (Object.keys(contract) as OperationId[]).filter((op) => {
  const { path, roles: allowed } = contract[op];
  return allowed !== 'public' && path.includes('{') && !path.startsWith('/calendar/');
});

function pathOf(op: OperationId): string {
  const { path } = contract[op];
  return path
    .replace('{id}', path.startsWith('/notices/') ? ids.notice : ids.item)
    .replace('{unitId}', unitA)
    .replace('{requestId}', ids.request)
    .replace('{reportId}', ids.report)
    .replace('{attachmentId}', ids.attachment);
}

/** A JSON body for every route that takes one (an empty object where no record is named): a request well formed. */
const bodyOf = (op: OperationId) => bodies[op]?.body ?? ((contract[op] as Operation).body ? {} : undefined);

const ask = (op: OperationId, token: string, headers: Record<string, string> = {}) =>
  api(contract[op].method, pathOf(op), { token, body: bodyOf(op), headers: { ...bodies[op]?.headers, ...headers } });

const ok = succeed;

beforeAll(async () => {
  const city = await tokenFor('office');
  for (const [office, slug] of [
    [`mx-cty-a-${tag}`, officeA],
    [`mx-cty-b-${tag}`, officeB],
  ] as const) {
    await registerUnitWithHead(city, { id: office, name: `矩阵县${office}`, kind: 'county' });
    await ok('POST', '/offices', city, { slug, name: `矩阵县督查室 ${slug}`, unitId: office, noticeNumberPrefix: '矩阵政督通' });
  }
  for (const [who, office] of [
    ['root', undefined],
    ['a', officeA],
    ['b', officeB],
  ] as const) {
    tokens[who] = {} as Record<Role, string>;
    for (const role of roles)
      tokens[who][role] = await tokenFor(role, role === 'unit' ? unitA : undefined, office ? { officeId: office } : {});
  }
  const a = tokens.a;
  await registerUnitWithHead(a.office, { id: unitA, name: '矩阵县财政局', kind: 'department' });
  ids.item = (
    await ok('POST', '/items', a.office, {
      title: `矩阵事项 ${tag}`,
      source: 'meeting-decision',
      sourceRef: '纪要',
      leadUnit: unitA,
      dueDate: '2099-12-31',
      requirements: ['进展'],
    })
  ).id;
  await ok('POST', `/items/${ids.item}/acknowledge`, a.unit);
  ids.request = (await ok('POST', `/items/${ids.item}/extension-requests`, a.unit, { newDueDate: '2100-06-30', reason: '汛期停工' })).id;
  ids.report = (await ok('POST', `/items/${ids.item}/reports`, a.unit, report)).id;
  ids.notice = (await ok('POST', '/notices', a.office, { level: 'office', unitIds: [unitA], reason: `未按期报送 ${tag}` })).id;
  await ok('POST', `/notices/${ids.notice}/rectifications`, a.unit, bodies.submitRectification?.body);
  ids.attachment = (
    await ok('POST', '/attachments', a.unit, { fileName: '整改报告.pdf', contentType: 'application/pdf', size: 2048 })
  ).attachment.id;
});

describe('office × role × route', () => {
  it('covers every route that names a record by id', () => {
    expect(byId.length).toBeGreaterThanOrEqual(25);
    for (const op of byId) expect(pathOf(op), op).not.toContain('{');
  });

  it.concurrent.each(byId)("%s: county A's record is not the city's or county B's to read or change", async (op) => {
    const got: string[] = [];
    const want: string[] = [];
    for (const who of ['root', 'b'] as const) {
      for (const role of roles) {
        const allowed = (contract[op].roles as readonly Role[]).includes(role);
        want.push(`${who}.${role} ${allowed ? 404 : 403}`);
        got.push(`${who}.${role} ${(await ask(op, tokens[who][role])).status}`);
      }
    }
    expect(got).toEqual(want);
  });

  it.concurrent.each(Object.keys(contract).filter((op) => contract[op as OperationId].roles !== 'public') as OperationId[])(
    '%s: county B naming county A in X-Ducha-Office is told no such office (404), whatever its role',
    async (op) => {
      const statuses = await Promise.all(roles.map(async (role) => (await ask(op, tokens.b[role], { 'X-Ducha-Office': officeA })).status));
      expect(statuses).toEqual(roles.map(() => 404));
    },
  );

  it.concurrent.each(byId)('%s: the city reads down into county A as its own people read, and never writes there', async (op) => {
    const down = { 'X-Ducha-Office': officeA };
    const reads = contract[op].method === 'GET';
    for (const role of roles) {
      const status = (await ask(op, tokens.root[role], down)).status;
      if (!reads || role === 'unit') expect(status, `${role} writes or is a unit`).toBe(403);
      else expect(status, role).toBe((await ask(op, tokens.a[role])).status);
    }
  });

  it("after all of it, county A's item, notice and unit are as they were", async () => {
    const item = await ok('GET', `/items/${ids.item}`, tokens.a.office);
    expect(item).toMatchObject({ title: `矩阵事项 ${tag}`, status: 'in-progress', version: 4, pendingExtension: ids.request });
    expect(item).not.toHaveProperty('returnedReports');
    expect((await ok('GET', `/notices/${ids.notice}`, tokens.a.office)).withdrawn).toBeUndefined();
    expect((await ok('GET', `/units/${unitA}`, tokens.a.office)).name).toBe('矩阵县财政局');
  });
});
