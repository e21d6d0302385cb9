/** How a notice is named on the pages: by its 文号, as the office's documents cite it, never by its id. */
import { isPublic } from '../../functions/domain/public-feed';
import type { Notice } from './api/types';
import { noticeLevelLabels } from './labels';

/** 安督通〔2026〕12号; a notice issued before numbering began has none, and says so (its date and level are beside it). */
export function noticeName(notice: Pick<Notice, 'documentNumber' | 'level'>): string {
  return notice.documentNumber ?? '（无文号）';
}

/**
 * 已公开曝光: in the public feed (GET /public/notices) — a government-level notice issued with media exposure
 * (the feed's own rule), unless it was withdrawn.
 */
export function isExposed(notice: Pick<Notice, 'level' | 'mediaExposure' | 'withdrawn'>): boolean {
  return isPublic(notice) && !notice.withdrawn;
}

/** The public feed, for the city's news site (Atom) and for people (JSON): no sign-in. */
export const PUBLIC_FEED = { atom: '/public/notices.atom', json: '/public/notices' } as const;

/** A notice's heading: 安督通〔2026〕12号 以政府名义通报; the level alone for a notice without a number. */
export function noticeHeading(notice: Pick<Notice, 'documentNumber' | 'level'>): string {
  return notice.documentNumber ? `${notice.documentNumber} ${noticeLevelLabels[notice.level]}` : noticeLevelLabels[notice.level];
}
