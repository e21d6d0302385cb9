import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../../functions/domain/calendar';
import { api, tokenFor } from './support';

/** Each test file gets units of its own, so files can run side by side on one DynamoDB Local. */
const tag = randomUUID().slice(0, 8);
const unitA = `county-a-${tag}`;
const unitB = `dept-b-${tag}`;
const unitC = `dept-c-${tag}`;
const today = shanghaiDate(new Date());

let office: string;
const unitBody = (id: string, name: string) => ({
  id,
  name,
  kind: 'county',
  contacts: [{ name: '张三', email: `head@${id}.example.gov.cn`, role: 'head' }],
});
const itemBody = (over: Record<string, unknown> = {}) => ({
  title: '推进汉江综合整治',
  source: 'work-report',
  sourceRef: '2026年《政府工作报告》',
  leadUnit: unitA,
  coUnits: [unitB],
  dueDate: addDays(today, 30),
  requirements: ['进展情况', '存在问题'],
  ...over,
});

async function itemsOf(unit: string, token = office): Promise<{ id: string }[]> {
  const res = await api('GET', `/items?unit=${unit}&limit=100`, { token });
  expect(res.status).toBe(200);
  return res.json.items;
}

beforeAll(async () => {
  office = await tokenFor('office');
  for (const [id, name] of [
    [unitA, '测试县'],
    [unitB, '测试局'],
    [unitC, '另一局'],
  ] as const) {
    const res = await api('POST', '/units', { token: office, body: unitBody(id, name) });
    expect(res.status).toBe(201);
  }
});

describe('units', () => {
  it('are registered by the office and read by everyone', async () => {
    const leader = await tokenFor('leader');
    const res = await api('GET', `/units/${unitA}`, { token: leader });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: unitA, name: '测试县', kind: 'county', version: 1 });
  });

  it('cannot be registered twice (409), but a retry with the same Idempotency-Key gets the first answer', async () => {
    const id = `retry-${tag}`;
    const headers = { 'Idempotency-Key': `unit-${tag}-1` };
    const first = await api('POST', '/units', { token: office, body: unitBody(id, '重试单位'), headers });
    const retry = await api('POST', '/units', { token: office, body: unitBody(id, '重试单位'), headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json).toEqual(first.json);
    const again = await api('POST', '/units', { token: office, body: unitBody(id, '重试单位') });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('unit-exists');
  });

  it('are numbered 0001, 0002… when registered without a code, skipping codes given by hand; a given code is still kept', async () => {
    // This file's table is its own and no other test here registers a unit without a code: the counter starts at 1.
    for (const id of ['0001', '0002'])
      expect((await api('POST', '/units', { token: office, body: unitBody(id, `手编${id}`) })).status).toBe(201);
    const contacts = [
      { name: '王局长', email: `head-n-${tag}@example.gov.cn`, role: 'head' },
      { name: '李联络', email: `liaison-n-${tag}@example.gov.cn`, role: 'liaison' },
    ];
    const numbered = await Promise.all(
      ['编号一局', '编号二局'].map((name) => api('POST', '/units', { token: office, body: { name, kind: 'department', contacts } })),
    );
    expect(numbered.map((r) => r.status)).toEqual([201, 201]);
    expect(numbered.map((r) => r.json.id).sort()).toEqual(['0003', '0004']);
    expect(numbered[0]?.json.contacts.map((c: { role: string }) => c.role)).toEqual(['head', 'liaison']);
    const bad = await api('POST', '/units', { token: office, body: { ...unitBody('Hanyin County', '汉阴县') } });
    expect(bad.status).toBe(400);
  });

  it('are written only by the office (403) and read only with a token (401)', async () => {
    const unit = await tokenFor('unit', unitA);
    expect((await api('POST', '/units', { token: unit, body: unitBody(`x-${tag}`, 'x') })).status).toBe(403);
    expect((await api('GET', '/units')).status).toBe(401);
    expect((await api('GET', `/units/x-${tag}`, { token: office })).status).toBe(404);
  });

  it('page through with an opaque cursor', async () => {
    const first = await api('GET', '/units?limit=2', { token: office });
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(2);
    const second = await api('GET', `/units?limit=2&cursor=${first.json.cursor}`, { token: office });
    expect(second.json.items.map((u: { id: string }) => u.id)).not.toContain(first.json.items[0].id);
  });
});

