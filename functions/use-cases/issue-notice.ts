import type { Caller } from '../domain/caller';
import { RuleViolation } from '../domain/errors';
import { say } from '../messages/message';
import { timeOrderedId } from '../domain/ids';
import { change } from '../domain/lifecycle';
import { newNotice, type Notice, type NoticeInput } from '../domain/notices';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest, once } from './idempotency';
import type { NoticeRepository, UnitRepository } from './ports';

export interface IssueNoticeDeps extends ChangeItemDeps {
  notices: NoticeRepository;
  units: UnitRepository;
}

/** Every unit and item a notice names must be in the ledger (422 naming the ones that are not). */
export async function assertNamedExist(deps: Pick<IssueNoticeDeps, 'units' | 'items'>, input: Pick<NoticeInput, 'unitIds' | 'itemIds'>) {
  const [units, items] = await Promise.all([deps.units.missing(input.unitIds), deps.items.missing(input.itemIds)]);
  const problems = [
    ...units.map((id) => ({ path: `unitIds.${input.unitIds.indexOf(id)}`, message: say('missing.unit-detail', { id }) })),
    ...items.map((id) => ({ path: `itemIds.${input.itemIds.indexOf(id)}`, message: say('missing.item-detail', { id }) })),
  ];
  if (problems.length > 0)
    throw new RuleViolation('unknown-reference', say('missing.notice-references', { ids: [...units, ...items] }), problems);
}

/**
 * A notice appears in the history of every item it names. Each append is
 * keyed by (notice, item), so running this again — a client's retry, a job's
 * re-run — adds nothing twice.
 */
export async function recordInHistories(deps: ChangeItemDeps, issuer: Caller, notice: Notice, type = 'notice.issued') {
  for (const itemId of notice.itemIds) {
    await changeItem(
      deps,
      issuer,
      itemId,
      { commutes: true, idempotency: { scope: `${type}|${notice.id}|${itemId}`, fingerprint: notice.id } },
      (item, now) => ({
        ...change(
          item,
          issuer,
          now,
          type,
          { noticeId: notice.id, level: notice.level, reason: notice.reason, unitIds: notice.unitIds },
          {},
        ),
        result: null,
      }),
    );
  }
}

/** 通报: the office issues a notice; each named unit owes a rectification within a week. */
export async function issueNotice(
  deps: IssueNoticeDeps,
  caller: Caller,
  input: NoticeInput,
  idempotencyKey?: string,
): Promise<{ notice: Notice; replayed: boolean }> {
  await assertNamedExist(deps, input);
  const now = deps.clock.now();
  const request = idempotencyRequest(idempotencyKey, caller.sub, 'POST /notices', input);
  const { result, replayed } = await once<Notice>(deps.idempotency, request, now, async (remember) => {
    const { notice, obligations } = newNotice(input, { id: timeOrderedId(now), issuer: caller, now });
    await deps.notices.issue(notice, obligations, remember?.(notice));
    return notice;
  });
  // Outside `once`, so a retry also completes histories a failed first attempt left unfinished.
  await recordInHistories(deps, caller, result);
  return { notice: result, replayed };
}
