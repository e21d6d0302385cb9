import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../functions/domain/calendar';
import { parseAtom } from '../atom';
import { ENV } from '../../functions/config';
import { fileSystem } from './file-system';
import { api, apiUrl, registerUnitWithHead, tokenFor } from './support';

/**
 * 公开曝光 through the local API, without a token: only government-level notices issued with media exposure,
 * and of them only what the public may read. Other test files issue notices too: this one looks for its own
 * by tag, and checks the whole feed for what must never be in it.
 */
const tag = randomUUID().slice(0, 8);
const unit = `pub-county-${tag}`;
const dueDate = addDays(shanghaiDate(new Date()), 40);
let office: string;
let itemId: string;
const ids: Record<'exposed' | 'office' | 'quiet', string> = { exposed: '', office: '', quiet: '' };

const secrets = [
  `线索-${tag}`,
  `整改正文-${tag}`,
  `措施-${tag}`,
  `内部通报-${tag}`,
  `不曝光-${tag}`,
  `head@${unit}.example.gov.cn`,
  'local-office',
];
const forbiddenFields = ['referralSuggested', 'rectifications', 'issuedBy', 'copyFlags', 'possibleCopyOf', 'contacts', 'clue', 'escalates'];

async function issue(level: string, mediaExposure: boolean, reason: string): Promise<string> {
  const res = await api('POST', '/notices', { token: office, body: { level, unitIds: [unit], itemIds: [itemId], reason, mediaExposure } });
  expect(res.status, res.text).toBe(201);
  return res.json.id;
}

beforeAll(async () => {
  office = await tokenFor('office');
  await registerUnitWithHead(office, { id: unit, name: `曝光县${tag}`, kind: 'county' });
  const item = await api('POST', '/items', {
    token: office,
    body: {
      title: `城区污水管网改造-${tag}`,
      source: 'media-report',
      sourceRef: '《安康日报》',
      leadUnit: unit,
      dueDate,
      requirements: ['进展'],
    },
  });
  expect(item.status, item.text).toBe(201);
  itemId = item.json.id;
  ids.exposed = await issue('government', true, `公开曝光事由-${tag}`);
  ids.office = await issue('office', false, `内部通报-${tag}`);
  ids.quiet = await issue('government', false, `不曝光-${tag}`);
  // What must stay inside: a referral's clue and a rectification's text, both about the exposed unit.
  expect((await api('POST', '/referrals', { token: office, body: { unitId: unit, itemId, clue: `线索-${tag}` } })).status).toBe(201);
  const rectified = await api('POST', `/notices/${ids.exposed}/rectifications`, {
    token: await tokenFor('unit', unit),
    body: { explanation: '重视不够', measures: `措施-${tag}`, report: `整改正文-${tag}` },
  });
  expect(rectified.status, rectified.text).toBe(201);
});

function expectNoLeak(text: string) {
  for (const secret of secrets) expect(text, secret).not.toContain(secret);
  for (const field of forbiddenFields) expect(text, field).not.toContain(field);
  expect(text).not.toMatch(/@[\w.-]+\.example\.gov\.cn/);
}

describe('公开曝光: GET /public/notices (JSON)', () => {
  it('answers without a token, cacheable by a CDN, with the exposed notice only: date, units, items, reason', async () => {
    const res = await api('GET', '/public/notices?limit=50');
    expect(res.status, res.text).toBe(200);
    expect(res.headers['cache-control']).toMatch(/^public, .*s-maxage=\d+/);
    const mine = (res.json.items as { id: string }[]).filter((n) => Object.values(ids).includes(n.id));
    expect(mine).toEqual([
      {
        id: ids.exposed,
        documentNumber: expect.stringMatching(/^安督通〔\d{4}〕\d+号$/),
        issuedAt: expect.any(String),
        date: shanghaiDate(new Date()),
        units: [{ id: unit, name: `曝光县${tag}` }],
        items: [{ title: `城区污水管网改造-${tag}`, dueDate }],
        reason: `公开曝光事由-${tag}`,
      },
    ]);
    expect(res.json.items.every((n: { id: string }) => n.id)).toBe(true);
    expectNoLeak(res.text);
  });

  it('ignores a token: the public read the same, and nothing more is shown to the office', async () => {
    const withToken = await api('GET', '/public/notices?limit=50', { token: office });
    expect(withToken.status).toBe(200);
    expectNoLeak(withToken.text);
  });
});

describe('公开曝光: GET /public/notices.atom', () => {
  it('is valid Atom with an entry for the exposed notice, and nothing it must not hold', async () => {
    const res = await api('GET', '/public/notices.atom');
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/^public, /);
    const { feed, entries } = parseAtom(res.text);
    expect(String(feed.id)).toMatch(/^http:\/\/.+\/public\/notices\.atom$/);
    const mine = entries.filter((e) => String(e.id).endsWith(`#${ids.exposed}`));
    expect(mine).toHaveLength(1);
    const content = String((mine[0]!.content as { '#text': string })['#text']);
    expect(content).toContain(`公开曝光事由-${tag}`);
    expect(content).toContain(`城区污水管网改造-${tag}`);
    expect(entries.some((e) => String(e.id).endsWith(`#${ids.office}`) || String(e.id).endsWith(`#${ids.quiet}`))).toBe(false);
    expectNoLeak(res.text);
  });
});

