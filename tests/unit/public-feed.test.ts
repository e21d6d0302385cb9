import { describe, expect, it } from 'vitest';
import type { Notice } from '../../functions/domain/notices';
import { atomFeed, isPublic, publicNotice } from '../../functions/domain/public-feed';
import { parseAtom } from '../atom';

/** A notice carrying everything a notice can carry, some of it confidential. */
const notice = (over: Partial<Notice> = {}): Notice => ({
  id: 'n-2026-001',
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

  it('shows the date, the units, the items’ titles and deadlines and the reason — and nothing else', () => {
    const shown = publicNotice(notice(), units, items);
    expect(shown).toEqual({
      id: 'n-2026-001',
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
  const feed = atomFeed(
    [publicNotice(notice(), units, items), publicNotice(notice({ id: 'n-2026-000', issuedAt: '2026-11-01T02:00:00.000Z' }), units, items)],
    {
      selfUrl: 'https://ducha.example.gov.cn/public/notices.atom',
      generatedAt: new Date('2026-11-29T00:00:00Z'),
    },
  );

  it('is valid Atom: the feed and every entry have id, title and updated; the feed is as recent as its newest entry', () => {
    const { feed: parsed, entries } = parseAtom(feed);
    expect(entries).toHaveLength(2);
    expect(parsed.updated).toBe('2026-11-20T02:00:00.000Z');
    expect(parsed.id).toBe('https://ducha.example.gov.cn/public/notices.atom');
    expect(entries[0]!.id).toBe('https://ducha.example.gov.cn/public/notices.atom#n-2026-001');
    expect(String((entries[0]!.content as { '#text': string })['#text'])).toContain('汉江堤防加固工程');
  });

  it('escapes what the reason holds, so a reason cannot break or inject into the feed', () => {
    const { entries } = parseAtom(feed);
    expect((entries[0]!.content as { '#text': string })['#text']).toContain('<一级> & "二级"');
    expect(feed).toContain('&lt;一级&gt; &amp; &quot;二级&quot;');
    expect(feed).not.toContain('<一级>');
  });

  it('is valid with no entry at all, updated when it was made', () => {
    const empty = atomFeed([], { selfUrl: 'http://localhost:3000/public/notices.atom', generatedAt: new Date('2026-11-29T00:00:00Z') });
    const { feed: parsed, entries } = parseAtom(empty);
    expect(entries).toEqual([]);
    expect(parsed.updated).toBe('2026-11-29T00:00:00.000Z');
  });
});
