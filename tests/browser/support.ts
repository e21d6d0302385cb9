/**
 * Driving the console in Debian's Chromium (playwright-core: no browser
 * download) at the size of an office screen, in Chinese, in Shanghai time.
 * Screenshots go to test-results/console/ for a person to look at: every
 * step's with SCREENSHOTS=1 (`SCREENSHOTS=1 npm run test:browser`), a failed
 * step's always.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { issueToken, type Role } from '../../scripts/local/tokens';
import { fileSystem } from '../integration/file-system';

export const SCREENSHOTS = resolve('test-results', 'console');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const baseUrl = () => fileSystem().apiUrl;

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and React's error logs: a test ends by expecting none. */
  errors: string[];
}

export async function newSession(browser: Browser): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    // As a person who turned animations off: the console then shows dialogs and dropdowns at once (main.tsx).
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  // The browser's own question on leaving a half-filled form (beforeunload) is answered 离开, as a test moves on.
  page.on('dialog', (dialog) => void dialog.accept());
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Refused requests show as failed resources (the API's 4xx are part of the tests); anything else logged as an error is a bug.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  return { context, page, errors };
}

/** Pictures of every step are asked for: each costs a wait for the page to settle and the encoding of a PNG. */
export const PHOTOGRAPH_STEPS = process.env.SCREENSHOTS === '1';

/** A picture of the page for a person to judge layout and fonts, when asked for (PHOTOGRAPH_STEPS). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (PHOTOGRAPH_STEPS) await photograph(page, name);
}

/** The page as a failed step left it, always: what the person reading the failure looks at first. */
export async function failureScreenshot(page: Page, name: string): Promise<void> {
  await photograph(page, `failed-${name}`).catch(() => undefined);
}

async function photograph(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let requests, toasts and charts settle (bounded: a PDF viewer in a frame keeps the network busy).
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.evaluate('document.fonts.ready');
  // The whole page, below the fold too: what is looked at is everything the page shows.
  await page.screenshot({ path: join(SCREENSHOTS, `${name.replace(/[/\\]/g, '-')}.png`), animations: 'disabled', fullPage: true });
}

/**
 * Opens a page of the console. Once the console is loaded, by the router (as a click on a link would), not by
 * reloading it: a reload parses the console's scripts and asks every query again, which the page scan paid twenty
 * times. Then waits until the page's data has come (`settled`).
 */
export async function visit(page: Page, path: string): Promise<void> {
  const url = `${baseUrl()}/console${path}`;
  if (page.url().startsWith(`${baseUrl()}/console/`) && (await page.locator('main[aria-busy]').count()) > 0) {
    // As strings: this program is typed without the DOM.
    await page.evaluate(`history.pushState(null, '', ${JSON.stringify(url)}); dispatchEvent(new PopStateEvent('popstate'))`);
  } else {
    await page.goto(url);
  }
  await settled(page);
}

/**
 * Waits until the console's main area is no longer busy (aria-busy: a query in flight or a route loading). Two
 * frames first: a page's queries start in effects run after its first paint.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  await page.locator('main[aria-busy="false"]').waitFor();
}

/** The API called directly, with a token of the run's local system: to check what a page claims. */
export async function apiAs<T>(role: Role, path: string, unitId?: string): Promise<T> {
  const token = await issueToken({ role, unitId, secret: inject('consoleJwtSecret') });
  const response = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** A change through the API (POST, a fresh Idempotency-Key), to set the scene: what is tested is done on the page. */
export async function postAs<T>(role: Role, path: string, body?: unknown, unitId?: string): Promise<T> {
  const token = await issueToken({ role, unitId, secret: inject('consoleJwtSecret') });
  const response = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A small but real PDF (one blank page): the API checks the stored file's first bytes. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A 1×1 PNG: a photo of the works, as far as the API's check of its first bytes goes. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The attachment preview shows the image it read from storage into the page (a blob: URL): its pixels exist only if
 * the bytes arrived, so the test PNG (1×1) must report its natural width of 1.
 */
export async function expectPreviewedImage(preview: Locator): Promise<void> {
  const image = preview.locator('img.attachment-preview');
  await image.waitFor();
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  await expect
    .poll(
      () =>
        image.evaluate((img) => {
          const loaded = img as unknown as { complete: boolean; naturalWidth: number };
          return loaded.complete ? loaded.naturalWidth : -1;
        }),
      { timeout: 10_000 },
    )
    .toBe(1);
}

/** Signs in through the local sign-in page, as a person would: a role's button, or a unit's row. */
export async function signIn(page: Page, who: { role: Exclude<Role, 'unit'> } | { unitName: string }): Promise<void> {
  await page.goto(`${baseUrl()}/console/sign-in`);
  if ('role' in who) {
    const label = { office: '以督查室身份登录', leader: '以领导身份登录', inspector: '以督查员身份登录' }[who.role];
    await page.getByRole('button', { name: label }).click();
  } else {
    await page.locator('.ant-list-item', { hasText: who.unitName }).getByRole('button', { name: '登录' }).click();
  }
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '本机登录' }).waitFor();
}

