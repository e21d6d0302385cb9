/**
 * Issue 20, item 5: concurrent reports on one item from separate processes all succeed. The local API runs as 8
 * processes on one DynamoDB Local (scripts/local/serve-api.ts beside the system's own), as 8 Lambda containers
 * would; 100 reports at once, from the lead and a co-unit, spread over them. Every one is answered 201, and the
 * item's history holds each report once, in seq order with no gap. No process's own queue can order what the
 * others write: only the history counter's condition does (item-repository.ts).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { startApiProcesses, startChildSystem } from '../../scripts/local/child-system';
import { issueToken } from '../../scripts/local/tokens';

const PROCESSES = 8;
const REPORTS = 100;

it(`takes ${REPORTS} concurrent reports on one item over ${PROCESSES} API processes: all 201, the history whole and in order`, async () => {
  const { served, stop } = await startChildSystem();
  const more = await startApiProcesses(served, PROCESSES - 1);
  try {
    const urls = [served.apiUrl, ...more.urls];
    let next = 0;
    const send = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(urls[next++ % urls.length] + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    };
    const office = await issueToken({ role: 'office', secret: served.jwtSecret });
    const [lead, co] = ['containers-lead', 'containers-co'];
    for (const id of [lead, co]) {
      const unit = { id, name: `并发单位-${id}`, kind: 'department', contacts: [] };
      expect((await send('POST', '/units', office, unit)).status).toBe(201);
    }
    const tokens = await Promise.all([lead, co].map((unitId) => issueToken({ role: 'unit', unitId, secret: served.jwtSecret })));
    const item = await send('POST', '/items', office, {
      title: '跨容器并发报送',
      source: 'work-report',
      sourceRef: '测试',
      leadUnit: lead,
      coUnits: [co],
      dueDate: addDays(shanghaiDate(new Date()), 30),
      requirements: ['工作进展情况'],
    });
    expect(item.status).toBe(201);
    const id = item.json.id as string;
    expect((await send('POST', `/items/${id}/acknowledge`, tokens[0]!)).status).toBeLessThan(300);

    const summaries = Array.from({ length: REPORTS }, (_, i) => `第${i + 1}份 ${randomUUID()}`);
    const answers = await Promise.all(
      summaries.map((summary, i) =>
        send('POST', `/items/${id}/reports`, tokens[i % 2]!, {
          summary,
          percentComplete: 10,
          answers: [{ requirement: 0, answer: '进展正常' }],
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(summaries.map(() => 201));

    /** Every page of one of the item's listings. */
    const all = async <T>(listing: string, limit: number): Promise<T[]> => {
      const rows: T[] = [];
      let cursor: string | undefined;
      do {
        const page = await send(
          'GET',
          `/items/${id}/${listing}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          office,
        );
        expect(page.status).toBe(200);
        rows.push(...page.json.items);
        cursor = page.json.cursor;
      } while (cursor);
      return rows;
    };
    const events = await all<{ seq: number; type: string }>('history', 100);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: REPORTS + 2 }, (_, i) => i + 1));
    expect(events.filter((e) => e.type === 'report.submitted')).toHaveLength(REPORTS);
    const reports = await all<{ summary: string }>('reports', 50);
    expect(reports.map((r) => r.summary).sort()).toEqual([...summaries].sort());
  } finally {
    await more.stop();
    await stop();
  }
}, 120_000);
