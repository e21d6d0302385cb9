/**
 * 纵向到底 in the console (issue 23, item 6): the city's roster shows which of its units have an office of their
 * own; the office bar gives the path from the root (breadcrumbs) and lets the city's clerk read a county's ledger,
 * read only, and come back; a county's clerk signs in for the county's office (the local sign-in page's office
 * choice, as Cognito's custom:officeId does) and works in the county's ledger, the path above it shown.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { handler as overdueEscalation } from '../../functions/jobs/overdue-escalation';
import { issueToken } from '../../scripts/local/tokens';
import { baseUrl, failureScreenshot, launch, newSession, pick, screenshot, type Session, settled, signIn, signOut, visit } from './support';

let browser: Browser;
let s: Session;
const tag = randomUUID().slice(0, 6);
const COUNTY = { unit: 'shiquan-county', unitName: '石泉县人民政府', office: 'shiquan', officeName: '石泉县政府督查室' };
const FINANCE = { id: `shiquan-finance-${tag}`, name: '石泉县财政局' };
const parentTitle = `石泉县城区供水管网改造 ${tag}`;
const childTitle = `老城区主管网更换 ${tag}`;
let parentId: string;

/** A change through the API as someone of an office (none: the root's), to set the scene. */
async function post<T>(path: string, body: unknown, office?: string): Promise<T> {
  const token = await issueToken({ role: 'office', secret: inject('consoleJwtSecret'), ...(office ? { officeId: office } : {}) });
  const response = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser);
  // The city registers 石泉县政府督查室 for a county of the demo roster; the county registers its 财政局, and passes
  // down the city's item its government answers for.
  await post('/offices', { slug: COUNTY.office, name: COUNTY.officeName, unitId: COUNTY.unit, noticeNumberPrefix: '石泉政督通' });
  await post(
    '/units',
    {
      id: FINANCE.id,
      name: FINANCE.name,
      kind: 'department',
      contacts: [{ name: '李会计', email: 'li@finance.example.gov.cn', role: 'liaison' }],
    },
    COUNTY.office,
  );
  const parent = await post<{ id: string }>('/items', {
    title: parentTitle,
    source: 'meeting-decision',
    sourceRef: '市政府常务会议纪要〔2026〕31号',
    leadUnit: COUNTY.unit,
    dueDate: '2099-06-30',
    requirements: ['每月报送工程进度'],
  });
  parentId = parent.id;
  await post(
    '/cascades',
    { parentItemId: parent.id, children: [{ leadUnit: FINANCE.id, dueDate: '2099-05-31', title: childTitle }] },
    COUNTY.office,
  );
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && s) await failureScreenshot(s.page, `offices-${task.name.slice(0, 30)}`);
});

