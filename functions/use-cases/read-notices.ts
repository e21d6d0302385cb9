import { say } from '../messages/message';
import { NotFound } from '../domain/errors';
import type { Notice, ObligationStatus } from '../domain/notices';
import type { NoticeRepository, Page, PageRequest } from './ports';

export interface NoticeWithRectifications extends Notice {
  rectifications: { unitId: string; due: string; status: ObligationStatus; submittedAt?: string; onTime?: boolean }[];
}

/** Notices are bulletins: everyone reads them, with where each named unit stands on its rectification. */
export async function getNotice(notices: NoticeRepository, id: string): Promise<NoticeWithRectifications> {
  const notice = await notices.get(id);
  if (!notice) throw new NotFound(say('missing.notice', { id }));
  const [owed, given] = await Promise.all([notices.obligations(id), notices.rectifications(id)]);
  const byUnit = new Map(given.map((r) => [r.unitId, r]));
  return {
    ...notice,
    rectifications: owed.map((o) => {
      const r = byUnit.get(o.unitId);
      return { unitId: o.unitId, due: o.due, status: o.status, ...(r ? { submittedAt: r.submittedAt, onTime: r.onTime } : {}) };
    }),
  };
}

export const listNotices = (notices: NoticeRepository, page: PageRequest): Promise<Page<Notice>> => notices.list(page);