describe('公开曝光: the Atom feed’s identity (issue 21, item 10)', () => {
  it('builds id and links from the configured base, whatever X-Forwarded-Host and -Proto say; updated is the newest entry’s', async () => {
    const forged = await api('GET', '/public/notices.atom', {
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'javascript' },
    });
    expect(forged.status, forged.text).toBe(200);
    expect(forged.text).not.toContain('evil.example');
    expect(forged.text).not.toContain('javascript');
    const { feed, entries } = parseAtom(forged.text);
    // Locally the base is the server's own address, from PORT: http://localhost:<port>.
    const base = fileSystem().env[ENV.publicBaseUrl]!;
    expect(base).toBe(`http://localhost:${new URL(apiUrl()).port}`);
    const id = `${base}/public/notices.atom`;
    expect(feed.id).toBe(id);
    expect(feed.link).toEqual([expect.objectContaining({ '@_rel': 'self', '@_href': id })]);
    expect(entries.every((e) => String(e.id).startsWith(`${id}#`))).toBe(true);
    expect(parseAtom((await api('GET', '/public/notices.atom')).text).feed.id).toBe(id);

    const newest = (await api('GET', '/public/notices?limit=1')).json.items[0];
    expect(feed.updated).toBe(newest.issuedAt);
    expect(newest.documentNumber).toMatch(/〔\d{4}〕\d+号$/);
    const entry = entries.find((e) => String(e.id).endsWith(`#${newest.id}`))!;
    expect(String(entry.title)).toContain(newest.documentNumber);
    expect(String((entry.content as { '#text': string })['#text'])).toContain(`文号：${newest.documentNumber}`);
  });
});

describe('公开曝光: both routes read their query alike (issue 21, item 7)', () => {
  it('refuse a bad limit or cursor with 400 naming it, and ignore any other parameter', async () => {
    for (const path of ['/public/notices', '/public/notices.atom']) {
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=51', 'limit'],
        ['cursor=', 'cursor'],
      ] as const) {
        const res = await api('GET', `${path}?${query}`);
        expect(res.status, `${path}?${query}: ${res.text}`).toBe(400);
        expect(res.json.error.details.map((d: { path?: string }) => d.path)).toContainEqual(
          expect.stringMatching(new RegExp(`(^|\\.)${field}$`)),
        );
      }
      const tracked = await api('GET', `${path}?utm_source=weibo&x=1`);
      expect(tracked.status, `${path}: ${tracked.text}`).toBe(200);
    }
  });

  it('page the Atom feed by the next link, as the JSON by its cursor', async () => {
    await issue('government', true, `第二条曝光-${tag}`);
    const json = (await api('GET', '/public/notices?limit=1')).json;
    const first = parseAtom((await api('GET', '/public/notices.atom?limit=1&utm_source=rss')).text);
    expect(first.entries.map((e) => String(e.id).split('#')[1])).toEqual([json.items[0].id]);
    const next = first.feed.link.find((l: Record<string, string>) => l['@_rel'] === 'next')['@_href'] as string;
    expect(next).toBe(`${first.feed.id}?limit=1&cursor=${encodeURIComponent(json.cursor)}`);
    const second = parseAtom((await api('GET', next.slice(next.indexOf('/public/')))).text);
    const olderJson = (await api('GET', `/public/notices?limit=1&cursor=${encodeURIComponent(json.cursor)}`)).json;
    expect(second.feed.id).toBe(first.feed.id);
    expect(second.entries.map((e) => String(e.id).split('#')[1])).toEqual([olderJson.items[0].id]);
  });
});

describe('公开曝光: a withdrawn notice (撤销通报)', () => {
  it('leaves the JSON feed and the Atom feed', async () => {
    const id = await issue('government', true, `撤销前曝光-${tag}`);
    const listed = async () => ((await api('GET', '/public/notices?limit=50')).json.items as { id: string }[]).map((n) => n.id);
    const inAtom = async () =>
      parseAtom((await api('GET', '/public/notices.atom')).text).entries.some((e) => String(e.id).endsWith(`#${id}`));
    expect(await listed()).toContain(id);
    expect(await inAtom()).toBe(true);
    const res = await api('POST', `/notices/${id}/withdrawal`, { token: office, body: { reason: `误发通报-${tag}` } });
    expect(res.status, res.text).toBe(200);
    expect(await listed()).not.toContain(id);
    expect(await inAtom()).toBe(false);
    // The exposed notice that still stands is still there.
    expect(await listed()).toContain(ids.exposed);
  });
});
