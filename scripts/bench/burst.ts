/**
 * burst: the issue's 150 concurrent registrations (issue 20): 150 new units, then one POST /items each, all at
 * once, through the local HTTP server (the handlers' 10 s function timeout); on a quiet machine, then with one
 * process burning a core beside it. Prints the count of each status and the p50/p95 latency per round.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { startChildSystem } from '../local/child-system';
import { issueToken } from '../local/tokens';
import { round } from './pool';

const REGISTRATIONS = 150;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export async function burst(): Promise<Record<string, unknown>[]> {
  const { served, stop } = await startChildSystem();
  const figures: Record<string, unknown>[] = [];
  try {
    const office = await issueToken({ role: 'office', secret: served.jwtSecret, sub: 'bench-office' });
    const send = async (path: string, body: unknown) => {
      const started = performance.now();
      const res = await fetch(served.apiUrl + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, ms: performance.now() - started, code: res.status >= 400 ? JSON.parse(text)?.error?.code : undefined };
    };
    for (const load of ['quiet', 'loaded'] as const) {
      const run = randomUUID().slice(0, 8);
      const units = Array.from({ length: REGISTRATIONS }, (_, i) => `burst-${run}-${i}`);
      // The units first, ten at a time: the burst is of registrations, each naming a unit with a contact (mail on).
      for (let i = 0; i < units.length; i += 10) {
        await Promise.all(
          units.slice(i, i + 10).map((id) =>
            send('/units', {
              id,
              name: `突发单位-${id}`,
              kind: 'department',
              contacts: [{ name: '测试', email: `${id}@example.gov.cn`, role: 'head' }],
            }),
          ),
        );
      }
      let burner: ChildProcess | undefined;
      if (load === 'loaded') burner = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
      const started = performance.now();
      const answers = await Promise.all(
        units.map((leadUnit) =>
          send('/items', {
            title: `突发登记基准 ${leadUnit}`,
            source: 'work-report',
            sourceRef: '基准',
            leadUnit,
            dueDate: addDays(shanghaiDate(new Date()), 30),
            requirements: ['工作进展情况'],
          }),
        ),
      );
      const wallMs = performance.now() - started;
      burner?.kill('SIGKILL');
      const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
      const codes = answers.filter((a) => a.status >= 400).map((a) => `${a.status} ${a.code ?? ''}`);
      figures.push({
        bench: 'burst',
        load,
        registrations: REGISTRATIONS,
        created201: answers.filter((a) => a.status === 201).length,
        refusals: Object.fromEntries([...new Set(codes)].map((c) => [c, codes.filter((x) => x === c).length])),
        p50ms: round(percentile(ms, 50)),
        p95ms: round(percentile(ms, 95)),
        wallMs: round(wallMs),
      });
    }
  } finally {
    await stop();
  }
  return figures;
}
