/**
 * chain-lag: how long after its write an item's history event is chained (issue 20, item 4: p99 ≤ 5 s locally).
 * The chain is written by the table's stream follower (locally the poller of DynamoDB Local's stream), not by
 * the request, so this is the time the tamper evidence trails the ledger. Ten items, two rounds of 100 reports
 * through the local HTTP server: `steady` at 10 a second, `burst` all at once. A watcher queries every item's
 * events every 50 ms and notes when each event first shows its hash; the lag is that moment less the event's
 * own time (`at`, written by the same machine's clock). Prints p50, p99 and the worst per round.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EVENT_PREFIX, itemKey } from '../../functions/adapters/dynamodb/keys';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { startChildSystem } from '../local/child-system';
import { issueToken } from '../local/tokens';
import { round } from './pool';

const ITEMS = 10;
const REPORTS = 100;
const POLL_MS = 50;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export async function chainLag(): Promise<Record<string, unknown>[]> {
  const { served, stop } = await startChildSystem();
  const db = new DynamoDBClient({
    endpoint: served.dynamodbEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const figures: Record<string, unknown>[] = [];
  try {
    const run = randomUUID().slice(0, 8);
    const lead = `lag-lead-${run}`;
    const office = await issueToken({ role: 'office', secret: served.jwtSecret, sub: 'bench-office' });
    const unit = await issueToken({ role: 'unit', unitId: lead, secret: served.jwtSecret });
    const send = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(served.apiUrl + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    };
    await send('POST', '/units', office, { id: lead, name: `链延迟单位-${run}`, kind: 'department' });

    for (const pace of ['steady', 'burst'] as const) {
      const items: string[] = [];
      for (let i = 0; i < ITEMS; i++) {
        const item = await send('POST', '/items', office, {
          title: `入链延迟基准 ${pace} ${i}`,
          source: 'work-report',
          sourceRef: '基准',
          leadUnit: lead,
          dueDate: addDays(shanghaiDate(new Date()), 30),
          requirements: ['工作进展情况'],
        });
        items.push(item.json.id as string);
        await send('POST', `/items/${item.json.id}/acknowledge`, unit);
      }
      // Events chained before the round (registration, 签收) are not its figures.
      const before = new Set<string>();
      const seen = new Map<string, number>();
      const watch = async () => {
        for (const itemId of items) {
          const { Items = [] } = await db.send(
            new QueryCommand({
              TableName: served.tableName,
              KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
              ExpressionAttributeValues: { ':pk': { S: itemKey(itemId).PK }, ':prefix': { S: EVENT_PREFIX } },
              ProjectionExpression: 'seq, #at, #hash',
              ExpressionAttributeNames: { '#at': 'at', '#hash': 'hash' },
            }),
          );
          for (const e of Items) {
            const key = `${itemId}#${e.seq?.N}`;
            if (e.hash?.S && !seen.has(key) && !before.has(key)) seen.set(key, Date.now() - Date.parse(e.at?.S ?? ''));
          }
        }
      };
      await watch();
      for (const key of seen.keys()) before.add(key);
      seen.clear();

      let watching = true;
      const watcher = (async () => {
        while (watching) {
          await watch();
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      })();
      const report = (i: number) =>
        send('POST', `/items/${items[i % ITEMS]}/reports`, unit, {
          summary: `第${i}份报送 ${randomUUID()}`,
          percentComplete: Math.min(100, i + 1),
          answers: [{ requirement: 0, answer: `进展 ${randomUUID()}` }],
          difficulties: `进度以最新核实为准 ${i}`,
        });
      const started = performance.now();
      const answers =
        pace === 'burst'
          ? await Promise.all(Array.from({ length: REPORTS }, (_, i) => report(i)))
          : await Promise.all(
              Array.from({ length: REPORTS }, (_, i) => new Promise((resolve) => setTimeout(resolve, i * 100)).then(() => report(i))),
            );
      const created = answers.filter((a) => a.status === 201).length;
      // Until every report's event is chained, or 60 s.
      const deadline = Date.now() + 60_000;
      while (seen.size < created && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      watching = false;
      await watcher;
      const lags = [...seen.values()].sort((a, b) => a - b);
      figures.push({
        bench: 'chain-lag',
        pace,
        reports: REPORTS,
        created,
        chained: lags.length,
        seconds: round((performance.now() - started) / 1000, 1),
        p50Ms: round(percentile(lags, 50)),
        p99Ms: round(percentile(lags, 99)),
        maxMs: round(lags.at(-1) ?? 0),
        pollMs: POLL_MS,
      });
    }
  } finally {
    db.destroy();
    await stop();
  }
  return figures;
}
