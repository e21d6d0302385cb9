/**
 * Issue 20, item 7: every write answered 2xx survives a kill -9 of the whole local system. A system keeping its
 * data in a folder (as `npm start` does) gets 200 reports on one item, ten at a time (so they go in group
 * commits), and is killed with SIGKILL, all its processes at once, the moment a random one of the answers arrives;
 * started again on the same folder, it must hold every report it answered 201, and nothing half-written.
 *
 * Before the commit barrier (scripts/local/commit-barrier.ts) the last group commit answered was lost, whole.
 * `DURABLE_SEED=N` replays a run whose seed a failure printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startChildSystem } from '../../scripts/local/child-system';
import { issueToken } from '../../scripts/local/tokens';

const REPORTS = 200;
const AT_ONCE = 10;
const seed = Number(process.env.DURABLE_SEED) || Math.floor(Math.random() * 2 ** 31);
/** The answer after which the system is killed: any of them but the first and last few. */
const killAfter = 10 + (seed % (REPORTS - 20));

const dataDir = mkdtempSync(join(tmpdir(), 'ducha-durable-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Answer = { status: number; json: any };

function client(apiUrl: string) {
  return async (method: string, path: string, token: string, body?: unknown): Promise<Answer> => {
    const res = await fetch(apiUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
}

/** Every page of a listing. */
async function all(send: ReturnType<typeof client>, path: string, token: string) {
  const rows: any[] = [];
  let cursor: string | undefined;
  do {
    const page = await send('GET', `${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    expect(page.status).toBe(200);
    rows.push(...page.json.items);
    cursor = page.json.cursor;
  } while (cursor);
  return rows;
}

it(`keeps every report answered 201 across a kill -9 of the whole system (seed ${seed}: killed at answer ${killAfter})`, async () => {
  const lead = 'durable-lead';
  const first = await startChildSystem({ dataDir, killable: true });
  let itemId = '';
  const answered: string[] = [];
  try {
    const send = client(first.served.apiUrl);
    const office = await issueToken({ role: 'office', secret: first.served.jwtSecret });
    const unit = await issueToken({ role: 'unit', unitId: lead, secret: first.served.jwtSecret });
    const contacts = [{ name: '测试', email: 'head@durable.example.gov.cn', role: 'head' }];
    expect((await send('POST', '/units', office, { id: lead, name: '持久性测试单位', kind: 'department', contacts })).status).toBe(201);
    const item = await send('POST', '/items', office, {
      title: '应答即落盘',
      source: 'work-report',
      sourceRef: '问题20第7项',
      leadUnit: lead,
      dueDate: '2030-12-31',
      requirements: ['工作进展情况'],
    });
    expect(item.status).toBe(201);
    itemId = item.json.id;
    expect((await send('POST', `/items/${itemId}/acknowledge`, unit)).status).toBe(200);

    let next = 0;
    let killed: Promise<void> | undefined;
    const sender = async () => {
      while (next < REPORTS && !killed) {
        const n = next++;
        const report = {
          summary: `第${n + 1}次报送`,
          percentComplete: 1 + (n % 99),
          answers: [{ requirement: 0, answer: `进展 ${n + 1}` }],
          // They arrive in any order: a lower figure after a higher one is a fall, which needs explaining.
          difficulties: `以最新核实为准 ${n + 1}`,
        };
        const answer = await send('POST', `/items/${itemId}/reports`, unit, report).catch(() => undefined);
        if (answer === undefined) continue; // cut off by the kill: no answer, no promise made
        expect(answer.status, JSON.stringify(answer.json)).toBe(201);
        answered.push(answer.json.id);
        // At once, in the same turn: the next answers may be on their way.
        if (answered.length === killAfter) killed = first.kill();
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, sender));
    expect(killed).toBeDefined();
    await killed;
  } finally {
    await first.kill();
  }

  const again = await startChildSystem({ dataDir, killable: true });
  try {
    const send = client(again.served.apiUrl);
    const office = await issueToken({ role: 'office', secret: again.served.jwtSecret });
    const reports = await all(send, `/items/${itemId}/reports`, office);
    const history = await all(send, `/items/${itemId}/history`, office);
    const item = (await send('GET', `/items/${itemId}`, office)).json;

    // Every answer given holds (what was in flight may or may not have been written: it was never answered).
    const stored = new Set(reports.map((r) => r.id as string));
    expect(answered.filter((id) => !stored.has(id))).toEqual([]);
    // Nothing half-written: each report with its event and each event with its report, the history without a gap,
    // the item's version and progress those of its last event.
    const submitted = history.filter((e) => e.type === 'report.submitted');
    expect(submitted.map((e) => e.data.reportId).sort()).toEqual([...stored].sort());
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    expect(item.version).toBe(history.length);
    expect(item.percentComplete).toBe(submitted.at(-1)?.data.percentComplete);
  } finally {
    await again.stop();
  }
}, 240_000);
