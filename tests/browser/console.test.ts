/**
 * The console in a real browser against the real local system: one whole
 * life of an item through three roles' pages, and what each role must not
 * reach. Every main page is photographed into test-results/console/.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import {
  apiAs,
  baseUrl,
  confirmation,
  expectChinese,
  launch,
  newSession,
  pick,
  failureScreenshot,
  screenshot,
  type Session,
  signIn,
  signOut,
  settled,
  postAs,
  typeDate,
  unreadable,
  visit,
} from './support';

let browser: Browser;
let s: Session;

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser);
});
afterAll(async () => {
  await browser?.close();
});
// A failed step leaves a picture of the page it failed on.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && s) await failureScreenshot(s.page, `${task.name.slice(0, 40)}`);
});

const today = shanghaiDate(new Date());
// Digits: the titles it makes are read by the scan below, which allows no English word.
const tag = String(Math.floor(Math.random() * 90_000) + 10_000);
const title = `浏览器测试：完善汉滨区城市排水设施 ${tag}`;
let itemId = '';

interface Item {
  id: string;
  status: string;
  title: string;
  leaderInCharge?: string;
  reportEveryDays?: number;
}

describe('one life of an item, through the office, the unit and the inspector', () => {
  it('the office registers it; the API’s refusal is shown on the field, and what was typed stays', async () => {
    const { page } = s;
    await signIn(page, { role: 'office' });
    await page.getByRole('heading', { name: '督查台账' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, '01-office-board');

    await page.getByRole('link', { name: '立项派发' }).first().click();
    await page.getByRole('heading', { name: '立项派发' }).waitFor();
    await page.locator('#title').fill(title);
    await pick(page, page.locator('#source'), '政府工作报告');
    await page.locator('#sourceRef').fill('2026年《政府工作报告》');
    await page.locator('#description').fill('城区排水管网雨污分流改造，汛期前完成主干管。');
    await pick(page, page.locator('#leadUnit'), '汉滨区人民政府');
    // 协办单位 by typing (the 牵头单位's closed list holds the same names): Enter takes the one left.
    await page.locator('#coUnits').click();
    await page.locator('#coUnits').pressSequentially('住房和城乡');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '市住房和城乡建设局' })
      .last()
      .click();
    await page.keyboard.press('Escape');
    await pick(page, page.locator('#leaderInCharge'), '李副市长');
    // Dates as people type them: a day that does not exist is refused with the reason, not silently erased; 年月日 is taken.
    await typeDate(page.locator('#dueDate'), '2026年2月30日');
    await page.getByRole('alert').filter({ hasText: '无法识别“2026年2月30日”' }).waitFor();
    const [y, m, d] = addDays(today, 30).split('-');
    await typeDate(page.locator('#dueDate'), `${y}年${Number(m)}月${Number(d)}日`);
    await expect(page.locator('#dueDate').inputValue()).resolves.toBe(addDays(today, 30));
    await page.locator('#reportEveryDays').fill('14');
    await page.locator('#requirements_0').fill('工程进度');
    await page.getByRole('button', { name: '添加督办要求' }).click();
    await page.locator('#requirements_1').fill('资金到位情况');
    await page.getByRole('button', { name: '添加时间节点' }).click();
    await page.locator('#milestones_0_title').fill('完成主体工程');
    // After the deadline: the API refuses (422) and names milestones.0.dueDate.
    await typeDate(page.locator('#milestones_0_dueDate'), addDays(today, 45).replaceAll('-', ''));
    await page.getByRole('button', { name: '立项并派发' }).click();

    await page.locator('.ant-alert-error', { hasText: '未能立项' }).waitFor();
    const milestoneItem = page.locator('.ant-form-item', { has: page.locator('#milestones_0_dueDate') });
    await expect(milestoneItem.locator('.ant-form-item-explain-error').textContent()).resolves.toBeTruthy();
    await expect(page.locator('#title').inputValue()).resolves.toBe(title);
    await screenshot(page, '02-office-register-refused');

    await typeDate(page.locator('#milestones_0_dueDate'), addDays(today, 20).replaceAll('-', '/'));
    await page.getByRole('button', { name: '立项并派发' }).click();
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    itemId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(itemId).not.toBe('');
    const item = await apiAs<Item>('office', `/items/${encodeURIComponent(itemId)}`);
    expect(item).toMatchObject({ title, status: 'assigned', leaderInCharge: 'vice-mayor-li', reportEveryDays: 14 });
    // 分管领导 by name on the item's page and on the board, never by the leaderId.
    await page.locator('.ant-descriptions-item', { hasText: '分管领导' }).getByText('李副市长').waitFor();
    await screenshot(page, '03-office-item');
    await page.getByRole('link', { name: '督查台账' }).first().click();
    await pick(page, page.getByRole('combobox', { name: '分管领导' }), '李副市长');
    const row = page.locator('.ant-table-row', { hasText: title });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('李副市长');
    await screenshot(page, '03b-office-board-leader');
    await signOut(page);
  });

  it('the unit signs for it, is refused a report that leaves a requirement out, then reports', async () => {
    const { page } = s;
    await signIn(page, { unitName: '汉滨区人民政府' });
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
    const row = page.locator('.ant-table-row', { hasText: title });
    await row.getByRole('button', { name: '签收' }).click();
    await page.locator('.ant-message', { hasText: '已签收' }).waitFor();
    await row.getByRole('button', { name: '报送进展' }).waitFor();
    await screenshot(page, '04-unit-inbox');

    await row.getByRole('button', { name: '报送进展' }).click();
    await page.getByRole('heading', { name: `报送进展：${title}` }).waitFor();
    await page.locator('#answers_0').fill('主体管网已铺设 8 公里');
    await page.locator('#summary').fill('工程按计划推进，雨污分流改造完成过半。');
    await page.locator('#percentComplete').fill('55');
    await page.getByRole('button', { name: '提交报送' }).click();
    const second = page.locator('.ant-form-item', { has: page.locator('#answers_1') });
    await second.locator('.ant-form-item-explain-error', { hasText: '不得漏项掉项' }).waitFor();
    await screenshot(page, '05-unit-report-refused');
    // Refused on the page: nothing reached the API.
    await expect(apiAs<{ items: unknown[] }>('office', `/items/${encodeURIComponent(itemId)}/reports`)).resolves.toMatchObject({
      items: [],
    });

    // 报送内容 (the notice's rules against empty words): a warning under the answer as it is typed, the words
    // underlined; a concrete answer takes it away. It never blocks the report.
    const note = second.locator('.quality-note');
    await page.locator('#answers_1').fill('我局高度重视，积极协调，稳步推进资金筹措工作。');
    await note.locator('u', { hasText: '高度重视' }).waitFor();
    await expect(note.textContent()).resolves.toContain('虚话套话');
    await screenshot(page, '05b-unit-report-quality');
    await page.locator('#answers_1').fill('区财政已拨付 1200 万元');
    await note.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '提交报送' }).click();
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.locator('.ant-card', { hasText: '进展报送（1）' }).waitFor();
    // The summary said 按计划推进 and no figure: the report keeps that finding, where it is, for the office to judge.
    await expect(page.locator('.report-findings').textContent()).resolves.toMatch(/总体进展：虚话套话按计划推进/);
    const item = await apiAs<Item>('office', `/items/${encodeURIComponent(itemId)}`);
    expect(item.status).toBe('in-progress');
  });

  it('the unit claims it done', async () => {
    const { page } = s;
    // A completion claim needs the lead's latest report at 100 %: the unit reports the work finished first.
    await page.getByRole('button', { name: '报送进展' }).click();
    await page.getByRole('heading', { name: `报送进展：${title}` }).waitFor();
    await page.locator('#answers_0').fill('主体管网 16 公里全部铺设完成');
    await page.locator('#answers_1').fill('区财政已拨付全部 2400 万元');
    await page.locator('#summary').fill('雨污分流改造全部完工，已通过汛期检验。');
    await page.locator('#percentComplete').fill('100');
    await page.getByRole('button', { name: '提交报送' }).click();
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.locator('.ant-card', { hasText: '进展报送（2）' }).waitFor();
    // A claim withdraws a pending extension request: the claim's dialog says so before anything is sent.
    await page.getByRole('button', { name: '申请延期' }).click();
    const asking = page.getByRole('dialog', { name: '申请延期' });
    await typeDate(asking.locator('#newDueDate'), addDays(today, 40));
    await asking.locator('#reason').fill('汛期施工受限，主干管接驳顺延');
    await expectChinese(asking);
    await asking.getByRole('button', { name: '提交申请' }).click();
    await page.locator('.ant-message', { hasText: '已提交延期申请' }).waitFor();
    await page.getByText('已有延期申请待督查室审批。').waitFor();
    await page.getByRole('button', { name: '申请办结' }).click();
    await page.locator('.ant-modal .ant-alert-warning', { hasText: '提交办结申请后，该延期申请将自动撤回' }).waitFor();
    await screenshot(page, '05b-unit-claim-withdraws-extension');
    await page.locator('.ant-modal #summary').fill('排水设施改造全部完工，经汛期检验运行正常。');
    await expectChinese(page.locator('.ant-modal'));
    await page.getByRole('button', { name: '提交办结申请' }).click();
    await page.locator('.ant-message', { hasText: '已申请办结' }).waitFor();
    await page.getByText('已申请办结，等待督查室或督查员核查。').waitFor();
    const itemId = decodeURIComponent(new URL(page.url()).pathname.split('/items/')[1] ?? '');
    const requests = await apiAs<{ items: { status: string }[] }>('office', `/items/${encodeURIComponent(itemId)}/extension-requests`);
    expect(requests.items.map((r) => r.status)).toEqual(['withdrawn']);
    await screenshot(page, '06-unit-item-claimed');
    await signOut(page);
  });

  it('the inspector finds it in the queue and verifies it', async () => {
    const { page } = s;
    await signIn(page, { role: 'inspector' });
    await page.getByRole('heading', { name: '核查任务' }).waitFor();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.getByLabel('实地核查').check();
    await page.getByLabel('通过，予以办结').check();
    await page.locator('#findings').fill('实地查看三处泵站及新建管网，运行正常。');
    await screenshot(page, '07-inspector-verification');
    await page.getByRole('button', { name: '提交核查结论' }).click();
    await page.locator('.ant-message', { hasText: '核查通过，事项已办结' }).waitFor();
    const item = await apiAs<Item>('office', `/items/${encodeURIComponent(itemId)}`);
    expect(item.status).toBe('closed');
    await signOut(page);
  });

  it('the office’s board shows it closed', async () => {
    const { page } = s;
    await signIn(page, { role: 'office' });
    await page.goto(`${baseUrl()}/console/office/board?unit=hanbin-district&status=closed`);
    const row = page.locator('.ant-table-row', { hasText: title });
    await row.waitFor();
    await expect(row.locator('.ant-tag', { hasText: '已办结' }).count()).resolves.toBe(1);
    await screenshot(page, '08-office-board-closed');
    expect(s.errors).toEqual([]);
  });

  it('the office finds it by a word of its title, typed into the board’s search', async () => {
    const { page } = s;
    await page.goto(`${baseUrl()}/console/office/board`);
    await page.locator('.ant-table-row').first().waitFor();
    const search = page.getByPlaceholder(/搜索/);
    await search.fill(`排水设施 ${tag}`);
    // Until the search's answer is in, the board still shows the unfiltered rows (this item among them).
    const answered = page.waitForResponse((r) => /\/items\?/.test(r.url()) && new URL(r.url()).searchParams.has('q'));
    await search.press('Enter');
    await page.waitForURL(/[?&]q=/);
    await answered;
    await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
    const rows = page.locator('.ant-table-row');
    await rows.filter({ hasText: title }).waitFor();
    // Only the item whose title holds both words is left on the board, once React has rendered the answer
    // (the previous page's rows stay on screen until then): polled, since the moment is not observable.
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(s.errors).toEqual([]);
  });

  it('from another page, the board arrives ready: its rows were fetched while the roster was read, and nothing of that is in the page', async () => {
    const { page } = s;
    // The board's warm-up (BoardWarmUp) fetches its first page once the roster page is idle.
    const warmedUp = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/items') && r.ok());
    await page.goto(`${baseUrl()}/console/office/units`);
    await page.locator('main .ant-table-row').first().waitFor();
    // A person reads the roster a moment: the page's requests, and the warm-up, are done (its rows stay fresh 15 s).
    await warmedUp;
    await page.waitForLoadState('networkidle');
    // The board was rendered off the document: the only rows in the page are the roster's.
    expect(await page.locator('.ant-table-row').count()).toBe(await page.locator('main .ant-table-row').count());
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/items')) asked.push(request.url());
    });
    await page.getByRole('link', { name: '督查台账' }).click();
    await page.locator('main .ant-table-row').first().waitFor();
    // Shown from what the warm-up fetched: the board did not ask for its first page again on arrival.
    expect(asked).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

describe('what a role must not reach', () => {
  it('another unit’s item, by its address, is a Chinese “not found”, not a crash', async () => {
    const { page } = s;
    await signOut(page);
    await signIn(page, { unitName: '平利县人民政府' });
    await page.goto(`${baseUrl()}/console/unit/items/${encodeURIComponent(itemId)}`);
    await page.getByText('未找到').waitFor();
    await page.getByText('它不属于您的单位').waitFor();
    await screenshot(page, '09-unit-other-units-item');
    await page.goto(`${baseUrl()}/console/office/board`);
    await page.getByText('无权访问').waitFor();
    expect(s.errors).toEqual([]);
  });
});

describe('the leaders', () => {
  it('see the seeded ledger’s counts on the dashboard, as the API gives them; the assessment downloads and prints', async () => {
    const { page } = s;
    await signOut(page);
    await signIn(page, { role: 'leader' });
    await page.getByRole('heading', { name: '督查概览' }).waitFor();
    const overview = await apiAs<{ total: number; byLight: Record<string, number>; redItems: unknown[] }>('leader', '/reports/overview');
    // The demo ledger has overdue items, so the red count is a real figure, not a default zero.
    expect(overview.byLight.red ?? 0).toBeGreaterThan(0);
    const stat = (id: string) => page.getByTestId(`stat-${id}`).locator('.ant-statistic-content-value').textContent();
    await expect(stat('total')).resolves.toBe(String(overview.total));
    await expect(stat('red')).resolves.toBe(String(overview.byLight.red ?? 0));
    await expect(stat('yellow')).resolves.toBe(String(overview.byLight.yellow ?? 0));
    await page.locator('.ant-card', { hasText: `红灯事项（${overview.redItems.length}）` }).waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshot(page, '10-leader-dashboard');

    await page.getByRole('link', { name: '年度考核' }).click();
    await page.getByRole('heading', { name: '年度考核' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, '11-leader-assessment');
    // 导出 Excel: the API's workbook under the API's name (the year's title and the day it is as of).
    const { year, asOf } = await apiAs<{ year: number; asOf: string }>('leader', `/reports/assessment?year=${today.slice(0, 4)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`${year}年度督查考核-${asOf}.xlsx`);
    // 打印: on paper the title with its year and the table, no menu and no buttons.
    await page.emulateMedia({ media: 'print' });
    await page.getByRole('heading', { name: `${year}年度督查考核` }).waitFor();
    expect(await page.getByRole('navigation', { name: '主菜单' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await screenshot(page, '11a-leader-assessment-print');
    await page.emulateMedia({ media: null });
    expect(s.errors).toEqual([]);
  });

  it('a 分管领导 opens on their own overview and their own items; 全市 and 清除筛选 show the whole city', async () => {
    const { page } = s;
    await signOut(page);
    await page.goto(`${baseUrl()}/console/sign-in`);
    await page.getByRole('button', { name: '以李副市长身份登录' }).click();
    await page.getByRole('heading', { name: '督查概览（我分管的事项）' }).waitFor();
    const token = { role: 'office' } as const;
    const own = await apiAs<{ total: number }>(token.role, '/reports/overview?leader=vice-mayor-li');
    const city = await apiAs<{ total: number }>(token.role, '/reports/overview');
    expect(own.total).toBeLessThan(city.total);
    const total = () => page.getByTestId('stat-total').locator('.ant-statistic-content-value').textContent();
    await expect(total()).resolves.toBe(String(own.total));
    await screenshot(page, '11b-leader-own-dashboard');
    await page.getByText('全市', { exact: true }).click();
    await page.getByRole('heading', { name: '督查概览', exact: true }).waitFor();
    await expect.poll(total).toBe(String(city.total));

    await page.getByRole('link', { name: '督查台账' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('leader')).toBe('me');
    const row = page.locator('.ant-table-row', { hasText: title });
    await row.waitFor();
    const rows = await page.locator('.ant-table-row').allTextContents();
    expect(rows.every((r) => r.includes('李副市长'))).toBe(true);
    await screenshot(page, '11c-leader-own-board');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.locator('.ant-table-row', { hasNotText: '李副市长' }).first().waitFor();
    expect(s.errors).toEqual([]);
  });
});

describe('退回重报', () => {
  it('the office returns a report with a reason; the report card then says so, with the date it is owed again by', async () => {
    const { page } = s;
    await signOut(page);
    await signIn(page, { role: 'office' });
    // An open item of the seeded ledger with a report, and the report the office returns (the newest).
    const open = await apiAs<{ items: Item[] }>('office', '/items?status=in-progress&limit=50');
    let target: { item: string; report: string } | undefined;
    for (const candidate of open.items) {
      const listed = await apiAs<{ items: { id: string }[] }>('office', `/items/${encodeURIComponent(candidate.id)}/reports`);
      if (listed.items[0]) {
        target = { item: candidate.id, report: listed.items[0].id };
        break;
      }
    }
    expect(target).toBeDefined();
    await visit(page, `/office/items/${encodeURIComponent(target!.item)}`);
    const card = page.locator(`#report-${target!.report}`);
    await card.getByRole('button', { name: '退回重报' }).click();
    const dialog = page.getByRole('dialog', { name: '退回重报' });
    await dialog.locator('textarea').fill('未写明本期完成的工程量和资金到位数额');
    await dialog
      .getByRole('button', { name: '退 回' })
      .or(dialog.getByRole('button', { name: '退回' }))
      .click();
    await card.locator('.copy-flag', { hasText: '已退回重报' }).waitFor();
    await expect(card.textContent()).resolves.toContain('未写明本期完成的工程量和资金到位数额');
    await screenshot(page, '12-office-report-returned');
    const item = await apiAs<Item & { returnedReports?: { reportId: string; reason: string }[] }>(
      'office',
      `/items/${encodeURIComponent(target!.item)}`,
    );
    expect(item.returnedReports).toEqual([
      expect.objectContaining({ reportId: target!.report, reason: '未写明本期完成的工程量和资金到位数额' }),
    ]);
    expect(s.errors).toEqual([]);
  });
});

describe('exports', () => {
  it('the ledger downloads as a workbook under the name the API gives it', async () => {
    const { page } = s;
    await signOut(page);
    await signIn(page, { role: 'office' });
    await page.locator('.ant-table-row').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`督查台账-${today}.xlsx`);
    const bytes = readFileSync((await download.path())!);
    // A workbook is a zip file.
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.locator('.ant-message', { hasText: `已导出 督查台账-${today}.xlsx` }).waitFor();
  });
});

describe('the keyboard alone', () => {
  it('signs in and reaches the pages of the menu', async () => {
    const { page } = s;
    await signOut(page);
    /** Tabs forward until the focused element says `text`; fails after `limit` presses. */
    const tabTo = async (text: string, limit = 40) => {
      for (let i = 0; i < limit; i += 1) {
        await page.keyboard.press('Tab');
        const focused = (await page.evaluate('document.activeElement?.textContent?.trim() ?? ""')) as string;
        if (focused === text) return;
      }
      throw new Error(`Tab never reached “${text}”`);
    };
    await tabTo('以督查室身份登录');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '督查台账' }).waitFor();
    await tabTo('立项派发');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '立项派发' }).waitFor();
    // And the form takes what is typed into it.
    await page.locator('#title').focus();
    await page.keyboard.type('键盘录入');
    await expect(page.locator('#title').inputValue()).resolves.toBe('键盘录入');
    // Leaving the half-filled form asks first: 留在此页 keeps what was typed, 离开 leaves.
    await page.getByRole('link', { name: '督查台账' }).click();
    const stay = await confirmation(page, '离开此页？');
    await stay.getByRole('button', { name: '留在此页' }).click();
    await page.locator('.ant-modal-confirm', { hasText: '离开此页？' }).waitFor({ state: 'detached' });
    await expect(page.locator('#title').inputValue()).resolves.toBe('键盘录入');
    await page.getByRole('link', { name: '督查台账' }).click();
    const leave = await confirmation(page, '离开此页？');
    await leave.getByRole('button', { name: '离开' }).click();
    await page.getByRole('heading', { name: '督查台账' }).waitFor();
  });
});

