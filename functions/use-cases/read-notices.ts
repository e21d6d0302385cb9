import { say } from '../messages/message';
import { canReadNotice } from '../domain/access';
import type { Caller } from '../domain/caller';
import { NotFound } from '../domain/errors';
import type { Notice, ObligationStatus } from '../domain/notices';
import type { NoticeRepository, Page, PageRequest } from './ports';

export interface NoticeWithRectifications extends Notice {
  rectifications: { unitId: string; due: string; status: ObligationStatus; submittedAt?: string; onTime?: boolean }[];
}

/**
 * A notice with where each named unit stands on its rectification. The office, leaders and
 * inspectors read every notice; a unit only those naming it, and one that does not answers
 * exactly like a missing one, so a unit cannot learn what is said of others.
 */
export async function getNotice(notices: NoticeRepository, caller: Caller, id: string): Promise<NoticeWithRectifications> {
  const notice = await notices.get(id);
  if (!notice || !canReadNotice(caller, notice)) throw new NotFound(say('missing.notice', { id }));
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

/** Notices, newest first: a unit's list holds only the notices that name it. */
export const listNotices = (notices: NoticeRepository, caller: Caller, page: PageRequest): Promise<Page<Notice>> =>
  notices.list(page, caller.role === 'unit' ? (caller.unitId ?? '') : undefined);
