/**
 * Keeping the ledger true in the browser (issue 12): the roster's edit and its record, an item's
 * edit shown as before → after, reassignment and withdrawal with confirmation, a rectification
 * handed in with a PDF, returned with a reason and handed in again, a notice withdrawn (the ledger's
 * import is tests/browser/ledger-import.test.ts). One browser; the office and the unit each keep one
 * session (two contexts), so no step signs in twice.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import {
  apiAs,
  baseUrl,
  confirmation,
  expectPreviewedImage,
  launch,
  newSession,
  PDF,
  PNG,
  postAs,
  pick,
  SCREENSHOTS,
  type Session,
  failureScreenshot,
  screenshot,
  signIn,
  expectChinese,
} from './support';

let browser: Browser;
let office: Session;
let unit: Session;

/** The unit that owes a rectification here: no other browser test touches its notices. */
const UNIT = { id: 'ziyang-county', name: '紫阳县人民政府' };
const today = shanghaiDate(new Date());
const tag = Math.random().toString(36).slice(2, 7);

beforeAll(async () => {
  browser = await launch();
  [office, unit] = await Promise.all([newSession(browser), newSession(browser)]);
  await Promise.all([signIn(office.page, { role: 'office' }), signIn(unit.page, { unitName: UNIT.name })]);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  for (const [who, s] of [
    ['office', office],
    ['unit', unit],
  ] as const) {
    if (s) await failureScreenshot(s.page, `upkeep-${who}-${task.name.slice(0, 30)}`);
  }
});

const go = (page: Page, path: string) => page.goto(`${baseUrl()}/console${path}`);

/** Clicks a button of the confirmation on top and waits for it to close. */
async function confirm(page: Page, title: string, button: string) {
  const dialog = await confirmation(page, title);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await page.locator('.ant-modal-confirm', { hasText: title }).waitFor({ state: 'detached' });
}

describe('the unit roster', () => {
  it('a contact changed is shown in the unit’s record of changes', async () => {
    const { page } = office;
    await go(page, '/office/units');
    await page.getByRole('heading', { name: '责任单位' }).waitFor();
    await page.getByRole('button', { name: '修改市教育局' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '修改单位：市教育局' });
    const liaison = dialog.locator('input[value="唐科长"]');
    await liaison.fill(`唐主任${tag}`);
    await expectChinese(dialog);
    await screenshot(page, 'upkeep-01-roster-edit');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.ant-table-row', { hasText: `唐主任${tag}` }).waitFor();

    await page.getByRole('button', { name: '市教育局的变更记录' }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '变更记录：市教育局' });
    await drawer.getByText(`联系人：`).first().waitFor();
    const event = drawer.locator('.unit-event').first();
    await expect(event.locator('.unit-change-removed').textContent()).resolves.toBe(
      '删除 联络员 唐科长 liaison.education-bureau@example.gov.cn',
    );
    await expect(event.locator('.unit-change-added').textContent()).resolves.toBe(
      `新增 联络员 唐主任${tag} liaison.education-bureau@example.gov.cn`,
    );
    await screenshot(page, 'upkeep-02-roster-history');
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();
    expect(office.errors).toEqual([]);
  });
});

describe('登记单位', () => {
  it('a unit with every field and two contacts is registered under a generated 单位编码', async () => {
    const { page } = office;
    const name = `市数据局${tag}`;
    await go(page, '/office/units');
    await page.getByRole('button', { name: '登记单位' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '登记责任单位' });
    await dialog.getByLabel('单位名称').fill(name);
    await pick(page, dialog.getByLabel('类别'), '市政府工作部门');
    // Two rows, 负责人 then 联络员 by default; each 身份 is chosen again, as a clerk would check it (pick() finds
    // each select's own dropdown by its id, and holds only once the select shows the choice).
    const role = (index: number, label: string) => pick(page, dialog.getByLabel('身份').nth(index), label);
    await role(0, '负责人');
    await dialog.getByLabel('姓名').nth(0).fill('赵局长');
    await dialog.getByLabel('电子邮箱').nth(0).fill(`head.${tag}@data.example.gov.cn`);
    await role(1, '联络员');
    await dialog.getByLabel('姓名').nth(1).fill('钱科长');
    await dialog.getByLabel('电子邮箱').nth(1).fill(`liaison.${tag}@data.example.gov.cn`);
    await screenshot(page, 'upkeep-00-register-unit');
    await dialog
      .getByRole('button', { name: '登 记' })
      .or(dialog.getByRole('button', { name: '登记' }))
      .first()
      .click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('.ant-table-row', { hasText: name });
    await row.waitFor();
    await screenshot(page, 'upkeep-00b-registered-unit');
    const units = await apiAs<{ items: { id: string; name: string; kind: string; contacts: unknown[] }[] }>('office', '/units?limit=100');
    const registered = units.items.find((u) => u.name === name);
    expect(registered?.id).toMatch(/^\d{4,}$/);
    expect(registered?.kind).toBe('department');
    expect(registered?.contacts).toEqual([
      { role: 'head', name: '赵局长', email: `head.${tag}@data.example.gov.cn`, undeliverable: false },
      { role: 'liaison', name: '钱科长', email: `liaison.${tag}@data.example.gov.cn`, undeliverable: false },
    ]);
    await expect(row.textContent()).resolves.toContain('钱科长');
    expect(office.errors).toEqual([]);
  });
});