describe('registering an item (立项派发)', () => {
  it('answers 201 with an assigned item, version 1, a light, and an item.registered event', async () => {
    const res = await api('POST', '/items', { token: office, body: itemBody() });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'assigned', version: 1, light: 'green', leadUnit: unitA, coUnits: [unitB] });
    const history = await api('GET', `/items/${res.json.id}/history`, { token: office });
    expect(history.status).toBe(200);
    expect(history.json.items).toEqual([
      expect.objectContaining({
        seq: 1,
        type: 'item.registered',
        actor: expect.objectContaining({ role: 'office' }),
        data: expect.objectContaining({ title: '推进汉江综合整治' }),
      }),
    ]);
  });

  it('creates nothing twice for retries with one Idempotency-Key, even concurrent ones', async () => {
    const unit = `idem-${tag}`;
    expect((await api('POST', '/units', { token: office, body: unitBody(unit, '幂等单位') })).status).toBe(201);
    const headers = { 'Idempotency-Key': `item-${tag}-concurrent` };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api('POST', '/items', { token: office, body: itemBody({ leadUnit: unit, coUnits: [] }), headers })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(await itemsOf(unit)).toHaveLength(1);
  });

  it('reads once before it writes: the units named and the key’s earlier answer in one consistent batch, then one transaction', async () => {
    const { ledger } = await import('../../functions/adapters/dynamodb/client');
    const { DynamoItemRepository } = await import('../../functions/adapters/dynamodb/item-repository');
    const { DynamoIdempotencyStore } = await import('../../functions/adapters/dynamodb/idempotency-store');
    const { DynamoUnitRepository } = await import('../../functions/adapters/dynamodb/unit-repository');
    const { registerItem } = await import('../../functions/use-cases/register-item');
    const deps = {
      items: new DynamoItemRepository(),
      units: new DynamoUnitRepository(),
      idempotency: new DynamoIdempotencyStore(),
      clock: { now: () => new Date() },
    };
    const input = {
      ...itemBody({ title: '一次读取', leadUnit: unitA, coUnits: [unitB] }),
      description: '',
      projectType: false,
      milestones: [],
    } as never;
    const key = `one-read-${tag}`;
    // The calls this registration makes: each names its key (the answer's record is read and written with the item).
    const calls: string[] = [];
    const name = `count-${key}`;
    ledger().client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = JSON.stringify((args as { input?: unknown }).input ?? {});
        if (input.includes(key)) calls.push(String(context.commandName));
        // The one read carries the units too: no second read of them.
        if (input.includes(key) && context.commandName === 'BatchGetItemCommand') expect(input).toContain(unitB);
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const first = await registerItem(deps, { sub: 'test-office', role: 'office' }, input, key);
      expect(calls).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
      calls.length = 0;
      const retry = await registerItem(deps, { sub: 'test-office', role: 'office' }, input, key);
      expect(retry).toEqual({ item: first.item, replayed: true });
      expect(calls).toEqual(['BatchGetItemCommand']);
    } finally {
      ledger().client.middlewareStack.remove(name);
    }
  });

  it('refuses one key reused for a different item (422)', async () => {
    const headers = { 'Idempotency-Key': `item-${tag}-reuse` };
    expect((await api('POST', '/items', { token: office, body: itemBody({ title: '甲' }), headers })).status).toBe(201);
    const reused = await api('POST', '/items', { token: office, body: itemBody({ title: '乙' }), headers });
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('idempotency-key-reused');
  });

  describe('bad input is refused with what is wrong, and nothing is written', () => {
    const lonely = `lonely-${tag}`;
    beforeAll(async () => {
      expect((await api('POST', '/units', { token: office, body: unitBody(lonely, '空单位') })).status).toBe(201);
    });

    it.each([
      ['malformed JSON', { rawBody: '{"title": ', contentType: 'application/json' }, 400, 'malformed-json'],
      ['a wrong Content-Type', { rawBody: 'title=x', contentType: 'application/x-www-form-urlencoded' }, 415, 'unsupported-media-type'],
      ['an unknown field', { body: { extra: 1 } }, 400, 'invalid-input'],
      ['a title over 200 characters', { body: { title: '长'.repeat(201) } }, 400, 'invalid-input'],
      ['a date that does not exist', { body: { dueDate: '2027-02-30' } }, 400, 'invalid-input'],
      ['an unknown source', { body: { source: 'hearsay' } }, 400, 'invalid-input'],
      ['a deadline already passed', { body: { dueDate: addDays(today, -1) } }, 422, 'due-date-passed'],
      ['an unknown co-unit', { body: { coUnits: [`ghost-${tag}`] } }, 422, 'unknown-unit'],
    ])('%s', async (_, request, status, code) => {
      const { rawBody, contentType, body } = request as { rawBody?: string; contentType?: string; body?: Record<string, unknown> };
      const res = await api('POST', '/items', {
        token: office,
        ...(rawBody !== undefined
          ? { rawBody, headers: { 'content-type': contentType as string } }
          : { body: itemBody({ leadUnit: lonely, coUnits: [], ...body }) }),
      });
      expect(res.status).toBe(status);
      expect(res.json.error.code).toBe(code);
      expect(res.json.error.message).toEqual(expect.any(String));
      expect(await itemsOf(lonely)).toHaveLength(0);
    });

    it('names the offending fields', async () => {
      const res = await api('POST', '/items', {
        token: office,
        body: itemBody({ leadUnit: lonely, title: '', dueDate: '2027-13-01', color: 'red' }),
      });
      expect(res.status).toBe(400);
      const paths = res.json.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['title', 'dueDate']));
    });

    it('refuses a 1 MB body without parsing it', async () => {
      const res = await api('POST', '/items', {
        token: office,
        body: itemBody({ leadUnit: lonely, description: 'x'.repeat(1024 * 1024) }),
      });
      expect(res.status).toBe(413);
      expect(await itemsOf(lonely)).toHaveLength(0);
    });

    it('refuses a unit lead that does not exist, naming it', async () => {
      const res = await api('POST', '/items', { token: office, body: itemBody({ leadUnit: `ghost-${tag}`, coUnits: [] }) });
      expect(res.status).toBe(422);
      expect(res.json.error.details).toEqual([expect.objectContaining({ path: 'leadUnit' })]);
    });

    it('refuses registration by anyone but the office (403) and without a token (401)', async () => {
      for (const token of [await tokenFor('unit', lonely), await tokenFor('leader'), await tokenFor('inspector')]) {
        expect((await api('POST', '/items', { token, body: itemBody({ leadUnit: lonely, coUnits: [] }) })).status).toBe(403);
      }
      expect((await api('POST', '/items', { body: itemBody({ leadUnit: lonely, coUnits: [] }) })).status).toBe(401);
      expect(await itemsOf(lonely)).toHaveLength(0);
    });
  });
});

