import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { api, registerUnitWithHead, tokenFor } from './support';

/**
 * Reports commute: 50 at once on one item, from its lead and its co-unit, while another process burns a core
 * (the machine busy, as under load), all stand — 201 each (a 503 sent again, as a client does), the history
 * numbered 1..N with no gap, no report twice, and each unit's progress its latest report's.
 */
const tag = randomUUID().slice(0, 8);
const lead = `lead-${tag}`;
const co = `co-${tag}`;
const today = shanghaiDate(new Date());
const REPORTS = 50;

let office: string;
let leadToken: string;
let coToken: string;
let burner: ChildProcess | undefined;

beforeAll(async () => {
  office = await tokenFor('office');
  leadToken = await tokenFor('unit', lead);
  coToken = await tokenFor('unit', co);
  await registerUnitWithHead(office, { id: lead, name: '负载牵头县', kind: 'county' });
  await registerUnitWithHead(office, { id: co, name: '负载协办局', kind: 'department' });
});

afterAll(() => {
  burner?.kill('SIGKILL');
});

/** A report on a one-requirement item whose text differs from every other (no 纸面销号 flag between them). */
const reportBody = (i: number) => ({
  summary: `第${i}批次：${'甲乙丙丁戊己庚辛壬癸'.at(i % 10)}${'子丑寅卯辰巳午未申酉戌亥'.at(i % 12)}片区完成${(i * 37) % 1000}米管线敷设，编号${randomUUID()}`,
  percentComplete: i,
  answers: [{ requirement: 0, answer: `第${i}项进展，${randomUUID()}` }],
  // Sent at once, a unit's reports arrive in any order: a lower figure after a higher one is a fall, explained here.
  difficulties: `部分点位受雨季影响，进度数据以最新核实为准（${i}）`,
});

/** Refused retries (503, nothing written) this run needed: how busy the machine was, not a failure. */
let busyAnswers = 0;

/**
 * One report sent as the console sends it: under its own Idempotency-Key, and sent again after a 503 once its
 * Retry-After has passed (a 503 writes nothing; the key makes any repeat one report). How fast 50 go through on a
 * quiet machine is the concurrent-reports bench's to say; this test holds that none is lost or doubled, whatever
 * else the machine is running.
 */
async function reportAsAClientWould(id: string, i: number) {
  const headers = { 'idempotency-key': `load-${tag}-${i}` };
  for (let attempt = 1; ; attempt += 1) {
    const answer = await api('POST', `/items/${id}/reports`, { token: i % 2 ? coToken : leadToken, body: reportBody(i + 1), headers });
    if (answer.status !== 503 || attempt === 10) return answer;
    busyAnswers += 1;
    await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after'] ?? 1) * 1000));
  }
}

describe('50 concurrent reports on one item under CPU load', () => {
  it('all 201, history seq consecutive, progressByUnit each unit’s latest report', async () => {
    const created = await api('POST', '/items', {
      token: office,
      body: {
        title: '负载下的并发报送',
        source: 'work-report',
        sourceRef: '安政办发〔2014〕134号',
        leadUnit: lead,
        coUnits: [co],
        dueDate: addDays(today, 30),
        requirements: ['工作进展情况'],
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id as string;
    const ack = await api('POST', `/items/${id}/acknowledge`, { token: leadToken });
    expect(ack.status, ack.text).toBe(200);

    burner = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
    let answers: Awaited<ReturnType<typeof api>>[];
    try {
      answers = await Promise.all(Array.from({ length: REPORTS }, (_, i) => reportAsAClientWould(id, i)));
    } finally {
      burner.kill('SIGKILL');
      burner = undefined;
    }
    const statuses = answers.map((a) => a.status);
    expect(
      statuses,
      answers
        .filter((a) => a.status !== 201)
        .map((a) => `${a.status} ${a.text}`)
        .join('\n'),
    ).toEqual(Array(REPORTS).fill(201));

    if (busyAnswers > 0) console.info(`report-load: ${busyAnswers} answers were 503 (nothing written) and were sent again`);
    const item = (await api('GET', `/items/${id}`, { token: office })).json;
    const events: { seq: number; type: string; data: { reportId?: string; unitId?: string; percentComplete?: number } }[] = [];
    let cursor: string | undefined;
    do {
      const page = await api('GET', `/items/${id}/history?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        token: office,
      });
      expect(page.status, page.text).toBe(200);
      events.push(...page.json.items);
      cursor = page.json.cursor;
    } while (cursor);
    // Registered, acknowledged, then one event per report: 1..N with no gap, and the item's counters agree.
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: REPORTS + 2 }, (_, i) => i + 1));
    expect(item.version).toBe(REPORTS + 2);
    const submitted = events.filter((e) => e.type === 'report.submitted');
    expect(new Set(submitted.map((e) => e.data.reportId))).toEqual(new Set(answers.map((a) => a.json.id)));

    // Each unit's progress is its latest report's: the last of its events in history order.
    const latest: Record<string, number> = {};
    for (const e of submitted) latest[e.data.unitId as string] = e.data.percentComplete as number;
    expect(Object.keys(latest).sort()).toEqual([co, lead].sort());
    expect(item.progressByUnit).toEqual(latest);
    expect(item.percentComplete).toBe(submitted.at(-1)?.data.percentComplete);
    expect(item.status).toBe('in-progress');
  });
});