describe('an item kept true', () => {
  let itemId = '';
  const title = `浏览器测试：改造市区公交站台 ${tag}`;

  it('an edit shows before → after in the item’s history', async () => {
    const item = await postAs<{ id: string }>('office', '/items', {
      title,
      source: 'meeting-decision',
      sourceRef: '市政府第12次常务会议',
      leadUnit: 'transport-bureau',
      dueDate: addDays(today, 40),
      requirements: ['站台改造进度'],
    });
    itemId = item.id;
    const { page } = office;
    await go(page, `/office/items/${encodeURIComponent(itemId)}`);
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.getByRole('button', { name: '修改事项' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '修改事项' });
    await dialog.locator('#title').fill(`${title}（含候车亭）`);
    await pick(page, dialog.locator('#leaderInCharge'), '张市长');
    await expectChinese(dialog);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: `${title}（含候车亭）` }).waitFor();
    const edited = page.locator('.ant-timeline-item', { hasText: `事项名称：${title} → ${title}（含候车亭）` });
    await edited.waitFor();
    // The leader by name, never by the leaderId.
    await edited.getByText('分管领导：（无） → 张市长').waitFor();
    expect(await edited.textContent()).not.toContain('mayor-zhang');
    await screenshot(page, 'upkeep-03-item-edited');
  });

  it('reassignment asks for confirmation and names both units in the history', async () => {
    const { page } = office;
    await page.getByRole('button', { name: '调整牵头单位' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '调整牵头单位' });
    await pick(page, dialog.locator('#leadUnit'), '市住房和城乡建设局');
    await dialog.locator('#reason').fill('站台改造由住建部门统一实施');
    await dialog.getByRole('button', { name: '调整', exact: true }).click();
    await confirm(page, '确认调整牵头单位？', '确认调整');
    await page.locator('.ant-timeline-item', { hasText: '牵头单位 市交通运输局 → 市住房和城乡建设局' }).waitFor();
    await expect(apiAs<{ leadUnit: string }>('office', `/items/${encodeURIComponent(itemId)}`)).resolves.toMatchObject({
      leadUnit: 'housing-bureau',
    });
  });

  it('withdrawal asks for confirmation; cancelling it changes nothing', async () => {
    const { page } = office;
    await page.getByRole('button', { name: '撤销事项' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '撤销理由' });
    await dialog.locator('#reason').fill('与市政府第13次常务会议事项重复');
    await dialog.locator('#decision').fill('市政府第13次常务会议纪要');
    await dialog.getByRole('button', { name: '撤销', exact: true }).click();
    await confirm(page, '确认撤销此事项？', '取消');
    await expect(apiAs<{ status: string }>('office', `/items/${encodeURIComponent(itemId)}`)).resolves.toMatchObject({
      status: 'assigned',
    });

    await dialog.getByRole('button', { name: '撤销', exact: true }).click();
    await confirm(page, '确认撤销此事项？', '确认撤销');
    await page.locator('.ant-timeline-item', { hasText: '与市政府第13次常务会议事项重复' }).waitFor();
    await expect(apiAs<{ status: string }>('office', `/items/${encodeURIComponent(itemId)}`)).resolves.toMatchObject({
      status: 'withdrawn',
    });
    await screenshot(page, 'upkeep-04-item-withdrawn');
    expect(office.errors).toEqual([]);
  });
});

