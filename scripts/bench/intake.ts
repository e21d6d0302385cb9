/**
 * intake: what HTTP, auth, validation and middleware cost on top of the
 * DynamoDB writes of one registration. 2,000 POST /items through the local
 * HTTP server at concurrency 16, against the same transaction (item, first
 * event, memberships, unit checks, idempotency record) sent straight to the
 * same warmed-up DynamoDB Local, and plain PutItem for context. The API
 * path also reads (the idempotency look-up, the units' existence); the raw
 * path is the writes alone, so the ratio is the whole cost of serving.
 */
import { DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { registrationParts } from '../../functions/adapters/dynamodb/item-repository';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import type { ItemRegistration } from '../../functions/domain/items';
import { newItem } from '../../functions/domain/registration';
import { IDEMPOTENCY_WINDOW_MS } from '../../functions/use-cases/idempotency';
import { startChildSystem } from '../local/child-system';
import { issueToken } from '../local/tokens';
import { poster, round, throughput } from './pool';

const ITEMS = 2000;
const WARM_UP = 200;
const CONCURRENCY = 16;

export async function intake(): Promise<Record<string, unknown>> {
  const { served, stop } = await startChildSystem();
  try {
    const token = await issueToken({ role: 'office', secret: served.jwtSecret, sub: 'bench-office' });
    const post = poster(served.apiUrl, token);
    const run = randomUUID().slice(0, 8);
    for (const id of [`bench-lead-${run}`, `bench-co-${run}`]) {
      await post(
        '/units',
        { id, name: '基准测试单位', kind: 'department', contacts: [{ name: '测试', email: `${id}@example.gov.cn`, role: 'head' }] },
        `unit-${id}`,
      );
    }
    const registration: ItemRegistration = {
      title: '基准测试：推进重点项目建设',
      description: '',
      source: 'work-report',
      sourceRef: '2026年《政府工作报告》',
      leadUnit: `bench-lead-${run}`,
      coUnits: [`bench-co-${run}`],
      dueDate: addDays(shanghaiDate(new Date()), 60),
      requirements: ['工程进度', '投资完成情况', '存在问题'],
      projectType: false,
      milestones: [],
    };

    // The API path: HTTP, token check, middy, zod, idempotency look-up and the transaction.
    const viaApi = (i: number) => post('/items', registration, `bench-api-${run}-${i}`);

    // The raw path: the very transaction one registration writes.
    const client = new DynamoDBClient({
      endpoint: served.dynamodbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const office = { sub: 'bench-office', role: 'office' as const };
    const raw = async (i: number) => {
      const now = new Date();
      const { item, event } = newItem(registration, { id: randomUUID(), actor: office, now });
      const idem = {
        scope: `bench|raw|${run}|${i}`,
        fingerprint: 'x',
        result: item,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS),
      };
      await client.send(
        new TransactWriteItemsCommand({ TransactItems: registrationParts(served.tableName, item, event, idem).map((p) => p.write) }),
      );
    };
    const put = async (i: number) => {
      const { item } = newItem(registration, { id: `put-${run}-${i}-${randomUUID()}`, actor: office, now: new Date() });
      await client.send(
        new PutItemCommand({ TableName: served.tableName, Item: toRecord({ PK: `BENCH#${item.id}`, SK: 'ITEM', ...item }) }),
      );
    };

    // Warm up both paths (JIT, connection pools, DynamoDB Local's own warm-up).
    await throughput(WARM_UP, CONCURRENCY, (i) => viaApi(-1 - i));
    await throughput(WARM_UP, CONCURRENCY, (i) => raw(-1 - i));
    await throughput(WARM_UP, CONCURRENCY, (i) => put(-1 - i));

    // Half of each path, alternating, so that neither gets the warmer (or fuller) DynamoDB Local.
    const half = ITEMS / 2;
    const rates = { raw: [] as number[], api: [] as number[] };
    for (let round = 0; round < 2; round += 1) {
      rates.raw.push(await throughput(half, CONCURRENCY, (i) => raw(round * half + i)));
      rates.api.push(await throughput(half, CONCURRENCY, (i) => viaApi(round * half + i)));
    }
    const harmonic = (r: number[]) => r.length / r.reduce((sum, x) => sum + 1 / x, 0);
    const rawPerSecond = harmonic(rates.raw);
    const apiPerSecond = harmonic(rates.api);
    const putPerSecond = await throughput(ITEMS, CONCURRENCY, put);
    client.destroy();
    return {
      bench: 'intake',
      items: ITEMS,
      concurrency: CONCURRENCY,
      apiPerSecond: round(apiPerSecond),
      rawPerSecond: round(rawPerSecond),
      ratio: round(apiPerSecond / rawPerSecond, 2),
      putPerSecond: round(putPerSecond),
    };
  } finally {
    await stop();
  }
}
