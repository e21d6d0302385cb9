import type { Caller } from '../domain/caller';
import { timeOrderedId } from '../domain/ids';
import type { Item } from '../domain/items';
import { acceptReport, type Report, type ReportSubmission } from '../domain/reports';
import { mostSimilar, reportText } from '../domain/similarity';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';
import { allPages } from './pages';
import type { ItemRepository } from './ports';
import type { PinnedFile } from '../domain/attachments';
import { fileParts, withFiles } from './attachments';

/** Every earlier report on the item, for the 纸面销号 comparison (an item has tens of reports, not thousands). */
export function earlierReports(items: ItemRepository, itemId: string): Promise<Report[]> {
  return allPages((page) => items.reports(itemId, page));
}

/**
 * The earlier report a text is near-identical to, if any (the unit's own, or
 * another unit's). Oldest first, so that among equals the original is named.
 */
export function copyCheck(text: string, earlier: readonly Report[]) {
  const match = mostSimilar(
    text,
    [...earlier]
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
      .map((r) => ({
        id: r.id,
        text: reportText({ summary: r.summary, answers: r.answers.map((a) => a.answer), difficulties: r.difficulties }),
      })),
  );
  return match ? { possibleCopyOf: match.id, similarity: Math.round(match.similarity * 1000) / 1000 } : undefined;
}

/**
 * 报送: a responsible unit reports progress. Reports commute — two units
 * reporting at once must both stand — so a lost race is decided again on the
 * fresh item rather than refused (change-item.ts). The 纸面销号 comparison,
 * which reads every earlier report, is made once, on the first try: a retry
 * only re-applies the rules to the item, so it stays one short transaction.
 * `files` (checked and pinned by usableAttachments) are attached in the report's own transaction.
 */
export async function submitReport(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  submission: ReportSubmission,
  idempotencyKey?: string,
  files: readonly PinnedFile[] = [],
) {
  const text = reportText({
    summary: submission.summary,
    answers: submission.answers.map((a) => a.answer),
    difficulties: submission.difficulties,
  });
  let copy: Promise<ReturnType<typeof copyCheck>> | undefined;
  return changeItem<Report>(
    deps,
    caller,
    itemId,
    { commutes: true, idempotency: idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/reports`, submission) },
    async (item: Item, now) => {
      copy ??= earlierReports(deps.items, itemId).then((earlier) => copyCheck(text, earlier));
      const possibleCopyOf = await copy;
      const { item: next, event, report } = acceptReport(item, submission, { caller, now, reportId: timeOrderedId(now), possibleCopyOf });
      const attached = fileParts(files, { kind: 'report', itemId, reportId: report.id }, now);
      // The report names its files; its event names them too, with their SHA-256, for the ledger's chain.
      return { item: next, event: withFiles(event, files), attachments: [{ kind: 'report', report }, ...attached], result: report };
    },
  );
}
