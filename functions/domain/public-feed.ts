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
  return [`通报日期：${notice.date}`, `被通报单位：${units}`, ...(items ? [`督查事项：${items}`] : []), `通报事由：${notice.reason}`].join(
    '\n',
  );
}

/**
 * The feed as Atom (RFC 4287) for the city's news site: the feed's id is its own address, each entry's
 * id that address with the notice's id as fragment (stable and unique), updated the time of issue.
 */
export function atomFeed(notices: readonly PublicNotice[], context: { selfUrl: string; generatedAt: Date }): string {
  const updated = notices[0]?.issuedAt ?? context.generatedAt.toISOString();
  const entries = notices.map(
    (n) => `  <entry>
    <id>${xmlText(`${context.selfUrl}#${n.id}`)}</id>
    <title>${xmlText(`通报批评：${n.units.map((u) => u.name).join('、')}`)}</title>
    <published>${n.issuedAt}</published>
    <updated>${n.issuedAt}</updated>
${n.units.map((u) => `    <category term="${xmlText(u.id)}" label="${xmlText(u.name)}"/>`).join('\n')}
    <content type="text">${xmlText(noticeText(n))}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xmlText(context.selfUrl)}</id>
  <title>市人民政府通报批评（公开曝光）</title>
  <updated>${updated}</updated>
  <author><name>市人民政府督查室</name></author>
  <link rel="self" type="application/atom+xml" href="${xmlText(context.selfUrl)}"/>
${entries.join('\n')}
</feed>
`;
}
