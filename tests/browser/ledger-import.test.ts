/**
 * 导入台账 in the browser (issue 22 §1): a ledger as a city office keeps it in Excel — a merged title row, a 填报单位
 * line, section rows, a footnote, short and near unit names, a collective name, deadlines as people write them (a
 * phrase, a real date cell, 长期坚持, 2026.11.30), 责任领导, 落实情况 and 备注 — imported with NO edit to the file: one
 * click per name the roster does not know, then 确认导入. Every item carries its 分管领导, progress and note; the
 * past-due one is not counted late; the same file a second time asks nothing and changes nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, failureScreenshot, launch, newSession, type Session, screenshot, signIn } from './support';

let browser: Browser;
let office: Session;
const tag = Math.random().toString(36).slice(2, 7);

beforeAll(async () => {
  browser = await launch();
  office = await newSession(browser);
  await signIn(office.page, { role: 'office' });
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && office) await failureScreenshot(office.page, `ledger-import-${task.name.slice(0, 30)}`);
});

const go = (page: Page, path: string) => page.goto(`${baseUrl()}/console${path}`);

/** The workbook as an office's Excel keeps it (exceljs writes merged cells and date cells as Excel does). */
async function officeLedger(roadDeadline = '2099.11.30'): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('重点工作');
  const merged = (text: string) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 11);
  };
  merged('2026年市政府重点工作督查台账');
  sheet.addRow(['填报单位：市政府督查室', '', '', '', '', '', '', '', '填报日期：2026年11月20日']);
  sheet.addRow([
    '序号',
    '督查事项',
    '交办依据',
    '交办文号',
    '责任领导',
    '牵头单位',
    '配合单位',
    '完成时间',
    '工作要求',
    '落实情况',
    '备注',
  ]);
  merged('一、《政府工作报告》重点任务');
  sheet.addRow([
    1,
    `城区供水管网改造${tag}`,
    '《政府工作报告》',
    '',
    '张市长',
    '市发改委',
    '市住建局',
    '2026年12月底前',
    '1. 1.每月25日前报送进展\n2. 2.年底前完工',
    '已完成管网铺设60%',
    '跨年度项目',
  ]);
  sheet.addRow([
    2,
    `老旧小区改造${tag}`,
    '《政府工作报告》',
    '',
    '李副市长',
    '汉滨区政府',
    '',
    new Date('2026-06-30T00:00:00Z'),
    '按月报送',
    '已完成改造12个小区',
    '原定上半年完成',
  ]);
  merged('二、市政府常务会议决定事项');
  sheet.addRow([
    3,
    `河道清淤常态化${tag}`,
    '',
    `常务会议纪要〔2026〕${tag}号`,
    '张市长',
    '市住建局',
    '各县（市、区）政府',
    '长期坚持',
    '每月报送清淤进度',
    '',
    '',
  ]);
  sheet.addRow([4, `农村公路建设${tag}`, '市长批示', '', '李副市长', '市交通局', '市财政局', roadDeadline, '', '已开工', '']);
  merged('注：完成时间以市政府文件为准，进展情况截至填报日期。');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type Item = { title: string; leaderInCharge?: string; note?: string; progress?: { text: string }; standing?: true; coUnits: string[] };
type Assessment = { units: { unitId: string; openLate: number }[] };
const lateOf = async (unitId: string) =>
  (await apiAs<Assessment>('office', '/reports/assessment?year=2026')).units.find((u) => u.unitId === unitId)?.openLate ?? 0;