describe('a report with a photo', () => {
  it('the unit attaches it with the upload’s progress; the office opens it on the item page', async () => {
    const title = `浏览器测试：紫阳县茶园道路硬化 ${tag}`;
    const { id } = await postAs<{ id: string }>('office', '/items', {
      title,
      source: 'work-report',
      sourceRef: '2026年《政府工作报告》',
      leadUnit: UNIT.id,
      dueDate: addDays(today, 50),
      requirements: ['工程进度'],
    });
    await postAs('unit', `/items/${encodeURIComponent(id)}/acknowledge`, undefined, UNIT.id);
    const { page } = unit;
    await go(page, `/unit/items/${encodeURIComponent(id)}/report`);
    await page.getByRole('heading', { name: `报送进展：${title}` }).waitFor();
    await page.locator('#answers_0').fill('已硬化道路 3 公里');
    await page.locator('#summary').fill('工程按计划推进。');
    await page.locator('#percentComplete').fill('30');
    await page.locator('.attachment-upload input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.ant-upload-list-item-done', { hasText: '现场照片.png' }).waitFor();
    await screenshot(page, 'upkeep-13-unit-report-attachment');
    await page.getByRole('button', { name: '提交报送' }).click();
    await page.getByRole('heading', { name: title, exact: true }).waitFor();

    const o = office.page;
    await go(o, `/office/items/${encodeURIComponent(id)}`);
    await o.getByRole('button', { name: /现场照片\.png/ }).click();
    const preview = o.locator('.ant-modal', { hasText: '在新窗口打开' });
    await expectPreviewedImage(preview);
    await screenshot(o, 'upkeep-14-office-report-attachment');
    await preview.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    expect(unit.errors).toEqual([]);
    expect(office.errors).toEqual([]);
  });
});

describe('a rectification, both ways', () => {
  let noticeId = '';
  const reason = `浏览器测试：整改不力 ${tag}`;
  const returnReason = '书面报告未附整改前后对比照片，请补充后重新报送';

  it('the unit hands it in with a PDF uploaded; a file of another type is refused before upload', async () => {
    noticeId = (await postAs<{ id: string }>('office', '/notices', { level: 'office', unitIds: [UNIT.id], itemIds: [], reason })).id;
    const { page } = unit;
    await go(page, '/unit/rectifications');
    const row = page.locator('.ant-table-row', { hasText: reason });
    await row.getByRole('button', { name: '提交整改报告' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '提交整改报告' });
    await dialog.locator('#explanation').fill('对督办事项重视不够，工作推进迟缓。');
    await dialog.locator('#measures').fill('成立专班，每周调度；明确责任人和完成时限。');
    await dialog.locator('#report').fill('紫阳县人民政府关于整改情况的报告：……');

    const input = dialog.locator('.attachment-upload input[type=file]');
    await input.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('不是正式文件') });
    await dialog.locator('.ant-alert-error', { hasText: '“说明.txt”的格式不能作为附件' }).waitFor();
    await input.setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.locator('.ant-upload-list-item-done', { hasText: '整改报告.pdf' }).waitFor();
    await screenshot(page, 'upkeep-05-unit-rectification-form');
    await dialog.getByRole('button', { name: '提交', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.locator('.ant-tag', { hasText: '待审核' }).waitFor();

    const handIns = await apiAs<{ items: { attachmentIds?: string[] }[] }>('office', `/notices/${noticeId}/rectifications/${UNIT.id}`);
    expect(handIns.items).toHaveLength(1);
    expect(handIns.items[0]?.attachmentIds).toHaveLength(1);
    expect(unit.errors).toEqual([]);
  });

  it('the office reads it, opens the PDF, and returns it with a reason', async () => {
    const { page } = office;
    await go(page, `/office/notices/${encodeURIComponent(noticeId)}`);
    const card = page.locator('.rectification-unit', { hasText: UNIT.name });
    await card.getByText('对督办事项重视不够，工作推进迟缓。').waitFor();
    await card.getByText('成立专班，每周调度；明确责任人和完成时限。').waitFor();
    await screenshot(page, 'upkeep-06-office-rectification');

    // The preview reads the file from storage in the page: storage must allow the console's origin (CORS).
    await card.getByRole('button', { name: /整改报告\.pdf/ }).click();
    const preview = page.locator('.ant-modal', { hasText: '在新窗口打开' });
    const frame = preview.locator('iframe.attachment-pdf');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    // Chromium's PDF viewer in a frame keeps the network from going idle: photographed once the frame has loaded.
    await (await (await frame.elementHandle())?.contentFrame())?.waitForLoadState('load');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'upkeep-07-attachment-preview.png') });
    await preview.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await preview.waitFor({ state: 'detached' });

    await card.getByRole('button', { name: '退回重报' }).click();
    const dialog = page.locator('.ant-modal', { hasText: `退回重报：${UNIT.name}` });
    // A return without a reason is refused on the page.
    await dialog.getByRole('button', { name: '退回', exact: true }).click();
    await dialog.getByText('请填写退回理由').waitFor();
    await dialog.locator('#reason').fill(returnReason);
    await dialog.getByRole('button', { name: '退回', exact: true }).click();
    await confirm(page, '确认退回此整改报告？', '确认退回');
    await dialog.waitFor({ state: 'detached' });
    await card.locator('.ant-tag', { hasText: '已退回重报' }).waitFor();
    await card.getByText(returnReason).waitFor();
    expect(office.errors).toEqual([]);
  });

  it('the unit sees the reason and hands in again; the office accepts', async () => {
    const { page } = unit;
    await go(page, '/unit/rectifications');
    const row = page.locator('.ant-table-row', { hasText: reason });
    await row.locator('.return-reason', { hasText: returnReason }).waitFor();
    await screenshot(page, 'upkeep-08-unit-returned');
    await row.getByRole('button', { name: '重新报送' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '重新报送整改报告' });
    await dialog.getByText(returnReason).waitFor();
    await dialog.locator('#explanation').fill('对督办事项重视不够，工作推进迟缓。');
    await dialog.locator('#measures').fill('成立专班，每周调度；补充整改前后对比照片。');
    await dialog.locator('#report').fill('紫阳县人民政府关于整改情况的补充报告：……');
    await dialog.getByRole('button', { name: '提交', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.locator('.ant-tag', { hasText: '待审核' }).waitFor();

    const o = office.page;
    await o.reload();
    const card = o.locator('.rectification-unit', { hasText: UNIT.name });
    await card.getByText('补充整改前后对比照片').waitFor();
    await card.getByText('此前报送（1）').waitFor();
    await card.getByRole('button', { name: '通过' }).click();
    await confirm(o, `确认通过${UNIT.name}的整改报告？`, '确认通过');
    await card.locator('.ant-tag', { hasText: '已通过' }).waitFor();
    await screenshot(o, 'upkeep-09-office-accepted');

    const notice = await apiAs<{ rectifications: { unitId: string; review?: string; submissions?: number }[] }>(
      'office',
      `/notices/${noticeId}`,
    );
    expect(notice.rectifications.find((r) => r.unitId === UNIT.id)).toMatchObject({ review: 'accepted', submissions: 2 });
    await page.reload();
    await row.locator('.ant-tag', { hasText: '审核通过' }).waitFor();
    expect(unit.errors).toEqual([]);
    expect(office.errors).toEqual([]);
  });
});