describe('reading the ledger (rule 6)', () => {
  let shared: string;
  let othersOnly: string;
  beforeAll(async () => {
    shared = (await api('POST', '/items', { token: office, body: itemBody({ title: '共同办理事项' }) })).json.id;
    othersOnly = (await api('POST', '/items', { token: office, body: itemBody({ title: '他人事项', leadUnit: unitC, coUnits: [] }) })).json
      .id;
  });

  it('shows a unit its items as lead or co-unit, and never another unit’s', async () => {
    const lead = await tokenFor('unit', unitA);
    const co = await tokenFor('unit', unitB);
    expect((await api('GET', `/items/${shared}`, { token: lead })).status).toBe(200);
    expect((await api('GET', `/items/${shared}`, { token: co })).status).toBe(200);
    const mine = await api('GET', '/items?limit=100', { token: co });
    expect(mine.json.items.map((i: { id: string }) => i.id)).toContain(shared);
    expect(mine.json.items.map((i: { id: string }) => i.id)).not.toContain(othersOnly);
  });

  it('answers 404 for another unit’s item and its history, as if it did not exist', async () => {
    const stranger = await tokenFor('unit', unitA);
    const item = await api('GET', `/items/${othersOnly}`, { token: stranger });
    const history = await api('GET', `/items/${othersOnly}/history`, { token: stranger });
    const missing = await api('GET', `/items/no-such-item-${tag}`, { token: stranger });
    expect([item.status, history.status]).toEqual([404, 404]);
    expect(item.json.error.message.replace(othersOnly, 'ID')).toBe(missing.json.error.message.replace(`no-such-item-${tag}`, 'ID'));
  });

  it("refuses a unit asking for another unit's list (403)", async () => {
    expect((await api('GET', `/items?unit=${unitC}`, { token: await tokenFor('unit', unitA) })).status).toBe(403);
  });

  it('lets leaders and inspectors read every item', async () => {
    for (const role of ['leader', 'inspector'] as const) {
      expect((await api('GET', `/items/${othersOnly}`, { token: await tokenFor(role) })).status).toBe(200);
    }
  });

  it('refuses unknown filter values and forged cursors (400)', async () => {
    expect((await api('GET', '/items?light=blue', { token: office })).status).toBe(400);
    expect((await api('GET', '/items?colour=red', { token: office })).status).toBe(400);
    expect((await api('GET', '/items?cursor=forged', { token: office })).status).toBe(400);
  });
});

