/**
 * Issues 13 and 14 in the console, in Chromium against the local system: the office enters next year's
 * holidays (工作日历) and sees them; an item due in 5 working days shows how its date was counted; a contact's
 * mail topics are changed and read back; the light's reason and a notice's 文号 are the API's own.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { mailTopicLabels } from '../../functions/domain/labels';
import { issueToken } from '../../scripts/local/tokens';
import {
  apiAs,
  baseUrl,
  launch,
  newSession,
  pick,
  failureScreenshot,
  screenshot,
  type Session,
  signIn,
  signOut,
  typeDate,
  expectChinese,
} from './support';

let browser: Browser;
let s: Session;

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser);
  await signIn(s.page, { role: 'office' });
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && s) await failureScreenshot(s.page, `${task.name.slice(0, 40)}`);
});

const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
const nextYear = thisYear + 1;
/** 春节's makeup working day: the first Saturday or Sunday after the holiday (调休 only ever moves a weekend day). */
const springMakeup = (() => {
  let day = `${nextYear}-02-13`;
  while (![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
})();
const tag = Math.random().toString(36).slice(2, 7);

/** A change through the API as the office, for what this file needs in place but does not test. */
async function officeSends<T>(method: string, path: string, body: unknown): Promise<T> {
  const token = await issueToken({ role: 'office', secret: inject('consoleJwtSecret') });
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `browser-${tag}-${path}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Types both ends of an antd RangePicker (the form item's id is on the first input); Enter would submit the form. */
async function typeRange(page: Page, id: string, first: string, last: string): Promise<void> {
  const inputs = page.locator('.ant-picker-range', { has: page.locator(`#${id}`) }).locator('input');
  await inputs.nth(0).click();
  await inputs.nth(0).fill(first);
  await inputs.nth(1).click();
  await inputs.nth(1).fill(last);
  await inputs.nth(1).press('Tab');
  await expect.poll(() => inputs.nth(1).inputValue()).toBe(last);
  await expect(inputs.nth(0).inputValue()).resolves.toBe(first);
}

/** Picks an option of a searchable antd Select by typing part of it (a long list renders only its first options). */
async function search(page: Page, field: ReturnType<Page['locator']>, typed: string, option: string): Promise<void> {
  await field.click();
  await field.fill(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

interface CalendarYear {
  source: string;
  holidays: { date: string; name: string }[];
  makeupDays: { date: string; name: string }[];
}

describe('工作日历', () => {
  it('shows the year in effect, and takes next year’s holidays with refusals marked on the row', async () => {
    const { page } = s;
    await page.getByRole('link', { name: '工作日历' }).click();
    await page.getByRole('heading', { name: '工作日历' }).waitFor();
    const current = await apiAs<CalendarYear>('office', `/calendar/${thisYear}`);
    const sourceText = { office: '督查室录入', 'chinese-days': '内置数据', none: '尚未录入' }[current.source] ?? '?';
    await page
      .locator('.ant-card-head', { hasText: `${thisYear} 年节假日安排` })
      .getByText(sourceText)
      .waitFor();
    if (current.holidays.length > 0) {
      // Every holiday of the year has its line (consecutive days of one name are one line).
      for (const name of new Set(current.holidays.map((h) => h.name)))
        await page.locator('.ant-table-row', { hasText: name }).first().waitFor();
    }
    await screenshot(page, '20-office-calendar');

    await pick(page, page.locator('#calendar-year'), `${nextYear} 年`);
    // The year's tag (in December the page's notes also say that next year is 尚未录入).
    await page.getByText('尚未录入', { exact: true }).waitFor();
    await page.getByRole('button', { name: `录入 ${nextYear} 年安排` }).click();
    await page.getByRole('button', { name: '添加节日' }).click();
    await page.locator('#holidays_0_name').fill('元旦');
    await typeRange(page, 'holidays_0_range', `${nextYear}-01-01`, `${nextYear}-01-03`);
    await page.getByRole('button', { name: '添加节日' }).click();
    await page.locator('#holidays_1_name').fill('春节');
    await typeRange(page, 'holidays_1_range', `${nextYear}-02-05`, `${nextYear}-02-12`);
    await page.getByRole('button', { name: '添加调休上班日' }).click();
    await page.locator('#makeupDays_0_name').fill('春节');
    // A day already off: the API refuses it and names makeupDays.0.date.
    await typeDate(page.locator('#makeupDays_0_date'), `${nextYear}-02-06`);
    await page.getByRole('button', { name: `保存 ${nextYear} 年安排` }).click();
    await page.locator('.ant-alert-error', { hasText: '同一天不能既是放假日又是调休上班日' }).waitFor();
    const makeupItem = page.locator('.ant-form-item', { has: page.locator('#makeupDays_0_date') });
    await makeupItem.locator('.ant-form-item-explain-error', { hasText: `${nextYear}-02-06 已列为放假日` }).waitFor();
    await screenshot(page, '21-office-calendar-refused');

    await typeDate(page.locator('#makeupDays_0_date'), springMakeup);
    await page.getByRole('button', { name: `保存 ${nextYear} 年安排` }).click();
    await page.locator('.ant-message', { hasText: `已保存 ${nextYear} 年节假日安排：放假 11 天，调休上班 1 天` }).waitFor();
    const card = page.locator('.ant-card', { hasText: `${nextYear} 年节假日安排` });
    await card.getByText('督查室录入').waitFor();
    await card.locator('.ant-table-row', { hasText: '元旦' }).getByText('3 天').waitFor();
    const spring = card.locator('.ant-table-row', { hasText: '春节' });
    await spring.getByText('8 天').waitFor();
    await spring.getByText(`2月${Number(springMakeup.slice(8))}日`).waitFor();
    const saved = await apiAs<CalendarYear>('office', `/calendar/${nextYear}`);
    expect(saved.source).toBe('office');
    expect(saved.holidays).toHaveLength(11);
    expect(saved.makeupDays).toEqual([{ date: springMakeup, name: '春节' }]);
    await screenshot(page, '22-office-calendar-entered');
    expect(s.errors).toEqual([]);
  });
});

interface Item {
  id: string;
  dueDate: string;
  dueRule?: { workingDays: number; explanation: string };
  light: string;
  lightReason: string;
  title: string;
}

let workingDaysItem = { id: '', title: '' };

describe('a deadline in working days', () => {
  it('is registered as 5 工作日, and the item page says how its date was counted', async () => {
    const { page } = s;
    const title = `浏览器测试：5个工作日内反馈交通安全隐患整改情况 ${tag}`;
    await page.getByRole('link', { name: '立项派发' }).click();
    await page.getByRole('heading', { name: '立项派发' }).waitFor();
    await page.locator('#title').fill(title);
    await pick(page, page.locator('#source'), '领导批示件');
    await page.locator('#sourceRef').fill('市长批示〔2026〕7号');
    await search(page, page.locator('#leadUnit'), '交通', '市交通运输局');
    await page.getByText('工作日', { exact: true }).click();
    await page.locator('#dueDate').fill('5');
    await page.locator('#requirements_0').fill('整改措施及完成情况');
    await screenshot(page, '23-office-register-working-days');
    await page.getByRole('button', { name: '立项并派发' }).click();
    await page.getByRole('heading', { name: title, exact: true }).waitFor();

    workingDaysItem = { id: decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? ''), title };
    const item = await apiAs<Item>('office', `/items/${encodeURIComponent(workingDaysItem.id)}`);
    expect(item.dueRule?.workingDays).toBe(5);
    const rule = page.getByTestId('due-rule');
    await expect(rule.textContent()).resolves.toContain(item.dueRule?.explanation);
    const due = page.locator('.ant-descriptions-item', { has: rule });
    await expect(due.textContent()).resolves.toContain(item.dueDate);
    await screenshot(page, '24-office-item-due-rule');
    expect(s.errors).toEqual([]);
  });

  it('the lead unit asks 3 more working days; once approved, the item explains its new date', async () => {
    const { page } = s;
    const { id, title } = workingDaysItem;
    expect(id).not.toBe('');
    await signOut(page);
    await signIn(page, { unitName: '市交通运输局' });
    await page.goto(`${baseUrl()}/console/unit/items/${encodeURIComponent(id)}`);
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.getByRole('button', { name: '签收' }).click();
    await page.locator('.ant-message', { hasText: '已签收' }).waitFor();
    await page.getByRole('button', { name: '申请延期' }).click();
    const dialog = page.getByRole('dialog', { name: '申请延期' });
    await dialog.getByText('工作日', { exact: true }).click();
    await dialog.locator('#newDueDate').fill('3');
    await dialog.locator('#reason').fill('涉及多个路段，需与公安交警部门联合排查');
    await expectChinese(dialog);
    await screenshot(page, '29-unit-extension-working-days');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.locator('.ant-message', { hasText: '已提交延期申请' }).waitFor();
    const requests = await apiAs<{ items: { newDueDate: string; newDueRule?: { workingDays: number } }[] }>(
      'office',
      `/items/${encodeURIComponent(id)}/extension-requests`,
    );
    expect(requests.items[0]?.newDueRule?.workingDays).toBe(3);
    const asked = requests.items[0]?.newDueDate ?? '';

    await signOut(page);
    await signIn(page, { role: 'office' });
    // The office finds the request in its 待办 and goes from there to the item.
    await page.getByRole('link', { name: /^待办/ }).click();
    const waiting = page.getByTestId('to-do-extensions');
    await waiting.getByRole('link', { name: title }).waitFor();
    await screenshot(page, '29b-office-to-do-extension');
    await waiting.getByRole('link', { name: title }).click();
    const row = page.locator('.ant-card', { hasText: '延期申请' }).locator('.ant-table-row');
    await row.getByText('（3 个工作日）').waitFor();
    await row.getByRole('button', { name: '批准', exact: true }).click();
    const decision = page.getByRole('dialog', { name: `批准延期至 ${asked}` });
    await decision.getByText('按工作日推算：').waitFor();
    await decision.locator('#note').fill('同意');
    await expectChinese(decision);
    await decision.getByRole('button', { name: '批准' }).click();
    await page.locator('.ant-message', { hasText: `已批准延期至 ${asked}` }).waitFor();
    const item = await apiAs<Item>('office', `/items/${encodeURIComponent(id)}`);
    expect(item).toMatchObject({ dueDate: asked, dueRule: { workingDays: 3 } });
    await expect.poll(() => page.getByTestId('due-rule').textContent()).toContain(item.dueRule?.explanation);
    expect(s.errors).toEqual([]);
  });
});

interface Unit {
  version: number;
  contacts: { name: string; role: string; receives?: string[] }[];
}

describe('收件设置', () => {
  it('a head keeps only 通报; read back from the API and on reopening', async () => {
    const { page } = s;
    await page.getByRole('link', { name: '责任单位' }).click();
    await page.getByRole('heading', { name: '责任单位' }).waitFor();
    await page.getByRole('button', { name: '紫阳县人民政府的收件设置' }).click();
    const dialog = page.getByRole('dialog', { name: '收件设置：紫阳县人民政府' });
    const head = dialog.getByRole('group', { name: '孙县长接收的邮件' });
    // Nothing chosen yet: every topic, the API's default.
    await expect(head.getByRole('checkbox', { checked: true }).count()).resolves.toBe(9);
    await expectChinese(dialog);
    // Every topic but 通报, by the labels the API declares (functions/domain/labels.ts), not copies of them.
    for (const label of Object.entries(mailTopicLabels)
      .filter(([topic]) => topic !== 'notice')
      .map(([, label]) => label)) {
      await head.getByLabel(label, { exact: true }).uncheck();
    }
    await screenshot(page, '25-office-contact-topics');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-message', { hasText: '已保存紫阳县人民政府的收件设置' }).waitFor();

    const unit = await apiAs<Unit>('office', '/units/ziyang-county');
    expect(unit.contacts.find((c) => c.role === 'head')).toMatchObject({ name: '孙县长', receives: ['notice'] });
    expect(unit.contacts.find((c) => c.role === 'liaison')?.receives).toBeUndefined();

    await page.getByRole('button', { name: '紫阳县人民政府的收件设置' }).click();
    const reopened = page.getByRole('dialog', { name: '收件设置：紫阳县人民政府' });
    await expect(reopened.getByRole('group', { name: '孙县长接收的邮件' }).getByLabel('通报', { exact: true }).isChecked()).resolves.toBe(
      true,
    );
    await expect(reopened.getByRole('group', { name: '孙县长接收的邮件' }).getByRole('checkbox', { checked: true }).count()).resolves.toBe(
      1,
    );
    await expect(reopened.getByRole('group', { name: '钱秘书接收的邮件' }).getByRole('checkbox', { checked: true }).count()).resolves.toBe(
      9,
    );
    await reopened.getByRole('button', { name: '取消' }).click();
    await reopened.waitFor({ state: 'hidden' });
    expect(s.errors).toEqual([]);
  });
});

describe('the light’s reason and the notice’s 文号 are the API’s', () => {
  it('a red item shows the API’s lightReason on its page and on the board', async () => {
    const { page } = s;
    const red = (await apiAs<{ items: Item[] }>('office', '/items?light=red&limit=1')).items[0];
    expect(red).toBeDefined();
    if (!red) return;
    expect(red.lightReason).toMatch(/已过\d+天/);
    await page.goto(`${baseUrl()}/console/office/items/${encodeURIComponent(red.id)}`);
    await page.getByRole('heading', { name: red.title }).waitFor();
    await expect(page.locator('.ant-descriptions-item', { hasText: '红黄绿灯' }).locator('.light-reason').textContent()).resolves.toBe(
      red.lightReason,
    );
    await screenshot(page, '26-office-item-light-reason');
    await page.goto(`${baseUrl()}/console/office/board?light=red`);
    await page.locator('.ant-table-row', { hasText: red.title }).locator('.light-reason', { hasText: red.lightReason }).waitFor();
    expect(s.errors).toEqual([]);
  });

  it('a notice exposed in the media is listed by its 文号, marked 已公开曝光, and the public feed is linked', async () => {
    const { page } = s;
    const notice = await officeSends<{ id: string; documentNumber?: string }>('POST', '/notices', {
      level: 'government',
      unitIds: ['market-regulation'],
      reason: `浏览器测试：食品安全专项整治推进不力，以政府名义通报批评并公开曝光 ${tag}`,
      mediaExposure: true,
    });
    expect(notice.documentNumber).toMatch(/^.+〔\d{4}〕\d+号$/);
    const number = notice.documentNumber ?? '';
    await page.getByRole('link', { name: '通报与整改' }).click();
    await page.getByRole('heading', { name: '通报与整改' }).waitFor();
    const row = page.locator('.ant-table-row', { hasText: number });
    await row.getByText('已公开曝光').waitFor();
    await expect(page.getByRole('link', { name: '公开曝光列表' }).getAttribute('href')).resolves.toBe('/public/notices');
    await screenshot(page, '27-office-notices-numbered');
    const feed = (await (await fetch(`${baseUrl()}/public/notices`)).json()) as { items: { id: string }[] };
    expect(feed.items.map((n) => n.id)).toContain(notice.id);

    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: `${number} 以政府名义通报` }).waitFor();
    await screenshot(page, '28-office-notice-numbered');
    expect(s.errors).toEqual([]);
  });
});
