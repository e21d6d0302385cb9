import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { contract, type Operation } from '../../functions/http/contract';
import type { RouteGroup } from '../../functions/http/routes';
import { lambdaContext } from '../lambda-context';
import { claimsOf, proxyEvent } from '../proxy-event';
import { fileSystem } from './file-system';
import { arbitraryOf, hostileString, hostileValue, jsonSchemaOf, malformedJson, mutated } from './fuzz-arbitraries';

/**
 * Schema-driven fuzzing of every route (issue 11): requests generated from the contract's own zod
 * schemas (fuzz-arbitraries.ts), mostly valid, the rest with one part made hostile (wrong types,
 * huge and deeply nested values, `__proto__` keys, lone surrogates, NUL, impossible dates) or not
 * JSON at all, sent in-process to the route groups' handlers against DynamoDB Local. Every answer
 * must be below 500, and a 4xx must have written nothing: every write the DynamoDB client completes
 * is attributed to the request it served (AsyncLocalStorage), and the fixtures' partitions are read
 * back before and after a run of refusals. `npm test` sends 300 requests, `npm run test:deep` 10,000 (FUZZ_RUNS);
 * FUZZ_SEED replays a run whose seed a failure printed.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/**
 * Bodies the schemas refuse, per route that takes one: 25 in npm test (about 500 requests; 80 sent 1,600 and took
 * half a minute of a worker), 834 in test:deep. The seed changes with every run, so the runs add up.
 */
const REFUSED_PER_ROUTE = Math.ceil(RUNS / 12);
const CONCURRENCY = 6;

type OperationId = keyof typeof contract;
type Handler = (event: unknown, context: unknown) => Promise<APIGatewayProxyResult>;

const tag = randomUUID().slice(0, 8);
const lead = `fz-lead-${tag}`;
const co = `fz-co-${tag}`;
const fixtures = { items: [] as string[], requestId: '', notice: '' };

const handlers = new Map<RouteGroup, Handler>();
async function handlerOf(group: RouteGroup): Promise<Handler> {
  let handler = handlers.get(group);
  if (!handler) {
    handler = ((await import(`../../functions/http/${group}.ts`)) as { handler: Handler }).handler;
    handlers.set(group, handler);
  }
  return handler;
}

/** The writes (DynamoDB commands that completed) of the request being served. */
const writesOfRequest = new AsyncLocalStorage<string[]>();
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

interface Case {
  operationId: OperationId;
  caller: { role: string; unitId?: string };
  params: Record<string, string>;
  query: Record<string, string>;
  body: string | null;
  contentType: string;
}

interface Outcome {
  status: number;
  writes: string[];
  /** The start of the answer, for messages. */
  text: string;
  body: string;
}

async function send(c: Case): Promise<Outcome> {
  const operation = contract[c.operationId] as Operation;
  const event = proxyEvent({
    method: operation.method,
    resource: operation.path,
    pathParameters: c.params,
    query: c.query,
    headers: { 'content-type': c.contentType, 'accept-language': 'en' },
    body: c.body,
    claims: operation.roles === 'public' ? undefined : claimsOf(c.caller.role, c.caller.unitId),
    requestId: randomUUID(),
  });
  const writes: string[] = [];
  const handler = await handlerOf(operation.group as RouteGroup);
  const result = await writesOfRequest.run(writes, () =>
    // A deadline far off: this is about input, and a loaded machine must not turn slowness into 5xx here.
    handler(event, lambdaContext(`fuzz-${operation.group}`, event.requestContext.requestId, 600_000)),
  );
  return { status: result.statusCode, writes, text: result.body.slice(0, 300), body: result.body };
}

/** Who calls each route: a role it allows, so requests get past 403 to validation and the use case. */
function callerOf(operation: Operation): Case['caller'] {
  const roles = operation.roles === 'public' ? ['office'] : operation.roles;
  if (roles.includes('office')) return { role: 'office' };
  if (roles.includes('unit')) return { role: 'unit', unitId: lead };
  return { role: roles[0] as string };
}

/** Path parameters: mostly the fixtures (so valid requests reach real records), sometimes hostile. */
function paramsArbitrary(operation: Operation): fc.Arbitrary<Record<string, string>> {
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const fixture = (name: string): fc.Arbitrary<string> => {
    if (name === 'unitId') return fc.constantFrom(lead, co);
    if (name === 'requestId') return fc.constant(fixtures.requestId);
    if (operation.path.startsWith('/notices')) return fc.constant(fixtures.notice);
    return fc.constantFrom(...fixtures.items);
  };
  const hostile = hostileString.filter((s) => s.length > 0 && !s.includes('/'));
  return fc.record(
    Object.fromEntries(names.map((name) => [name, fc.oneof({ weight: 6, arbitrary: fixture(name) }, { weight: 1, arbitrary: hostile })])),
  ) as fc.Arbitrary<Record<string, string>>;
}

