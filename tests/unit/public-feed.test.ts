import { describe, expect, it } from 'vitest';
import type { Notice } from '../../functions/domain/notices';
import { atomFeed, EMPTY_FEED_UPDATED, feedAddresses, isPublic, publicBaseUrl, publicNotice } from '../../functions/domain/public-feed';
import { parseAtom } from '../atom';

/** A notice carrying everything a notice can carry, some of it confidential. */
const notice = (over: Partial<Notice> = {}): Notice => ({
  id: 'n-2026-001',
  documentNumber: '安督通〔2026〕12号',
  level: 'government',
  unitIds: ['hanbin-district', 'unknown-unit'],
  itemIds: ['item-1', 'item-gone'],
  reason: '汉江堤防加固工程严重滞后 <一级> & "二级"',
  mediaExposure: true,
  issuedAt: '2026-11-20T02:00:00.000Z',
  issuedBy: { sub: 'office-user-secret-sub', role: 'office' },
  rectificationDue: '2026-11-27',
  escalates: ['n-2026-000'],
  referralSuggested: ['hanbin-district'],
  ...over,
});
const units = new Map([['hanbin-district', '汉滨区人民政府']]);
const items = new Map([['item-1', { title: '汉江堤防加固工程', dueDate: '2026-10-31' }]]);

describe('公开曝光: the public view of a notice', () => {
  it('is only for government-level notices issued with media exposure', () => {
    expect(isPublic(notice())).toBe(true);
    expect(isPublic(notice({ level: 'office' }))).toBe(false);
    expect(isPublic(notice({ mediaExposure: false }))).toBe(false);
    expect(() => publicNotice(notice({ level: 'office' }), units, items)).toThrow();
  });

  it('shows the 文号, the date, the units, the items’ titles and deadlines and the reason — and nothing else', () => {
    const shown = publicNotice(notice(), units, items);
    expect(shown).toEqual({
      id: 'n-2026-001',
      documentNumber: '安督通〔2026〕12号',
      issuedAt: '2026-11-20T02:00:00.000Z',
      date: '2026-11-20',
      units: [
        { id: 'hanbin-district', name: '汉滨区人民政府' },
        { id: 'unknown-unit', name: 'unknown-unit' },
      ],
      items: [{ title: '汉江堤防加固工程', dueDate: '2026-10-31' }],
      reason: '汉江堤防加固工程严重滞后 <一级> & "二级"',
    });
    const text = JSON.stringify(shown);
    for (const secret of ['office-user-secret-sub', 'referralSuggested', 'escalates', 'rectificationDue', 'n-2026-000', 'issuedBy']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('公开曝光 as Atom', () => {
  const base = 'https://ducha.example.gov.cn';
  const first = feedAddresses(base, { limit: 50 }, 50);
  const older = publicNotice(notice({ id: 'n-2026-000', issuedAt: '2026-11-01T02:00:00.000Z', documentNumber: undefined }), units, items);
  const feed = atomFeed([publicNotice(notice(), units, items), older], first);

  it('is valid Atom: ids from the base URL, the feed as recent as its newest entry, each entry with its 文号', () => {
    const { feed: parsed, entries } = parseAtom(feed);
    expect(entries).toHaveLength(2);
    expect(parsed.updated).toBe('2026-11-20T02:00:00.000Z');
    expect(parsed.id).toBe('https://ducha.example.gov.cn/public/notices.atom');
    expect(parsed.link).toEqual([
      expect.objectContaining({ '@_rel': 'self', '@_href': 'https://ducha.example.gov.cn/public/notices.atom' }),
    ]);
    expect(entries[0]!.id).toBe('https://ducha.example.gov.cn/public/notices.atom#n-2026-001');
    expect(entries[0]!.title).toBe('通报批评：汉滨区人民政府、unknown-unit（安督通〔2026〕12号）');
    const text = String((entries[0]!.content as { '#text': string })['#text']);
    expect(text.split('\n')[0]).toBe('文号：安督通〔2026〕12号');
    expect(text).toContain('汉江堤防加固工程');
    // A notice from before 文号 were given says nothing of one.
    expect(String(entries[1]!.title)).not.toContain('（');
    expect(String((entries[1]!.content as { '#text': string })['#text'])).not.toContain('文号');
  });

  it('takes updated from the newest entry whatever their order, and never from the clock', () => {
    expect(parseAtom(atomFeed([older, publicNotice(notice(), units, items)], first)).feed.updated).toBe('2026-11-20T02:00:00.000Z');
    const empty = atomFeed([], first);
    expect(parseAtom(empty).entries).toEqual([]);
    expect(parseAtom(empty).feed.updated).toBe(EMPTY_FEED_UPDATED);
  });

  it('escapes what the reason holds, so a reason cannot break or inject into the feed', () => {
    const { entries } = parseAtom(feed);
    expect((entries[0]!.content as { '#text': string })['#text']).toContain('<一级> & "二级"');
    expect(feed).toContain('&lt;一级&gt; &amp; &quot;二级&quot;');
    expect(feed).not.toContain('<一级>');
  });

  it('pages as RFC 5005 says: the same id on every page, self the page asked for, next the older page', () => {
    const stage = 'https://abc123.execute-api.ap-east-1.amazonaws.com/v1';
    expect(feedAddresses(stage, { limit: 10, cursor: 'c1+/=' }, 50, 'c2')).toEqual({
      id: `${stage}/public/notices.atom`,
      self: `${stage}/public/notices.atom?limit=10&cursor=c1%2B%2F%3D`,
      next: `${stage}/public/notices.atom?limit=10&cursor=c2`,
    });
    const { feed: parsed } = parseAtom(atomFeed([older], feedAddresses(base, { limit: 50 }, 50, 'c2')));
    expect(parsed.link.map((l: Record<string, string>) => [l['@_rel'], l['@_href']])).toEqual([
      ['self', `${base}/public/notices.atom`],
      ['next', `${base}/public/notices.atom?cursor=c2`],
    ]);
  });
});

describe('the public base URL (PUBLIC_BASE_URL)', () => {
  it('is an absolute http(s) address, kept without a trailing slash', () => {
    expect(publicBaseUrl('https://ducha.example.gov.cn/')).toBe('https://ducha.example.gov.cn');
    expect(publicBaseUrl('https://abc123.execute-api.ap-east-1.amazonaws.com/v1/')).toBe(
      'https://abc123.execute-api.ap-east-1.amazonaws.com/v1',
    );
    expect(publicBaseUrl('http://localhost:3000')).toBe('http://localhost:3000');
  });

  it('refuses what could not be a feed’s lasting address', () => {
    for (const bad of [
      'javascript://evil.example',
      'ducha.example.gov.cn',
      '',
      'https://x.example/?utm=1',
      'https://x.example/#a',
      'https://u:p@x.example',
    ]) {
      expect(() => publicBaseUrl(bad), bad).toThrow(/Public base URL/);
    }
  });
});