describe('every role’s pages read as Chinese', () => {
  it('no id, no UTC, no API path, no English on the main pages of the office, a unit, a leader, an inspector and the sign-in page', async () => {
    const { page } = s;
    const notices = await apiAs<{ items: { id: string }[] }>('office', '/notices?limit=2');
    const unitItems = await apiAs<{ items: { id: string }[] }>('unit', '/items?limit=1', 'shiquan-county');
    // An import that left a row to fix (a deadline no one can read): 待办 lists it, in words a clerk reads.
    const ledgerFile = [
      '序号,督查事项,来源,牵头单位,完成时限,督办要求',
      '1,背街小巷整治,《政府工作报告》,市住房和城乡建设局,2027-06-30,每月报送',
      '2,公厕提升改造,《政府工作报告》,市住房和城乡建设局,尽快,每月报送',
    ];
    await postAs('office', '/items/import?dryRun=false', {
      file: { mediaType: 'text/csv', base64: Buffer.from(ledgerFile.join('\r\n')).toString('base64'), name: '补充台账.csv' },
    });
    const problems: Record<string, string[]> = {};
    const read = async (path: string, heading: string | RegExp, name: string) => {
      await visit(page, path);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      // The roster and the titles load after the page's own data: wait until nothing is in flight.
      await settled(page);
      await screenshot(page, name);
      // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not the text of hidden popups.
      const found = unreadable(await page.locator('body').innerText());
      if (found.length > 0) problems[path] = found;
    };
    // Whoever the earlier steps left signed in (or no one, run alone): each role signs in afresh.
    const as = async (who: Parameters<typeof signIn>[1]) => {
      if (await page.getByRole('button', { name: '退出登录' }).isVisible()) await signOut(page);
      await signIn(page, who);
    };
    await as({ role: 'office' });
    for (const [path, heading, name] of [
      ['/office/board', '督查台账', '20-office-board'],
      ['/office/to-do', '待办', '19-office-to-do'],
      ['/office/items/new', '立项派发', '21-office-register-item'],
      ['/office/items/demo-work-report-01', '完成城区老旧小区改造3000户', '16-office-item-seeded'],
      ['/office/notices', '通报与整改', '12-office-notices'],
      ...(notices.items.map((n, i) => [`/office/notices/${n.id}`, /通报/, `22-office-notice-${i + 1}`]) as [string, RegExp, string][]),
      ['/office/notices/new', '发布通报', '13-office-issue-notice'],
      ['/office/referrals', '移送监察机关', '14-office-referrals'],
      ['/office/units', '责任单位', '15-office-units'],
      ['/office/calendar', '工作日历', '23-office-calendar'],
    ] as const) {
      await read(path, heading, name);
    }
    // 待办: each list as the API has it, the menu's count their sum.
    await visit(page, '/office/to-do');
    const claims = await apiAs<{ items: unknown[] }>('office', '/items?status=completion-claimed&limit=100');
    const section = (id: string) => page.getByTestId(`to-do-${id}`).locator('.ant-card-head .ant-tag').textContent();
    await expect.poll(() => section('claims')).toBe(String(claims.items.length));
    const counts = await Promise.all(['extensions', 'claims', 'rectifications', 'bounced', 'imports'].map(section));
    const total = counts.reduce((sum, n) => sum + Number(n), 0);
    const left = await page.getByTestId('to-do-imports').locator('.ant-list-item').allTextContents();
    expect(left).toEqual([expect.stringMatching(/^公厕提升改造\s*「补充台账\.csv」第 3 行未导入（.+）：完成时限「尽快」/)]);
    expect(total).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('to-do-count').textContent()).toBe(String(total));
    await as({ unitName: '石泉县人民政府' });
    await read('/unit/inbox', /待办|收件|督查事项/, '24-unit-inbox');
    if (unitItems.items[0]) await read(`/unit/items/${unitItems.items[0].id}`, /./, '25-unit-item');
    await read('/unit/rectifications', '整改报告', '17-unit-rectifications');
    // The demo's returned rectification is past its week: it says so in days, not by its date alone.
    await expect(page.locator('main').textContent()).resolves.toMatch(/已逾期 \d+ 天/);
    await as({ role: 'leader' });
    await read('/leader/dashboard', '督查概览', '26-leader-dashboard');
    await read('/leader/assessment', '年度考核', '27-leader-assessment');
    // Each grade with what made it: 100 less each deduction, and the grade's floor.
    await expect(page.locator('.grade-factors').first().textContent()).resolves.toMatch(/^100/);
    await read('/leader/board', '督查台账', '28-leader-board');
    await read('/leader/items/demo-work-report-01', '完成城区老旧小区改造3000户', '29-leader-item');
    await as({ role: 'inspector' });
    await read('/inspector/queue', /核查/, '30-inspector-queue');
    await page.goto(`${baseUrl()}/console/sign-in`);
    await page.getByRole('heading', { name: '本机登录' }).waitFor();
    await screenshot(page, '00-sign-in');
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not the text of hidden popups.
    const signInText = unreadable(await page.locator('body').innerText());
    if (signInText.length > 0) problems['/sign-in'] = signInText;
    expect(problems).toEqual({});
    expect(s.errors).toEqual([]);
  }, 120_000);
});