/** A query string as API Gateway passes it: every value a string. */
function queryArbitrary(operation: Operation): fc.Arbitrary<Record<string, string>> {
  if (!operation.query) return fc.oneof(fc.constant({}), fc.dictionary(hostileString, hostileString, { maxKeys: 2 }));
  const valid = arbitraryOf(jsonSchemaOf(operation.query)).map((q) =>
    Object.fromEntries(Object.entries(q as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
  );
  const hostile = fc.tuple(valid, hostileValue, fc.nat(), fc.boolean()).map(([q, value, pick, addKey]) => {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    const keys = Object.keys(q);
    const key = addKey || keys.length === 0 ? ['__proto__', 'constructor', 'extra', 'limit', 'cursor'][pick % 5] : keys[pick % keys.length];
    // Object.fromEntries makes `__proto__` an own key, as a parsed query string does.
    return Object.fromEntries([...Object.entries(q), [key as string, text]]);
  });
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: hostile });
}

function bodyArbitrary(operation: Operation): fc.Arbitrary<{ body: string | null; contentType: string }> {
  const json = (value: unknown) => ({ body: JSON.stringify(value) ?? 'null', contentType: 'application/json' });
  if (!operation.body) {
    return fc.oneof(
      fc.constant({ body: null, contentType: 'application/json' }),
      hostileValue.map(json),
      malformedJson.map((body) => ({ body, contentType: 'application/json' })),
    );
  }
  const valid = arbitraryOf(jsonSchemaOf(operation.body));
  return fc.oneof(
    { weight: 4, arbitrary: valid.map(json) },
    { weight: 5, arbitrary: mutated(valid).map(json) },
    { weight: 1, arbitrary: malformedJson.map((body) => ({ body, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom('text/plain', 'application/xml', ''))
        .map(([v, contentType]) => ({ body: JSON.stringify(v), contentType })),
    },
  );
}

function caseArbitrary(): fc.Arbitrary<Case> {
  const perOperation = (Object.keys(contract) as OperationId[]).map((operationId) => {
    const operation = contract[operationId] as Operation;
    const arbitrary = fc
      .tuple(
        paramsArbitrary(operation),
        operation.method === 'GET' ? queryArbitrary(operation) : fc.constant({}),
        operation.method === 'POST' ? bodyArbitrary(operation) : fc.constant({ body: null, contentType: 'application/json' }),
      )
      .map(([params, query, body]): Case => ({ operationId, caller: callerOf(operation), params, query, ...body }));
    // The POST routes write: they get three times the requests of a read.
    return { weight: operation.method === 'POST' ? 3 : 1, arbitrary };
  });
  return fc.oneof(...perOperation);
}

function parsedOrUndefined(text: string | null): unknown {
  try {
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return Symbol('not JSON');
  }
}

async function runPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i] as T);
      }
    }),
  );
  return results;
}

const describeCase = (c: Case, o: Outcome) =>
  `${contract[c.operationId].method} ${contract[c.operationId].path} params=${JSON.stringify(c.params)} ` +
  `query=${JSON.stringify(c.query).slice(0, 200)} ` +
  `body=${(c.body ?? '').slice(0, 200)} → ${o.status} writes=[${o.writes.join(',')}] ${o.text}`;

afterAll(() => {
  // The client outlives the file (the worker's next files use it): take the write log off it.
  ledger().client.middlewareStack.remove('fuzzWriteLog');
});

beforeAll(async () => {
  ledger().client.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      if (WRITES.has(context.commandName ?? '')) writesOfRequest.getStore()?.push(context.commandName as string);
      return output;
    },
    { step: 'initialize', name: 'fuzzWriteLog' },
  );
  const office = { role: 'office' };
  const leadUnit = { role: 'unit', unitId: lead };
  for (const id of [lead, co]) {
    const contacts = [{ name: '王五', email: `head@${id}.example.gov.cn`, role: 'head' }];
    await sendJson('registerUnit', office, {}, { id, name: `模糊测试-${id}`, kind: 'department', contacts });
  }
  const registration = {
    source: 'work-report',
    sourceRef: '纪要',
    leadUnit: lead,
    coUnits: [co],
    dueDate: '2099-12-31',
    requirements: ['进展', '资金'],
  };
  const assigned = (await sendJson('registerItem', office, {}, { ...registration, title: `模糊测试 ${tag} 一` })).id as string;
  const inProgress = (await sendJson('registerItem', office, {}, { ...registration, title: `模糊测试 ${tag} 二` })).id as string;
  await sendJson('acknowledgeItem', leadUnit, { id: inProgress });
  const answers = [
    { requirement: 0, answer: '一' },
    { requirement: 1, answer: '二' },
  ];
  await sendJson('submitReport', leadUnit, { id: inProgress }, { summary: '推进', percentComplete: 10, answers });
  fixtures.items.push(assigned, inProgress);
  fixtures.requestId = (await sendJson('requestExtension', leadUnit, { id: inProgress }, { newDueDate: '2100-06-30', reason: '汛期' }))
    .id as string;
  fixtures.notice = (await sendJson('issueNotice', office, {}, { level: 'office', unitIds: [lead], reason: '未按期报送' })).id as string;
}, 120_000);