/**
 * A confirmation (modal.confirm) once it has finished zooming in: on a loaded machine a click during the animation
 * was seen to go unheard.
 */
export async function confirmation(page: Page, title: string) {
  const dialog = page.locator('.ant-modal-confirm:not(.ant-zoom-appear)', { hasText: title });
  await dialog.waitFor();
  await expectChinese(dialog);
  return dialog;
}

/**
 * What a person reads: the text of a page (not its addresses or attributes) holds no id (a UUID, a demo-… code), no
 * ISO instant (times are Shanghai's, written for people), no API path, and no English word but a few names of
 * formats and sizes (OFD is the national format of official documents). Addresses (mail, web) are taken out first.
 */
const ALLOWED_WORDS = new Set(['Excel', 'CSV', 'PDF', 'OFD', 'PNG', 'JPG', 'JPEG', 'ZIP', 'Word', 'Atom', 'Cognito', 'KB', 'MB']);
export function unreadable(text: string): string[] {
  const found: string[] = [];
  // Addresses, links and files' names are the people's own words, whatever their script.
  const prose = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[^\s「」（）]+\.(?:csv|xlsx|pdf|png|jpe?g|zip)\b/gi, ' ');
  for (const [what, pattern] of [
    ['id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
    ['id', /\bdemo-[a-z0-9-]+/g],
    ['ISO time', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g],
    ['API path', /(?:GET|POST|PUT|PATCH|DELETE)?\s?\/(?:items|units|notices|calendar|reports|attachments|referrals|public)\b[\w/{}.-]*/g],
  ] as const) {
    for (const m of prose.matchAll(pattern)) found.push(`${what}: ${m[0]}`);
  }
  for (const m of prose.matchAll(/[A-Za-z]{2,}/g)) if (!ALLOWED_WORDS.has(m[0])) found.push(`English: ${m[0]}`);
  return found;
}

/** A dialog (or any part of a page) as a person reads it: Chinese, no ids, no UTC, no API paths (`unreadable`). */
export async function expectChinese(part: Locator): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not the text of hidden parts.
  expect(unreadable(await part.innerText())).toEqual([]);
}

/** Picks an option of an antd Select by its text (the options are in a popup, not a native select). */
export async function pick(page: Page, field: ReturnType<Page['locator']>, option: string): Promise<void> {
  // This select's own dropdown (its listbox is `<id>_list`), never one still closing from an earlier pick: on a busy
  // machine the leave animation keeps the last dropdown visible long enough to take the click.
  const id = await field.getAttribute('id');
  const dropdown = id
    ? page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)', { has: page.locator(`[id="${id}_list"]`) })
    : page.locator('.ant-select-dropdown:visible');
  // The chosen option's label is the title of the select's content (the input's parent), in antd 6.
  const chosen = () => field.locator('xpath=..').getAttribute('title');
  // On a loaded machine (two cores, the whole suite beside it) a click on an option still sliding in was seen to close
  // the dropdown with nothing chosen, and the form then refused to submit: the pick holds only once the select shows it.
  for (let attempt = 1; ; attempt++) {
    if (!(await dropdown.isVisible())) await field.click();
    await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
    const took = await field
      .locator(`xpath=parent::*[contains(@title, ${JSON.stringify(option)})]`)
      .waitFor({ timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (took) return;
    if (attempt === 3) throw new Error(`the select ${id ?? ''} shows 「${await chosen()}」, not 「${option}」, after three picks`);
  }
}

/** Types a date into an antd DatePicker and leaves the field (Enter would submit the form it is in). */
export async function typeDate(field: ReturnType<Page['locator']>, date: string): Promise<void> {
  await field.fill(date);
  await field.press('Tab');
}