describe('a notice issued in error', () => {
  it('is withdrawn with a reason and a confirmation, and then says so', async () => {
    const reason = `浏览器测试：误发的通报 ${tag}`;
    const { id } = await postAs<{ id: string }>('office', '/notices', { level: 'office', unitIds: [UNIT.id], itemIds: [], reason });
    const { page } = office;
    await go(page, `/office/notices/${encodeURIComponent(id)}`);
    await page.getByText(reason).waitFor();
    await page.getByRole('button', { name: '撤销通报' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '撤销理由' });
    await dialog.locator('#reason').fill('通报对象有误，应为另一单位');
    await dialog.getByRole('button', { name: '撤销', exact: true }).click();
    await confirm(page, '确认撤销此通报？', '确认撤销');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.ant-alert', { hasText: '此通报已撤销' }).waitFor();
    await page.locator('h1 .ant-tag', { hasText: '已撤销' }).waitFor();
    await expect(page.getByRole('button', { name: '撤销通报' }).count()).resolves.toBe(0);
    await screenshot(page, 'upkeep-10-notice-withdrawn');
    await expect(apiAs<{ withdrawn?: { reason: string } }>('office', `/notices/${id}`)).resolves.toMatchObject({
      withdrawn: { reason: '通报对象有误，应为另一单位' },
    });

    // The unit owes nothing under it.
    await go(unit.page, '/unit/rectifications');
    const row = unit.page.locator('.ant-table-row', { hasText: reason });
    await row.locator('.ant-tag', { hasText: '通报已撤销' }).waitFor();
    await expect(row.getByRole('button').count()).resolves.toBe(0);
    expect(office.errors).toEqual([]);
  });
});