describe('offices in the console', () => {
  it("the city's roster shows which of its units have an office of their own", async () => {
    const { page } = s;
    await signIn(page, { role: 'office' });
    await visit(page, '/office/units');
    const row = page.locator('.ant-table-row', { hasText: COUNTY.unitName });
    await expect(row.locator('.unit-office').textContent()).resolves.toBe(`下级督查机构：${COUNTY.officeName}`);
    await expect(page.locator('.office-bar .ant-breadcrumb').textContent()).resolves.toBe('市政府督查室');
    await screenshot(page, 'offices-roster');
  });

  it("the city's clerk reads the county's ledger, read only, the path shown, and comes back", async () => {
    const { page } = s;
    await visit(page, '/office/board');
    await pick(page, page.getByRole('combobox', { name: '查阅的督查机构' }), COUNTY.officeName);
    await page.locator('.office-bar-note', { hasText: `正在查阅${COUNTY.officeName}的督查台账（只读）` }).waitFor();
    await settled(page);
    await page.locator('main .ant-table-row', { hasText: childTitle }).waitFor();
    expect(await page.locator('main .ant-table-row', { hasText: parentTitle }).count()).toBe(0);
    await expect(page.locator('.office-bar .ant-breadcrumb').textContent()).resolves.toBe(`市政府督查室/${COUNTY.officeName}`);
    await screenshot(page, 'offices-county-board-from-city');
    await pick(page, page.getByRole('combobox', { name: '查阅的督查机构' }), '市政府督查室（本机构）');
    await page.locator('.office-bar-note').waitFor({ state: 'detached' });
    await settled(page);
    await page.locator('main .ant-table-row', { hasText: parentTitle }).waitFor();
  });

  it("the city's office reads the tree: each office's own record, and the red items of every level with their path", async () => {
    const { page } = s;
    // Each office's daily run writes its record (the demo ledger's late items are the city's red ones).
    await overdueEscalation({ time: new Date().toISOString() });
    await visit(page, '/office/tree');
    const offices = page.locator('.ant-card', { hasText: '各级督查机构' }).locator('.ant-table-row');
    await offices.nth(1).waitFor();
    const cells = (row: number) => offices.nth(row).locator('td').allTextContents();
    // 督查机构, 在办, 红灯, 按期办结率, 分解下达, 本年通报, 统计日期: the county passed one item down.
    await expect(cells(0)).resolves.toEqual([
      '市政府督查室',
      expect.stringMatching(/^\d+$/),
      expect.any(String),
      expect.any(String),
      '0',
      expect.any(String),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    await expect(cells(1)).resolves.toEqual([
      `市政府督查室 / ${COUNTY.officeName}`,
      '0',
      '0',
      '—',
      '1',
      '0',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    const red = page.locator('.ant-card', { hasText: '各级红灯事项' }).locator('.ant-table-row');
    expect(await red.count()).toBeGreaterThan(0);
    await expect(red.first().textContent()).resolves.toMatch(/市政府督查室.*逾期 \d+ 天/);
    await screenshot(page, 'offices-tree');
    // The city's item shows what the county made of it, named as the county names its units.
    await visit(page, `/office/items/${parentId}`);
    const child = page.locator('.cascade-card .ant-table-row', { hasText: childTitle });
    await expect(child.textContent()).resolves.toContain(`${COUNTY.officeName}${childTitle}${FINANCE.name}`);
    await screenshot(page, 'offices-item-cascade');
  });

  it("a county's clerk signs in for the county's office and works in its ledger", async () => {
    const { page } = s;
    await signOut(page);
    await pick(page, page.getByRole('combobox', { name: '所在督查机构' }), COUNTY.officeName);
    // The roster offered is the county's own.
    await page.locator('.ant-list-item', { hasText: FINANCE.name }).waitFor();
    await screenshot(page, 'offices-sign-in');
    await page.getByRole('button', { name: '以督查室身份登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await visit(page, '/office/board');
    await expect(page.locator('.office-bar .ant-breadcrumb').textContent()).resolves.toBe(`市政府督查室/${COUNTY.officeName}`);
    await page.locator('main .ant-table-row', { hasText: childTitle }).waitFor();
    expect(await page.locator('main .ant-table-row', { hasText: parentTitle }).count()).toBe(0);
    await screenshot(page, 'offices-county-clerk-board');
  });

  it("the county's clerk works on the city's item as the county's government, and comes back", async () => {
    const { page } = s;
    await page.getByRole('button', { name: '办理上级交办事项' }).click();
    await page.locator('.office-bar-note', { hasText: `正在以${COUNTY.unitName}身份办理上级督查室交办的事项` }).waitFor();
    await settled(page);
    // The unit's own pages, with the city's item its government answers for (and nothing of the county's own ledger).
    const row = page.locator('main .ant-table-row', { hasText: parentTitle });
    await row.getByRole('button', { name: '签收' }).click();
    await page.locator('.ant-message', { hasText: '已签收' }).waitFor();
    expect(await page.locator('main .ant-table-row', { hasText: childTitle }).count()).toBe(0);
    await screenshot(page, 'offices-county-acting-for-government');
    const city = await issueToken({ role: 'office', secret: inject('consoleJwtSecret') });
    const parent = (await (await fetch(`${baseUrl()}/items/${parentId}`, { headers: { authorization: `Bearer ${city}` } })).json()) as {
      acknowledgements: { unitId: string }[];
    };
    expect(parent.acknowledgements.map((a) => a.unitId)).toEqual([COUNTY.unit]);
    await page.getByRole('button', { name: '回到本机构' }).click();
    await page.locator('main .ant-table-row', { hasText: childTitle }).waitFor();
  });
});
