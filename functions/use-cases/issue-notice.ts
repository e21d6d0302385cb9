import { noticeFact } from '../domain/assessment';
import { shanghaiDate } from '../domain/calendar';
import type { Caller } from '../domain/caller';
import type { Item } from '../domain/items';
import { RuleViolation } from '../domain/errors';
import { say } from '../messages/message';
import { timeOrderedId } from '../domain/ids';
import { change } from '../domain/lifecycle';
import { DEFAULT_NOTICE_NUMBER_PREFIX, documentNumber, newNotice, type Notice, type NoticeInput } from '../domain/notices';
import { announce, type TellDeps } from './announce';
import { noticeIssued } from './announcements';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest, once } from './idempotency';
import type { MailBatch, Markers, NoticeRepository, Sequences, UnitRepository } from './ports';
import { eachOf } from './fan-out';

/** Where a notice's 文号 comes from: the year's counter and the prefix (NOTICE_NUMBER_PREFIX). */
export interface NumberingDeps {
  sequences?: Sequences;
  noticeNumberPrefix?: string;
}

export interface IssueNoticeDeps extends ChangeItemDeps, NumberingDeps {
  notices: NoticeRepository;
  units: UnitRepository;
  /** Who is told: the named units, the office, at government level the leaders. */
  tell?: TellDeps;
  /** To note, per named item, the missed dates this notice criticises (the overdue job does not criticise them again). */
  markers?: Markers;
}

const sequenceOf = (prefix: string) => `notice-number#${prefix}`;

/** The next 文号 of the year, or undefined where no counter is wired (tests of other things). */
export async function nextDocumentNumber(deps: NumberingDeps, now: Date): Promise<string | undefined> {
  if (!deps.sequences) return undefined;
  const prefix = deps.noticeNumberPrefix || DEFAULT_NOTICE_NUMBER_PREFIX;
  const year = Number(shanghaiDate(now).slice(0, 4));
  return documentNumber(prefix, year, await deps.sequences.next(sequenceOf(prefix), year));
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
  await eachOf(notice.itemIds, (itemId) =>
    changeItem(
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
    ),
  );
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
  let batch: MailBatch | undefined;
  const { result, replayed } = await once<Notice>(deps.idempotency, request, now, async (remember) => {
    const { notice, obligations } = newNotice(input, {
      id: timeOrderedId(now),
      issuer: caller,
      now,
      documentNumber: await nextDocumentNumber(deps, now),
    });
    batch = deps.tell ? await noticeBatch(deps, deps.tell, notice, now) : undefined;
    // What the notice counts against the units it names (rule 4, the deduction), decided with it.
    await deps.notices.issue(notice, obligations, [noticeFact(notice)], remember?.(notice), batch);
    return notice;
  });
  // Outside `once`, so a retry also completes histories a failed first attempt left unfinished.
  await recordInHistories(deps, caller, result);
  if (deps.markers) await noteCriticisedDates(deps, deps.markers, result, now);
  return { notice: result, replayed };
}

/** The notice's letters: the items it names (titles, lights) and the units' names, read once. */
async function noticeBatch(deps: IssueNoticeDeps, tell: TellDeps, notice: Notice, now: Date): Promise<MailBatch | undefined> {
  const items = (await Promise.all(notice.itemIds.map((id) => deps.items.get(id)))).filter((i): i is Item => i !== null);
  const names = Object.fromEntries((await deps.units.getMany(notice.unitIds)).map((u) => [u.id, u.name]));
  return announce(noticeIssued, { notice, items, names }, tell, now);
}

/**
 * A unit named by hand for an item it leads is criticised for that item's missed dates as they stand: the overdue
 * job's once-only marks (the same refs it writes) say so, so the job does not criticise the same missed date again.
 */
async function noteCriticisedDates(deps: IssueNoticeDeps, markers: Markers, notice: Notice, now: Date) {
  const today = shanghaiDate(now);
  await eachOf(notice.itemIds, async (itemId) => {
    const item = await deps.items.get(itemId);
    if (!item || item.status === 'closed' || !notice.unitIds.includes(item.leadUnit)) return;
    const missed = [
      ...(item.dueDate < today ? [['overdue', item.dueDate]] : []),
      ...(item.nextReportDue && item.nextReportDue < today ? [['report-missing', item.nextReportDue]] : []),
    ];
    for (const [reason, date] of missed)
      await markers.mark(
        { on: { item: item.id }, what: ['criticism', reason as string, date as string] },
        { noticeId: notice.id, on: today },
      );
  });
}
