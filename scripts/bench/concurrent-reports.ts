/**
 * concurrent-reports: 50 POST /items/{id}/reports at once on one item, from its lead and its co-unit, through
 * the local HTTP server (the handlers' 10 s function timeout), on a quiet machine and then with one process
 * burning a core beside it. Prints, per round, the count of each status (201, 409, 503, other 5xx) and the
 * p50/p95 latency, and checks what the ledger shows afterwards (history seq 1..N with no gap).
 *
 * BENCH_PROCESSES=8 BENCH_REPORTS=100 is issue 20's item 5: the reports spread over 8 API processes on one DynamoDB
 * Local (scripts/local/serve-api.ts), as over 8 Lambda containers, whose in-process queues cannot order them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { startApiProcesses, startChildSystem } from '../local/child-system';
import { issueToken } from '../local/tokens';
import { round } from './pool';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 50);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export async function concurrentReports(): Promise<Record<string, unknown>[]> {
  const { served, stop } = await startChildSystem();
  const more = PROCESSES > 1 ? await startApiProcesses(served, PROCESSES - 1) : undefined;
  const apiUrls = [served.apiUrl, ...(more?.urls ?? [])];
  let next = 0;
  const figures: Record<string, unknown>[] = [];
  try {
    const run = randomUUID().slice(0, 8);
    const lead = `bench-lead-${run}`;
    const co = `bench-co-${run}`;
    const office = await issueToken({ role: 'office', secret: served.jwtSecret, sub: 'bench-office' });
    const tokens = [
      await issueToken({ role: 'unit', unitId: lead, secret: served.jwtSecret }),
      await issueToken({ role: 'unit', unitId: co, secret: served.jwtSecret }),
    ];
    const send = async (method: string, path: string, token: string, body?: unknown) => {
      const started = performance.now();
      // Each request to the next process, as a load balancer spreads them over containers.
      const res = await fetch(apiUrls[next++ % apiUrls.length] + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, ms: performance.now() - started, json: text ? JSON.parse(text) : undefined };
    };
    for (const id of [lead, co]) {
      const body = {
        id,
        name: `基准单位-${id}`,
        kind: 'department',
        contacts: [{ name: '测试', email: `${id}@example.gov.cn`, role: 'head' }],
      };
      if ((await send('POST', '/units', office, body)).status !== 201) throw new Error(`unit ${id} not registered`);
    }

    const round50 = async (load: 'quiet' | 'loaded', n: number) => {
      const item = await send('POST', '/items', office, {
        title: `并发报送基准 ${load} ${n}`,
        source: 'work-report',
        sourceRef: '基准',
        leadUnit: lead,
        coUnits: [co],
        dueDate: addDays(shanghaiDate(new Date()), 30),
        requirements: ['工作进展情况'],
      });
      const id = item.json.id as string;
      await send('POST', `/items/${id}/acknowledge`, tokens[0]!);
      let burner: ChildProcess | undefined;
      if (load === 'loaded') burner = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: REPORTS }, (_, i) =>
          send('POST', `/items/${id}/reports`, tokens[i % 2]!, {
            summary: `第${i}份报送 ${randomUUID()}`,
            percentComplete: i + 1,
            answers: [{ requirement: 0, answer: `进展 ${randomUUID()}` }],
            // They arrive in any order: a lower figure after a higher one is a fall, which needs explaining.
            difficulties: `进度以最新核实为准 ${i}`,
          }),
        ),
      );
      const wallMs = performance.now() - started;
      burner?.kill('SIGKILL');
      const events: { seq: number }[] = [];
      for (let cursor: string | undefined, first = true; first || cursor; first = false) {
        const page = (await send('GET', `/items/${id}/history?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, office))
          .json;
        events.push(...(page.items as { seq: number }[]));
        cursor = page.cursor;
      }
      const gapless = events.every((e, i) => e.seq === i + 1);
      const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
      const count = (test: (s: number) => boolean) => answers.filter((a) => test(a.status)).length;
      const codes = answers.filter((a) => a.status >= 400).map((a) => `${a.status} ${a.json?.error?.code ?? ''}`);
      return {
        bench: 'concurrent-reports',
        processes: apiUrls.length,
        load,
        round: n,
        reports: REPORTS,
        created201: count((s) => s === 201),
        conflict409: count((s) => s === 409),
        busy503: count((s) => s === 503),
        other5xx: count((s) => s >= 500 && s !== 503),
        other4xx: count((s) => s >= 400 && s < 500 && s !== 409),
        refusals: Object.fromEntries([...new Set(codes)].map((c) => [c, codes.filter((x) => x === c).length])),
        p50ms: round(percentile(ms, 50)),
        p95ms: round(percentile(ms, 95)),
        wallMs: round(wallMs),
        events: events.length,
        historyGapless: gapless,
      };
    };
    for (const load of ['quiet', 'loaded'] as const) {
      for (let n = 1; n <= ROUNDS; n += 1) figures.push(await round50(load, n));
    }
  } finally {
    await more?.stop();
    await stop();
  }
  return figures;
}
