/**
 * Delivery receipts in the console (issue 13): the office's notice page shows, per named unit, whether the notice
 * reached it (送达: 已送达 / 退信 / 待确认), and the unit roster tags a contact whose address bounced (无法送达).
 * The receipts are injected with `npm run mail-event`, into this run's own local system, as a person would.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { issueToken } from '../../scripts/local/tokens';
import { fileSystem } from '../integration/file-system';
import { baseUrl, launch, newSession, type Session, failureScreenshot, screenshot, signIn } from './support';

const run = promisify(execFile);
let browser: Browser;
let s: Session;

const tag = Math.random().toString(36).slice(2, 7);
// Ids that sort first, so the roster's first page holds them.
const told = `aa-told-${tag}`;
const bounced = `aa-bounced-${tag}`;
const toldLiaison = `liaison@${told}.example.gov.cn`;
const bouncedHead = `head@${bounced}.example.gov.cn`;
let noticeId = '';

async function post(path: string, body: unknown): Promise<{ id: string }> {
  const token = await issueToken({ role: 'office', secret: inject('consoleJwtSecret') });
  const res = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** `npm run mail-event -- KIND EMAIL` against this run's system (its DynamoDB Local and table). */
async function mailEvent(kind: string, address: string): Promise<Record<string, unknown>> {
  const port = new URL(fileSystem().dynamodbEndpoint).port;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/mail-event.ts', kind, address], {
    env: { ...process.env, DYNAMODB_PORT: port, LEDGER_TABLE_NAME: fileSystem().tableName },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser);
  await post('/units', {
    id: told,
    name: `送达测试县${tag}`,
    kind: 'county',
    contacts: [
      { name: '刘县长', email: `head@${told}.example.gov.cn`, role: 'head' },
      { name: '王联络员', email: toldLiaison, role: 'liaison' },
    ],
  });
  await post('/units', {
    id: bounced,
    name: `退信测试局${tag}`,
    kind: 'department',
    contacts: [{ name: '赵局长', email: bouncedHead, role: 'head' }],
  });
  noticeId = (await post('/notices', { level: 'office', unitIds: [told, bounced], reason: `送达测试通报${tag}` })).id;
}, 60_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && s) await failureScreenshot(s.page, `${task.name.slice(0, 40)}`);
});

describe('delivery receipts in the console', () => {
  it("the notice page's 送达 column: 已送达 for the unit whose mail was delivered, 退信 for the one whose mail bounced", async () => {
    expect(await mailEvent('delivery', toldLiaison)).toMatchObject({ outcome: 'recorded', type: 'delivery' });
    expect(await mailEvent('bounce', bouncedHead)).toMatchObject({ outcome: 'recorded', undeliverable: [bounced] });
    const { page } = s;
    await signIn(page, { role: 'office' });
    await page.goto(`${baseUrl()}/console/office/notices/${encodeURIComponent(noticeId)}`);
    await page.getByRole('columnheader', { name: '送达' }).waitFor();
    const row = (name: string) => page.locator('.ant-table-row', { hasText: name });
    await expect.poll(() => row(`送达测试县${tag}`).locator('[data-delivery]').getAttribute('data-delivery')).toBe('delivered');
    expect(await row(`送达测试县${tag}`).locator('.ant-tag', { hasText: '已送达' }).count()).toBe(1);
    expect(await row(`退信测试局${tag}`).locator('.ant-tag', { hasText: '退信' }).count()).toBe(1);
    await screenshot(page, 'delivery-01-notice');
  });

  it('the unit roster tags the bounced contact 无法送达, and only that one', async () => {
    const { page } = s;
    await page.goto(`${baseUrl()}/console/office/units`);
    const bouncedRow = page.locator('.ant-table-row', { hasText: `退信测试局${tag}` });
    await bouncedRow.waitFor();
    expect(await bouncedRow.locator('.ant-tag', { hasText: '无法送达' }).count()).toBe(1);
    expect(
      await page
        .locator('.ant-table-row', { hasText: `送达测试县${tag}` })
        .locator('.ant-tag', { hasText: '无法送达' })
        .count(),
    ).toBe(0);
    await screenshot(page, 'delivery-02-roster');
    expect(s.errors).toEqual([]);
  });
});