describe('an office’s own ledger brought in as it is', () => {
  it('previews, asks once per unknown name, imports every row with its leader, progress and note; a second import changes nothing', async () => {
    const { page } = office;
    const file = {
      name: '2026年重点工作督查台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await officeLedger(),
    };
    const lateBefore = await lateOf('hanbin-district');
    await go(page, '/office/items/import');
    await page.getByRole('heading', { name: '导入台账' }).waitFor();
    const input = page.locator('.ant-upload input[type=file]');
    await input.setInputFiles(file);
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    await page.locator('.ant-card', { hasText: '预检结果（尚未写入）' }).waitFor();
    // Which column was read as what, and the rows left out.
    await page.getByText('交办依据 → 来源').waitFor();
    await page.getByText('配合单位 → 协办单位').waitFor();
    await page.getByText(/第 1 行（标题/).waitFor();
    await page.getByText(/「各县（市、区）政府」指以下 5 个单位/).waitFor();
    await screenshot(page, 'ledger-import-01-preview');
    await page.locator('.ant-table-row').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'ledger-import-01b-preview-rows');

    await page
      .locator('.ant-table-row', { hasText: `城区供水管网改造${tag}` })
      .getByText('市发改委（待确认）')
      .waitFor();
    // One click per name the roster does not know: 市发改委, 市住建局 (on two rows), 汉滨区政府, 市交通局.
    const asked = page.locator('.import-name');
    await expect(asked.count()).resolves.toBe(4);
    for (const [written, meant] of [
      ['市发改委', '市发展和改革委员会'],
      ['市住建局', '市住房和城乡建设局'],
      ['汉滨区政府', '汉滨区人民政府'],
      ['市交通局', '市交通运输局'],
    ]) {
      const question = asked.filter({ hasText: `「${written}」` });
      await question.getByText('您是否指').waitFor();
      await question.getByRole('button', { name: meant }).click();
      await question.waitFor({ state: 'detached' });
    }
    await expect(page.locator('.import-names').count()).resolves.toBe(0);
    await page.getByRole('button', { name: '确认导入 4 项' }).waitFor();
    const pastDue = page.locator('.ant-table-row', { hasText: `老旧小区改造${tag}` });
    await pastDue.locator('.ant-tag', { hasText: '已过完成时限' }).waitFor();
    await pastDue.scrollIntoViewIfNeeded();
    await screenshot(page, 'ledger-import-02-confirmed');

    await page.getByRole('button', { name: '确认导入 4 项' }).click();
    await page.locator('.ant-card', { hasText: '导入结果' }).waitFor();
    await expect(page.locator('.ant-table-row .ant-tag', { hasText: '已新建' }).count()).resolves.toBe(4);
    await page.locator('.ant-table-row').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'ledger-import-03-imported');

    // Every item with its 分管领导, progress and note, as the file said; the collective name as its five counties.
    const hrefs = await page.locator('.ant-table-row a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toHaveLength(4);
    const items = await Promise.all(hrefs.map((h) => apiAs<Item>('office', `/items/${h.split('/').pop()}`)));
    const byTitle = Object.fromEntries(items.map((i) => [i.title.replace(tag, ''), i]));
    expect(byTitle.城区供水管网改造).toMatchObject({
      leaderInCharge: 'mayor-zhang',
      note: '跨年度项目',
      progress: { text: '已完成管网铺设60%' },
    });
    expect(byTitle.老旧小区改造).toMatchObject({ leaderInCharge: 'vice-mayor-li', progress: { text: '已完成改造12个小区' } });
    expect(byTitle.河道清淤常态化).toMatchObject({ leaderInCharge: 'mayor-zhang', standing: true });
    expect(byTitle.河道清淤常态化?.coUnits).toHaveLength(5);
    expect(byTitle.农村公路建设).toMatchObject({ leaderInCharge: 'vice-mayor-li', progress: { text: '已开工' } });
    // The item past its deadline before the import is not late for the unit.
    expect(await lateOf('hanbin-district')).toBe(lateBefore);
    // The item's page shows what the old ledger said.
    const supply = hrefs[items.findIndex((i) => i.title.startsWith('城区供水管网改造'))] ?? '';
    await go(page, `/office/items/${supply.split('/').pop()}`);
    await page.getByText('已完成管网铺设60%（截至').waitFor();
    await page.getByText('跨年度项目').waitFor();
    await page.getByText('2026年12月底前').waitFor();
    await screenshot(page, 'ledger-import-03b-item');
    await go(page, '/office/items/import');
    await page.getByRole('heading', { name: '导入台账' }).waitFor();

    // The same file again: the confirmed names are the units' aliases now, nothing is asked, nothing is new.
    await input.setInputFiles(file);
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    await page.locator('.ant-card', { hasText: '预检结果（尚未写入）' }).waitFor();
    await expect(page.locator('.ant-table-row .ant-tag', { hasText: '已导入过' }).count()).resolves.toBe(4);
    await expect(page.locator('.import-names').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /确认导入/ }).isDisabled()).resolves.toBe(true);
    await page.getByText('本文件各行均已导入，再次导入不会新增任何事项。').waitFor();
    await screenshot(page, 'ledger-import-04-again');

    // The file kept on, a deadline corrected in it: still the item the ledger holds (no second one), the change said.
    await input.setInputFiles({ ...file, buffer: await officeLedger('2099年12月31日') });
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    await page.getByTestId('import-row-differs').waitFor();
    await expect(page.locator('.ant-table-row .ant-tag', { hasText: '已导入过' }).count()).resolves.toBe(4);
    await expect(page.getByTestId('import-row-differs').textContent()).resolves.toContain(
      '完成时限台账为「2099-11-30」，文件为「2099-12-31」',
    );
    await expect(page.getByRole('button', { name: /确认导入/ }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'ledger-import-04b-corrected');

    // The roster shows what was learnt.
    await go(page, '/office/units');
    await page.locator('.unit-names', { hasText: '别名：汉滨区政府' }).waitFor();
    await screenshot(page, 'ledger-import-05-roster');
    expect(office.errors).toEqual([]);
  });

  it('registers the units of a 单位名册 with their contacts, leaving the ones the roster has', async () => {
    const { page } = office;
    await go(page, '/office/units');
    await page.getByRole('link', { name: '导入单位名册' }).click();
    await page.getByRole('heading', { name: '导入单位名册' }).waitFor();
    const roster = [
      '2026年督查工作联络员名册,,,,',
      '单位名称,简称,姓名,职务,电子邮箱',
      `市乡村振兴${tag}局,乡村振兴${tag}局,黄局长,局长,head.rural-${tag}@example.gov.cn`,
      `,,许科长,督查联络员,liaison.rural-${tag}@example.gov.cn`,
      '市财政局,,林局长,局长,head.finance-bureau@example.gov.cn',
    ].join('\r\n');
    await page
      .locator('.ant-upload input[type=file]')
      .setInputFiles({ name: '单位名册.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${roster}`) });
    await page.getByRole('button', { name: '预检名册' }).click();
    await page.locator('.ant-table-row', { hasText: '市财政局' }).locator('.ant-tag', { hasText: '名册中已有' }).waitFor();
    await screenshot(page, 'ledger-import-06-roster-preview');
    await page.getByRole('button', { name: '确认登记 1 个单位' }).click();
    await page
      .locator('.ant-table-row', { hasText: `市乡村振兴${tag}局` })
      .locator('.ant-tag', { hasText: '已登记' })
      .waitFor();
    await go(page, '/office/units');
    const made = page.locator('.ant-table-row', { hasText: `市乡村振兴${tag}局` });
    await made.locator('.unit-names', { hasText: `简称：乡村振兴${tag}局` }).waitFor();
    await made.getByText('负责人 黄局长').waitFor();
    await made.getByText('联络员 许科长').waitFor();
    await made.scrollIntoViewIfNeeded();
    await screenshot(page, 'ledger-import-07-roster-registered');

    // A unit the roster lacks is registered from the ledger's preview, and the row can then be imported.
    await go(page, '/office/items/import');
    const ledger = `\uFEFF序号,督查事项,来源,牵头单位,完成时限,督办要求\r\n1,政务数据共享${tag},政府工作报告,市数据${tag}局,2099年6月底前,按月报送\r\n`;
    await page
      .locator('.ant-upload input[type=file]')
      .setInputFiles({ name: '补充台账.csv', mimeType: 'text/csv', buffer: Buffer.from(ledger) });
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    const question = page.locator('.import-name', { hasText: `「市数据${tag}局」` });
    await question.getByText('不在单位名册中').waitFor();
    await question.getByRole('button', { name: '登记为新单位' }).click();
    await question.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '确认导入 1 项' }).waitFor();
    await screenshot(page, 'ledger-import-08-unit-registered-from-preview');
    expect(office.errors).toEqual([]);
  });
});