describe('listing: filters and pages', () => {
  const unit = `pages-${tag}`;
  const ids: string[] = [];
  beforeAll(async () => {
    expect((await api('POST', '/units', { token: office, body: unitBody(unit, '分页单位') })).status).toBe(201);
    for (let i = 0; i < 7; i += 1) {
      const res = await api('POST', '/items', {
        token: office,
        body: itemBody({
          title: `事项${i}`,
          leadUnit: unit,
          coUnits: [],
          dueDate: addDays(today, i),
          source: i % 2 ? 'media-report' : 'work-report',
        }),
      });
      ids.push(res.json.id);
    }
    // A late item cannot be registered through the API; register one "as of" 40 days ago.
    const { DynamoItemRepository } = await import('../../functions/adapters/dynamodb/item-repository');
    const { DynamoIdempotencyStore } = await import('../../functions/adapters/dynamodb/idempotency-store');
    const { DynamoUnitRepository } = await import('../../functions/adapters/dynamodb/unit-repository');
    const { registerItem } = await import('../../functions/use-cases/register-item');
    const past = addDays(today, -40);
    const clock = { now: () => new Date(startOfShanghaiDay(past).getTime() + 3600_000) };
    const { item } = await registerItem(
      { items: new DynamoItemRepository(), units: new DynamoUnitRepository(), idempotency: new DynamoIdempotencyStore(), clock },
      { sub: 'test', role: 'office' },
      {
        ...itemBody({ title: '逾期事项', leadUnit: unit, coUnits: [], dueDate: addDays(today, -5) }),
        description: '',
        projectType: false,
        milestones: [],
      } as never,
    );
    ids.push(item.id);
  });

  it('pages through every item once, in due-date order', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api('GET', `/items?unit=${unit}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: office });
      expect(res.status).toBe(200);
      seen.push(...res.json.items.map((i: { id: string }) => i.id));
      cursor = res.json.cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(8);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(pages).toBe(3);
  });

  it('filters by light, source and due dates', async () => {
    const get = async (q: string) =>
      (await api('GET', `/items?unit=${unit}&${q}`, { token: office })).json.items as { title: string; light: string }[];
    expect((await get('light=red')).map((i) => i.title)).toEqual(['逾期事项']);
    expect((await get('light=yellow')).map((i) => i.title)).toEqual(['事项0', '事项1', '事项2', '事项3']);
    expect((await get('source=media-report')).map((i) => i.title)).toEqual(['事项1', '事项3', '事项5']);
    expect((await get(`dueAfter=${addDays(today, 4)}`)).map((i) => i.title)).toEqual(['事项5', '事项6']);
  });

  it('finds red items across the whole ledger through the open-items index', async () => {
    const res = await api('GET', `/items?light=red&dueAfter=${addDays(today, -6)}&limit=100`, { token: office });
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: { id: string }) => i.id)).toContain(ids[7]);
    expect(res.json.items.every((i: { light: string }) => i.light === 'red')).toBe(true);
  });
});

describe('GET /openapi.json', () => {
  it('is public and generated from the schemas', async () => {
    const res = await api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\./);
    expect(Object.keys(res.json.paths)).toEqual(expect.arrayContaining(['/units', '/items', '/items/{id}', '/items/{id}/history']));
    expect(res.json.components.schemas.ItemRegistration.required).toEqual(
      expect.arrayContaining(['title', 'source', 'leadUnit', 'dueDate', 'requirements']),
    );
  });
});