/** A fixture request through the handler, which must succeed. */
async function sendJson(operationId: OperationId, caller: Case['caller'], params: Record<string, string>, body?: unknown) {
  const outcome = await send({
    operationId,
    caller,
    params,
    query: {},
    body: body === undefined ? null : JSON.stringify(body),
    contentType: 'application/json',
  });
  if (outcome.status >= 300) throw new Error(`fixture ${operationId} answered ${outcome.status}: ${outcome.text}`);
  return JSON.parse(outcome.body) as Record<string, unknown>;
}

/** Every record of the fixtures' partitions (item, events, reports, extensions, memberships; the notice and its obligations). */
async function partitions(): Promise<string> {
  const { client, tableName } = ledger();
  const { QueryCommand } = await import('@aws-sdk/client-dynamodb');
  const all: unknown[] = [];
  for (const pk of [...fixtures.items.map((id) => `ITEM#${id}`), `NOTICE#${fixtures.notice}`, `UNIT#${lead}`, `UNIT#${co}`]) {
    let start: Record<string, never> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      all.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
  }
  return JSON.stringify(all);
}

/** The fixtures' partitions once the table's stream has chained what the fixtures wrote (its chain heads move). */
async function settledPartitions(): Promise<string> {
  await fileSystem().settle();
  return partitions();
}

describe('schema-driven fuzzing of every route', () => {
  it(
    `answers ${RUNS} generated requests below 500, writing nothing when it refuses (seed ${SEED})`,
    async () => {
      const cases = fc.sample(caseArbitrary(), { numRuns: RUNS, seed: SEED });
      const started = Date.now();
      const outcomes = await runPool(cases, CONCURRENCY, send);
      const seconds = (Date.now() - started) / 1000;
      const failures = cases
        .map((c, i) => ({ c, o: outcomes[i] as Outcome }))
        .filter(({ o }) => o.status >= 500 || (o.status >= 400 && o.writes.length > 0))
        .map(({ c, o }) => describeCase(c, o));
      const byStatus: Record<number, number> = {};
      for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
      console.info(`fuzz: ${RUNS} requests in ${seconds.toFixed(1)} s, seed ${SEED}, by status ${JSON.stringify(byStatus)}`);
      expect(failures.slice(0, 10), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
      // Valid requests must have got through too, or the fuzzing only ever tested validation.
      expect(outcomes.filter((o) => o.status < 300).length).toBeGreaterThan(RUNS / 20);
    },
    (RUNS / 20) * 1000 + 30_000,
  ); // 26 requests a second measured here with the load average at 20, a slow local service

  it('writes nothing for bodies the schemas refuse on every route that takes one: the fixtures read back the same', async () => {
    const refusedBySchema = (Object.keys(contract) as OperationId[]).flatMap((operationId) => {
      const operation = contract[operationId] as Operation;
      const schema = operation.body;
      if (!schema) return [];
      const hostileBodies = fc.oneof(
        malformedJson,
        mutated(arbitraryOf(jsonSchemaOf(schema))).map((v) => JSON.stringify(v) ?? 'null'),
      );
      const bodies = fc.sample(hostileBodies, { numRuns: REFUSED_PER_ROUTE, seed: SEED });
      const params = fc.sample(paramsArbitrary(operation), { numRuns: REFUSED_PER_ROUTE, seed: SEED });
      return bodies
        .map(
          (body, i): Case => ({
            operationId,
            caller: callerOf(operation),
            params: params[i] ?? {},
            query: {},
            body,
            contentType: 'application/json',
          }),
        )
        .filter((c) => !schema.safeParse(parsedOrUndefined(c.body)).success);
    });
    const before = await settledPartitions();
    const outcomes = await runPool(refusedBySchema, CONCURRENCY, send);
    expect(outcomes.map((o) => o.status).filter((status) => status < 400 || status >= 500)).toEqual([]);
    // Most of what is drawn is refused (a mutation the schema still takes is dropped above): every route gets some.
    const routesWithBodies = Object.values(contract).filter((o) => (o as Operation).body).length;
    expect(refusedBySchema.length).toBeGreaterThan((routesWithBodies * REFUSED_PER_ROUTE) / 2);
    expect(new Set(refusedBySchema.map((c) => c.operationId)).size).toBe(routesWithBodies);
    expect(await settledPartitions()).toBe(before);
  }, 120_000);
});
