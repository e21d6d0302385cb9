import { shanghaiDate, type CalendarDate } from './calendar';
import type { Notice } from './notices';

/**
 * 公开曝光 (rule 2: "以政府名义进行通报批评并在新闻媒体上公开曝光"): the public feed of the
 * government-level notices issued with media exposure. What a notice shows here is chosen field by
 * field — its date, the units named, the items' titles and deadlines, the reason — so that nothing
 * added to a notice later (a referral proposal, an escalation, a rectification's text, who issued
 * it, a contact) can reach the public by default. Office-level notices are never public.
 */
export interface PublicNotice {
  id: string;
  /** 文号, e.g. 安督通〔2026〕12号: how the public and the press cite the notice (absent on notices issued before 文号 existed). */
  documentNumber?: string;
  issuedAt: string;
  /** The Shanghai date of issue (通报日期). */
  date: CalendarDate;
  units: { id: string; name: string }[];
  items: { title: string; dueDate: CalendarDate }[];
  reason: string;
}

/** Government-level, issued for the media, and still standing: a withdrawn notice (撤销) leaves the feed. */
export const isPublic = (notice: Pick<Notice, 'level' | 'mediaExposure' | 'withdrawn'>) =>
  notice.level === 'government' && notice.mediaExposure === true && notice.withdrawn === undefined;

export function publicNotice(
  notice: Notice,
  unitNames: ReadonlyMap<string, string>,
  items: ReadonlyMap<string, { title: string; dueDate: CalendarDate }>,
): PublicNotice {
  if (!isPublic(notice)) throw new Error(`Notice ${notice.id} is not public`);
  return {
    id: notice.id,
    ...(notice.documentNumber ? { documentNumber: notice.documentNumber } : {}),
    issuedAt: notice.issuedAt,
    date: shanghaiDate(new Date(notice.issuedAt)),
    units: notice.unitIds.map((id) => ({ id, name: unitNames.get(id) ?? id })),
    items: notice.itemIds.flatMap((id) => {
      const item = items.get(id);
      return item ? [{ title: item.title, dueDate: item.dueDate }] : [];
    }),
    reason: notice.reason,
  };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Text for an XML element or attribute; characters XML 1.0 cannot carry at all are dropped. */
export const xmlText = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids.
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** The notice as one paragraph of plain text, as the city's news site shows it. */
export function noticeText(notice: PublicNotice): string {
  const units = notice.units.map((u) => u.name).join('、');
  const items = notice.items.map((i) => `《${i.title}》（完成时限 ${i.dueDate}）`).join('；');
  return [
    ...(notice.documentNumber ? [`文号：${notice.documentNumber}`] : []),
    `通报日期：${notice.date}`,
    `被通报单位：${units}`,
    ...(items ? [`督查事项：${items}`] : []),
    `通报事由：${notice.reason}`,
  ].join('\n');
}

/** The Atom feed's path under the public base URL. */
export const ATOM_FEED_PATH = '/public/notices.atom';

/**
 * The public base URL as configured (PUBLIC_BASE_URL: a stack parameter in AWS, the local server's address
 * locally): an absolute http(s) address, perhaps with a path (API Gateway's stage), and nothing a request could
 * vary — no query, fragment or credentials. Returned without a trailing slash; anything else throws, saying why.
 */
export function publicBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Public base URL ${JSON.stringify(raw)} is not an absolute URL (e.g. https://ducha.example.gov.cn)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Public base URL ${raw} must be http:// or https://`);
  if (url.search || url.hash || url.username || url.password || raw.includes('#') || raw.includes('?')) {
    throw new Error(`Public base URL ${raw} must have no query, fragment or credentials`);
  }
  return url.href.replace(/\/+$/, '');
}

/** A page of the feed as asked for: how many entries, and after which (the cursor of the page before). */
export interface FeedPage {
  limit: number;
  cursor?: string;
  /** An office below the root (纵向到底): its own feed, a feed of its own id. */
  office?: string;
}

/** The addresses of one Atom document: the feed's id (the same for every page and however the feed is reached), itself, the next page. */
export interface FeedAddresses {
  id: string;
  self: string;
  next?: string;
}

/**
 * Built from the configured base alone, never from the request's Host or X-Forwarded-* headers (RFC 4287 §4.2.6:
 * an id never changes; a header is whatever the client sends, and the answer is cached for everyone). The id is the
 * feed's own address; self is this page's (the parameters that shape it, nothing else the request carried); next
 * is the older page when one remains (RFC 5005 §3, paged feeds).
 */
export function feedAddresses(base: string, page: FeedPage, defaultLimit: number, nextCursor?: string): FeedAddresses {
  const feed = `${base}${ATOM_FEED_PATH}`;
  const id = page.office && page.office !== 'root' ? `${feed}?office=${encodeURIComponent(page.office)}` : feed;
  const address = (cursor?: string) => {
    const query = new URLSearchParams();
    if (page.office && page.office !== 'root') query.set('office', page.office);
    if (page.limit !== defaultLimit) query.set('limit', String(page.limit));
    if (cursor) query.set('cursor', cursor);
    return query.size > 0 ? `${feed}?${query}` : feed;
  };
  return { id, self: address(page.cursor), ...(nextCursor ? { next: address(nextCursor) } : {}) };
}

/**
 * The `updated` of a feed with no entry: RFC 4287 requires one, and it must not be the time of the request
 * (every fetch would look like news, and copies in a CDN would disagree). A fixed instant says "nothing since";
 * the first notice moves the feed past it.
 */
export const EMPTY_FEED_UPDATED = '1970-01-01T00:00:00.000Z';

/**
 * The feed as Atom (RFC 4287) for the city's news site: ids and links from `feedAddresses`, each entry's id the
 * feed's id with the notice's id as fragment (stable and unique), its title and text carrying the 文号; the
 * feed's `updated` is its newest entry's time of issue, so it changes only when the feed does.
 */
export function atomFeed(notices: readonly PublicNotice[], addresses: FeedAddresses): string {
  // issuedAt is always toISOString()'s form, so the latest sorts last.
  const updated =
    notices
      .map((n) => n.issuedAt)
      .sort()
      .at(-1) ?? EMPTY_FEED_UPDATED;
  const entries = notices.map(
    (n) => `  <entry>
    <id>${xmlText(`${addresses.id}#${n.id}`)}</id>
    <title>${xmlText(`通报批评：${n.units.map((u) => u.name).join('、')}${n.documentNumber ? `（${n.documentNumber}）` : ''}`)}</title>
    <published>${n.issuedAt}</published>
    <updated>${n.issuedAt}</updated>
${n.units.map((u) => `    <category term="${xmlText(u.id)}" label="${xmlText(u.name)}"/>`).join('\n')}
    <content type="text">${xmlText(noticeText(n))}</content>
  </entry>`,
  );
  const link = (rel: string, href: string) => `  <link rel="${rel}" type="application/atom+xml" href="${xmlText(href)}"/>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xmlText(addresses.id)}</id>
  <title>市人民政府通报批评（公开曝光）</title>
  <updated>${updated}</updated>
  <author><name>市人民政府督查室</name></author>
${[link('self', addresses.self), ...(addresses.next ? [link('next', addresses.next)] : [])].join('\n')}
${entries.join('\n')}
</feed>
`;
}
