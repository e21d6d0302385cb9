import { isPublic, type PublicNotice, publicNotice } from '../domain/public-feed';
import type { Page, PageRequest, PublicNoticeSource } from './ports';

/** 公开曝光: a page of the public notices, each reduced to what the public may read (domain/public-feed.ts). */
export async function listPublicNotices(source: PublicNoticeSource, page: PageRequest): Promise<Page<PublicNotice>> {
  const found = await source.list(page);
  // The source filters already; checked again here, since a notice wrongly published cannot be taken back.
  const notices = found.items.filter(isPublic);
  const [units, items] = await Promise.all([
    source.unitNames(notices.flatMap((n) => n.unitIds)),
    source.itemDeadlines(notices.flatMap((n) => n.itemIds)),
  ]);
  return { items: notices.map((n) => publicNotice(n, units, items)), cursor: found.cursor };
}
