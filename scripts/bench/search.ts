/**
 * search: what a text search (`GET /items?q=`) costs as the open ledger
 * grows, 1,000 → 5,000 → 20,000 open items, on DynamoDB Local in memory.
 * The search reads the ledger's index and matches in the function (no search
 * engine), so its worst case is a word found nowhere: every row is read.
 *
 * Each figure is the median of RUNS calls of the items handler (the module
 * Lambda runs), with an office token's claims and a page of 50:
 * - `missMs`: a word in no item (the whole ledger read, an empty page), and
 *   `missFastestMs`, its fastest run;
 * - `rareMs`: a word in about 1 % of the items (the first page of matches);
 * - `commonMs`: a word in about half of them (the first page comes at once);
 * - `rareOpenMs`: the rare word with `status=in-progress`, through the
 *   open-items index (its rows lack the description, so each candidate item
 *   is fetched whole before it is matched);
 * - `plainMs`: the first page with no q, for comparison;
 * - `matchMs`: the matching alone, every item against the missing word in
 *   memory: what the function spends of `missMs`, the rest being the reads.
 * Items carry a title, a source reference and a description of about 150
 * Chinese characters, as the notice's items do.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { matches } from '../../functions/adapters/dynamodb/item-query';
import { itemIndexes, itemKey } from '../../functions/adapters/dynamodb/keys';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { sources, type Item } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';
import { applyLocalAwsEnv, LOCAL_REGION, LOCAL_TABLE_NAME, localAwsEnv } from '../local/defaults';
import { ensureLedgerTable, startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/ports';
import { round } from './pool';
import { batchWrite, prng } from './seeding';

const SIZES = [1_000, 5_000, 20_000];
const RUNS = 7;
const PAGE = 50;
const RARE = '供水管网';
const COMMON = '推进';
const MISSING = '无此字样';

const WORKS = ['重点项目建设', '营商环境优化', '民生实事', '生态环境整治', '乡村振兴', '老旧小区改造', '产业园区配套', '教育医疗补短板'];
const DESCRIPTION =
  '按照市政府常务会议部署，明确责任分工，细化工作措施，倒排工期、挂图作战，确保按期完成各项目标任务。' +
  '牵头单位每月报送工作进展，协办单位密切配合，督查室跟踪督办，对进度滞后的及时预警，对推诿扯皮的按规定通报。';

export async function search(): Promise<Record<string, unknown>[]> {
  const db = await startDynamoDbLocal({ port: await freePort() });
  try {
    await ensureLedgerTable(db.endpoint, LOCAL_TABLE_NAME);
    applyLocalAwsEnv(localAwsEnv({ dynamodbEndpoint: db.endpoint, sesUrl: 'http://127.0.0.1:9', tableName: LOCAL_TABLE_NAME }));
    const client = new DynamoDBClient({
      endpoint: db.endpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 10,
    });
    // Imported once the environment points at DynamoDB Local, as Lambda would load it.
    const { handler } = await import('../../functions/http/items');
    const list = async (query: Record<string, string>) => {
      const started = performance.now();
      const res = (await handler(officeEvent({ ...query, limit: String(PAGE) }), {} as never)) as APIGatewayProxyResult;
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`GET /items answered ${res.statusCode}: ${res.body}`);
      return { ms, found: (JSON.parse(res.body) as { items: unknown[] }).items.length };
    };
    // The machine may be shared: the median, and the fastest run as the least disturbed one.
    const median = async (query: Record<string, string>) => {
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await list(query));
      const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
      return { ms: round(sorted[Math.floor(RUNS / 2)]!), fastest: round(sorted[0]!), found: runs[0]!.found };
    };

    const r = prng(20261129);
    const now = new Date();
    const today = shanghaiDate(now);
    const office = { sub: 'bench-office', role: 'office' as const };
    let seeded = 0;
    let rare = 0;
    const sample: Item[] = [];
    const figures: Record<string, unknown>[] = [];
    for (const size of SIZES) {
      function* writes(): Generator<WriteRequest> {
        for (; seeded < size; seeded += 1) {
          const hit = r.next() < 0.01;
          if (hit) rare += 1;
          const work = r.pick(WORKS);
          const { item } = newItem(
            {
              title: `${r.next() < 0.5 ? COMMON : '落实'}第${seeded + 1}项${work}${hit && r.next() < 0.5 ? `（${RARE}改造）` : ''}`,
              description: `${DESCRIPTION}${hit ? `本项涉及城区${RARE}。` : ''}`,
              source: r.pick(sources),
              sourceRef: `${r.int(2024, 2026)}年《政府工作报告》`,
              leadUnit: `unit-${r.int(1, 98)}`,
              coUnits: [],
              dueDate: addDays(today, r.int(1, 365)),
              requirements: ['工作进展', '存在问题', '下步打算'],
              projectType: false,
              milestones: [],
            },
            { id: randomUUID(), actor: office, now },
          );
          const open = { ...item, status: r.pick(['assigned', 'acknowledged', 'in-progress'] as const) };
          sample.push(open);
          yield { PutRequest: { Item: toRecord({ ...itemKey(open.id), ...itemIndexes(open), entity: 'item', ...open }) } };
        }
      }
      const seedStarted = performance.now();
      await batchWrite(client, LOCAL_TABLE_NAME, writes(), 8);
      console.error(
        `search: ${size} open items (${rare} hold ${RARE}), seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
      );

      // Warm the handler and DynamoDB Local's JIT: the first passes over a table are several times slower.
      for (let i = 0; i < 3; i += 1) await list({ q: MISSING });
      const miss = await median({ q: MISSING });
      const rareFirst = await median({ q: RARE });
      const common = await median({ q: COMMON });
      const rareOpen = await median({ q: RARE, status: 'in-progress' });
      const plain = await median({});
      const matchMs = matchingAlone(sample, MISSING);
      if (miss.found !== 0 || rareFirst.found !== Math.min(PAGE, rare) || common.found !== PAGE) {
        throw new Error(`unexpected matches: ${JSON.stringify({ miss, rareFirst, common })}`);
      }
      figures.push({
        bench: 'search',
        openItems: size,
        pageSize: PAGE,
        rareMatches: rare,
        missMs: miss.ms,
        missFastestMs: miss.fastest,
        rareMs: rareFirst.ms,
        commonMs: common.ms,
        rareOpenMs: rareOpen.ms,
        plainMs: plain.ms,
        matchMs: round(matchMs, 1),
        missItemsPerSecond: round((size / miss.ms) * 1000),
      });
    }
    client.destroy();
    return figures;
  } finally {
    await db.stop();
  }
}

/** Every item matched against a word, in memory, as the listing does after reading (median of RUNS passes). */
function matchingAlone(items: readonly Item[], word: string): number {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    let found = 0;
    for (const item of items) if (matches(item, { q: word }, '2026-01-01')) found += 1;
    runs.push(performance.now() - started);
    if (found !== 0) throw new Error(`${word} found ${found} times`);
  }
  return runs.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

function officeEvent(query: Record<string, string>): APIGatewayProxyEvent {
  return {
    httpMethod: 'GET',
    path: '/items',
    resource: '/items',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { authorizer: { claims: { sub: 'bench-office', 'cognito:groups': 'office' } } } as never,
  };
}
