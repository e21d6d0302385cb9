import type { Caller } from '../domain/caller';
import { NotFound } from '../domain/errors';
import { withdrawNotice, type Notice } from '../domain/notices';
import { say } from '../messages/message';
import { announce } from './announce';
import { noticeWithdrawn } from './announcements';
import { idempotencyRequest, once } from './idempotency';
import { recordInHistories } from './issue-notice';
import type { ChangeItemDeps } from './change-item';
import type { MailBatch, NoticeRepository, UnitRepository } from './ports';

export interface WithdrawNoticeDeps extends ChangeItemDeps {
  notices: NoticeRepository;
  units: UnitRepository;
}

/**
 * 撤销通报: the office withdraws a notice issued in error. The notice and its obligations change in
 * one transaction with its assessment fact removed (a notice naming ~100 units or more: the notice first, its
 * obligations after, in chunks, completed here however often it is run). The letters to those told of the notice
 * (announcements.ts noticeWithdrawn) are written in the notice's own transaction: the table's stream sends them, at the
 * account's rate, however many units the notice named. Then — outside `once`, so a retry completes what a failed first
 * attempt left — the late-rectification facts and not-excellent marks it caused go, and the items it named record the
 * withdrawal.
 */
export async function withdrawIssuedNotice(
  deps: WithdrawNoticeDeps,
  caller: Caller,
  noticeId: string,
  reason: string,
  idempotencyKey?: string,
): Promise<{ notice: Notice; replayed: boolean }> {
  const notice = await deps.notices.get(noticeId);
  if (!notice) throw new NotFound(say('missing.notice', { id: noticeId }));
  // Withdrawn already: a retry of the request (its Idempotency-Key) is replayed below and finishes whatever a crash left
  // undone; any other request is refused (409) and writes nothing, even while the first is still marking obligations.
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, `POST /notices/${noticeId}/withdrawal`, { reason });
  const { result, replayed } = await once<Notice>(deps.idempotency, request, now, async (remember) => {
    const withdrawn = withdrawNotice(notice, await deps.notices.obligations(noticeId), reason, { caller, now });
    const letters = await lettersOfWithdrawal(deps, withdrawn.notice, reason);
    await deps.notices.withdraw(withdrawn.notice, withdrawn.obligations, remember?.(withdrawn.notice), letters);
    return withdrawn.notice;
  });
  await deps.notices.completeWithdrawal(result);
  await deps.notices.forgetLateRectifications(result, await deps.notices.obligations(noticeId));
  await recordInHistories(deps, caller, { ...result, reason }, 'notice.withdrawn');
  return { notice: result, replayed };
}

/** The letters telling each unit told of the notice that it is withdrawn; none when nobody is to be told. */
async function lettersOfWithdrawal(deps: WithdrawNoticeDeps, notice: Notice, reason: string): Promise<MailBatch | undefined> {
  const names = Object.fromEntries((await deps.units.getMany(notice.unitIds)).map((u) => [u.id, u.name]));
  // Dated by the withdrawal: the emails' ids derive from it, so a batch released twice sends nothing twice.
  const withdrawnAt = new Date(notice.withdrawn?.at ?? deps.clock.now());
  return announce(noticeWithdrawn, { notice, reason, names }, deps.tell ?? { units: deps.units }, withdrawnAt);
}
