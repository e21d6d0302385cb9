import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import {
  apiAs,
  baseUrl,
  expectPreviewedImage,
  launch,
  newSession,
  PDF,
  PNG,
  postAs,
  type Session,
  failureScreenshot,
  screenshot,
  signIn,
  expectChinese,
} from './support';

let browser: Browser;
let unit: Session;
let inspector: Session;

/** The lead unit here: no other browser test files an item under it. */
const UNIT = { id: 'hanyin-county', name: '汉阴县人民政府' };
const tag = Math.random().toString(36).slice(2, 7);
const title = `浏览器测试：汉阴县城区污水管网改造 ${tag}`;
let itemId = '';

beforeAll(async () => {
  browser = await launch();
  [unit, inspector] = await Promise.all([newSession(browser), newSession(browser)]);
  await Promise.all([signIn(unit.page, { unitName: UNIT.name }), signIn(inspector.page, { role: 'inspector' })]);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  for (const [who, s] of [
    ['unit', unit],
    ['inspector', inspector],
  ] as const) {
    if (s) await failureScreenshot(s.page, `claims-${who}-${task.name.slice(0, 30)}`);
  }
});

interface Event {
  type: string;
  data: { attachmentIds?: string[] };
}
const historyOf = async () =>
  (await apiAs<{ items: Event[] }>('office', `/items/${encodeURIComponent(itemId)}/history`)).items.filter(
    (e) => e.type === 'completion.claimed' || e.type.startsWith('verification.'),
  );

/** The item's record of what was done (办理记录), where the history is shown. */
const timeline = (page: Page) => page.locator('.ant-card', { hasText: '办理记录' });

/** Opens a file named in the timeline and waits for its preview; the preview is returned open. */
async function openFromTimeline(page: Page, fileName: RegExp): Promise<Locator> {
  await timeline(page).getByRole('button', { name: fileName }).click();
  return page.locator('.ant-modal', { hasText: '在新窗口打开' });
}

async function closePreview(preview: Locator) {
  await preview.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await preview.waitFor({ state: 'detached' });
}

describe('a completion claim and its 核查, with their files', () => {
  it('the lead unit, at 100 %, claims completion with its formal document as a PDF', async () => {
    itemId = (
      await postAs<{ id: string }>('office', '/items', {
        title,
        source: 'work-report',
        sourceRef: '2026年《政府工作报告》',
        leadUnit: UNIT.id,
        dueDate: addDays(shanghaiDate(new Date()), 40),
        requirements: ['管网铺设'],
      })
    ).id;
    const path = encodeURIComponent(itemId);
    await postAs('unit', `/items/${path}/acknowledge`, undefined, UNIT.id);
    // A claim needs the lead's latest report at 100 %.
    await postAs(
      'unit',
      `/items/${path}/reports`,
      { summary: '管网改造全部完工。', percentComplete: 100, answers: [{ requirement: 0, answer: '12 公里全部铺设完成' }] },
      UNIT.id,
    );

    const { page } = unit;
    await page.goto(`${baseUrl()}/console/unit/items/${path}`);
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.getByRole('button', { name: '申请办结' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '提交办结申请' });
    await dialog.locator('#summary').fill('城区污水管网改造全部完工，经试运行正常。');
    await expectChinese(dialog);
    await dialog.locator('.attachment-upload input[type=file]').setInputFiles({
      name: '办结报告.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await dialog.locator('.ant-upload-list-item-done', { hasText: '办结报告.pdf' }).waitFor();
    await screenshot(page, 'claims-01-unit-completion-with-pdf');
    await dialog.getByRole('button', { name: '提交办结申请' }).click();
    await page.locator('.ant-message', { hasText: '已申请办结' }).waitFor();
    await dialog.waitFor({ state: 'detached' });

    const [claimed] = await historyOf();
    expect(claimed?.type).toBe('completion.claimed');
    expect(claimed?.data.attachmentIds).toHaveLength(1);
    // The unit's own timeline names the file it sent.
    await timeline(page)
      .getByRole('button', { name: /办结报告\.pdf/ })
      .waitFor();
    expect(unit.errors).toEqual([]);
  });

  it('the inspector opens the claim’s PDF from the timeline, then records a 核查 with a photo', async () => {
    const { page } = inspector;
    await page.goto(`${baseUrl()}/console/inspector/items/${encodeURIComponent(itemId)}`);
    await page.getByRole('heading', { name: title, exact: true }).waitFor();

    const pdf = await openFromTimeline(page, /办结报告\.pdf/);
    const frame = pdf.locator('iframe.attachment-pdf');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    // Chromium's PDF viewer in a frame keeps the network from going idle: photographed once the frame has loaded.
    await (await (await frame.elementHandle())?.contentFrame())?.waitForLoadState('load');
    await screenshot(page, 'claims-02-inspector-claim-pdf');
    await closePreview(pdf);

    await page.getByLabel('实地核查').check();
    await page.getByLabel('通过，予以办结').check();
    await page.locator('#findings').fill('实地查看泵站及新建管网，运行正常。');
    await page.locator('.attachment-upload input[type=file]').setInputFiles({ name: '核查照片.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.ant-upload-list-item-done', { hasText: '核查照片.png' }).waitFor();
    await screenshot(page, 'claims-03-inspector-verification-with-photo');
    await page.getByRole('button', { name: '提交核查结论' }).click();
    await page.locator('.ant-message', { hasText: '核查通过，事项已办结' }).waitFor();

    const [, verified] = await historyOf();
    expect(verified?.type).toBe('verification.passed');
    expect(verified?.data.attachmentIds).toHaveLength(1);
    await timeline(page)
      .getByRole('button', { name: /核查照片\.png/ })
      .waitFor();
    expect(inspector.errors).toEqual([]);
  });

  it('the unit finds both files in its timeline and opens the 核查 photo', async () => {
    const { page } = unit;
    await page.goto(`${baseUrl()}/console/unit/items/${encodeURIComponent(itemId)}`);
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await timeline(page)
      .getByRole('button', { name: /办结报告\.pdf/ })
      .waitFor();
    await timeline(page)
      .getByRole('button', { name: /核查照片\.png/ })
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'claims-04-unit-timeline-files');
    // Entries with files start where the others do, clear of the rail (a file's name once pushed them onto the dot).
    const starts = await timeline(page)
      .locator('.ant-timeline-item-content')
      .evaluateAll((contents) => contents.map((c) => Math.round(c.getBoundingClientRect().left)));
    const rail = await timeline(page)
      .locator('.ant-timeline-item-icon')
      .first()
      .evaluate((icon) => icon.getBoundingClientRect().right);
    expect(starts.length).toBeGreaterThan(3);
    expect(new Set(starts).size).toBe(1);
    expect(starts[0]).toBeGreaterThan(rail);

    const photo = await openFromTimeline(page, /核查照片\.png/);
    await expectPreviewedImage(photo);
    await screenshot(page, 'claims-05-unit-verification-photo');
    await closePreview(photo);
    expect(unit.errors).toEqual([]);
  });
});
