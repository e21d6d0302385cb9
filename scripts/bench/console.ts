/**
 * console: what the web console costs a person opening the ledger board.
 * - jsGzipKB: the JavaScript the board's first visit downloads (entry,
 *   shared chunks and the board's own), each file gzipped as a server would
 *   send it. The other roles' pages, the forms and the charts are not in it.
 * - firstBoardMs: from navigation (a fresh browser profile: nothing cached)
 *   until the board shows its first page of 50 rows, in headless Chromium,
 *   over a 1,000-item ledger; the median of RUNS visits.
 * - apiListMs: the same `GET /items?limit=50` alone, from Node; the median.
 * The goal is a board within 3× the bare API call. A first visit also
 * fetches, parses and runs the JavaScript, which a 15 ms API call cannot
 * cover, so two more figures tell the board's own cost apart:
 * - boardRepeatMs: a later visit in the same browser (assets cached);
 * - boardInAppMs: from a click on 督查台账 in the menu, the console already
 *   open on another page and settled there (no request for half a second, as
 *   a person reads a page before moving on), until the 50 rows show.
 * - boardInAppInPageMs: the same, timed inside the page (the DOM's click, then frames until the rows show),
 *   without the driver's round trips and polling; boardAgainInPageMs, the board's second arrival in that
 *   document (its code has run once there).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import type { Source } from '../../functions/domain/items';
import { projectRoot } from '../local/defaults';
import { startChildSystem } from '../local/child-system';
import { issueToken } from '../local/tokens';

import { poster, round, throughput } from './pool';

const ITEMS = 1000;
const PAGE = 50;
const RUNS = 5;
const API_CALLS = 21;
const SOURCES: Source[] = ['work-report', 'meeting-decision', 'npc-suggestion', 'cppcc-proposal', 'leader-instruction', 'media-report'];

/** A CPU profile's self time by function (name and file), the top 20: where an in-app visit's script time goes. */
function hotFunctions(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return Object.fromEntries(
    [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([k, v]) => [k, round(v, 1)]),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function consoleBench(): Promise<Record<string, unknown>> {
  // The board measured is the current one.
  const built = spawnSync(process.execPath, ['scripts/ensure-console.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the console did not build');

  const { served, stop } = await startChildSystem();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const token = await issueToken({ role: 'office', secret: served.jwtSecret, sub: 'bench-office' });
    const post = poster(served.apiUrl, token);

    // A city's ledger: 20 units, 1,000 items with deadlines over the coming year.
    const units = Array.from({ length: 20 }, (_, i) => `bench-unit-${String(i + 1).padStart(2, '0')}`);
    for (const id of units) {
      await post('/units', { id, name: `第${id.slice(-2)}责任单位`, kind: 'department', contacts: [] }, `unit-${id}`);
    }
    const today = shanghaiDate(new Date());
    await throughput(ITEMS, 16, (i) =>
      post(
        '/items',
        {
          title: `基准测试事项 ${i + 1}：推进重点项目建设`,
          description: '',
          source: SOURCES[i % SOURCES.length],
          sourceRef: `基准〔2026〕${i + 1}号`,
          leadUnit: units[i % units.length],
          coUnits: [units[(i + 1) % units.length]],
          dueDate: addDays(today, 1 + (i % 360)),
          requirements: ['工程进度', '资金到位情况'],
          projectType: false,
          milestones: [],
        },
        `bench-item-${i}`,
      ),
    );

    // Each registration's consequences (its 派发 mail, its chain link) follow from the table's stream: measured while
    // 1,000 of them were still being followed, the board and the API shared the machine with that work (API 47-54 ms
    // against 10.5). A last item, registered after the others, is chained once the stream has caught up with them all.
    const marker = `bench-marker-${Date.now()}`;
    const res = await fetch(`${served.apiUrl}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': marker },
      body: JSON.stringify({
        title: '基准测试：数据已全部写入',
        source: 'work-report',
        sourceRef: '基准〔2026〕末号',
        leadUnit: units[0],
        dueDate: addDays(today, 364),
        requirements: ['进度'],
      }),
    });
    if (res.status !== 201) throw new Error(`the marker item: ${res.status} ${await res.text()}`);
    const { id: markerId } = (await res.json()) as { id: string };
    const caughtUp = Date.now() + 300_000;
    for (;;) {
      const verify = await fetch(`${served.apiUrl}/items/${encodeURIComponent(markerId)}/history/verify`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { events, chained } = (await verify.json()) as { events: number; chained: number };
      if (events > 0 && chained === events) break;
      if (Date.now() > caughtUp) throw new Error('the ledger stream did not catch up with the seeded items in 5 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }

    // The board's first request, alone.
    const list = async () => {
      const started = performance.now();
      const res = await fetch(`${served.apiUrl}/items?limit=${PAGE}`, { headers: { authorization: `Bearer ${token}` } });
      const page = (await res.json()) as { items: unknown[] };
      if (page.items.length !== PAGE) throw new Error(`GET /items gave ${page.items.length} items`);
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i += 1) await list();
    const apiTimes: number[] = [];
    for (let i = 0; i < API_CALLS; i += 1) apiTimes.push(await list());

    // The board, in a fresh profile each time (nothing cached), signed in as the office.
    const boardTimes: number[] = [];
    const repeatTimes: number[] = [];
    const inAppTimes: number[] = [];
    const inPageTimes: number[] = [];
    const againTimes: number[] = [];
    let hottest: Record<string, number> | undefined;
    let scripts = new Set<string>();
    const rowsShown = `document.querySelectorAll('.ant-table-row').length >= ${PAGE}`;
    for (let run = 0; run <= RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      // Signed in already (as the local sign-in page leaves it); strings, as this file is not compiled for the DOM.
      await context.addInitScript({ content: `localStorage.setItem('ducha.local.idToken', ${JSON.stringify(token)});` });
      const page = await context.newPage();
      const loaded = new Set<string>();
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        if (path.startsWith('/console/assets/') && path.endsWith('.js')) loaded.add(path);
      });
      await page.goto(`${served.apiUrl}/console/office/board`);
      await page.waitForFunction(rowsShown, undefined, { polling: 'raf' });
      const shownAt = (await page.evaluate('performance.now()')) as number;
      scripts = new Set(loaded);

      // Again, with the browser's cache: the console's files are cached for good (hashed names).
      await page.goto(`${served.apiUrl}/console/office/board`);
      await page.waitForFunction(rowsShown, undefined, { polling: 'raf' });
      const repeatAt = (await page.evaluate('performance.now()')) as number;

      // From another page of the console to the board, as a person moves around in it: once the page they read has
      // settled (its requests done, and the board's warm-up with them: components/BoardWarmUp.tsx).
      await page.goto(`${served.apiUrl}/console/office/units`);
      await page.locator('.ant-table-row').first().waitFor();
      await page.waitForLoadState('networkidle');
      const traced = run === RUNS && process.env.BENCH_TRACE === '1';
      const cdp = traced ? await context.newCDPSession(page) : undefined;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const clickedAt = (await page.evaluate('performance.now()')) as number;
      await page.getByRole('link', { name: '督查台账' }).click();
      await page.waitForFunction(rowsShown, undefined, { polling: 'raf' });
      const inAppAt = (await page.evaluate('performance.now()')) as number;
      if (cdp) hottest = hotFunctions((await cdp.send('Profiler.stop')).profile);

      // The same arrival timed inside the page: from the click (the DOM's) until a frame shows the rows, without
      // the driver's own round trips (its click waits for the link to be stable and visible; its polling answers late).
      await page.goto(`${served.apiUrl}/console/office/units`);
      await page.locator('.ant-table-row').first().waitFor();
      await page.waitForLoadState('networkidle');
      const arrive = () =>
        page.evaluate(`new Promise((done) => {
        const link = [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === '督查台账');
        const start = performance.now();
        link.click();
        const look = () => (${rowsShown} ? done(performance.now() - start) : requestAnimationFrame(look));
        requestAnimationFrame(look);
      })`) as Promise<number>;
      const inPage = await arrive();
      // And once more in the same document, after another page: the board's code has run once here, its first page
      // of items is cached (the query's 15 s).
      await page.getByRole('link', { name: '责任单位' }).click();
      await page.locator('.ant-table-row').first().waitFor();
      const again = await arrive();

      // The first visit warms the server's file cache and DynamoDB Local: not counted.
      if (run > 0) {
        boardTimes.push(shownAt);
        repeatTimes.push(repeatAt);
        inAppTimes.push(inAppAt - clickedAt);
        inPageTimes.push(inPage);
        againTimes.push(again);
      }
      await context.close();
    }
    const dist = join(projectRoot, 'console', 'dist');
    const gzipped = [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join(dist, path.slice('/console/'.length)))).length, 0);
    const firstBoardMs = median(boardTimes);
    const apiListMs = median(apiTimes);
    return {
      bench: 'console',
      jsGzipKB: round(gzipped / 1024, 1),
      boardItems: ITEMS,
      firstBoardMs: round(firstBoardMs),
      apiListMs: round(apiListMs, 1),
      jsFiles: scripts.size,
      boardRepeatMs: round(median(repeatTimes)),
      boardInAppMs: round(median(inAppTimes)),
      boardInAppInPageMs: round(median(inPageTimes)),
      boardAgainInPageMs: round(median(againTimes)),
      inAppOverApi: round(median(inAppTimes) / apiListMs, 1),
      // BENCH_TRACE=1: the renderer's main thread during the last in-app visit, ms by kind of work.
      ...(hottest ? { inAppHottestMs: hottest } : {}),
    };
  } finally {
    await browser.close();
    await stop();
  }
}
