import type { Caller } from '../domain/caller';
import type { Item } from '../domain/items';
import { returnReport } from '../domain/reports';
import { announce } from './announce';
import { reportReturned } from './announcements';
import { changeItem, type ChangeItemDeps } from './change-item';
import { idempotencyRequest } from './idempotency';
import { earlierReports } from './submit-report';

/**
 * `POST /items/{id}/reports/{reportId}/return`: 退回重报 (issue 27). The office returns a unit's report with its
 * reason; the item records it and brings the lead's report date forward, and the unit is told why, with what the
 * content rules found in the report, in the same transaction's mail. A retry with the same key answers the same.
 */
export async function returnReportForRework(
  deps: ChangeItemDeps,
  caller: Caller,
  itemId: string,
  reportId: string,
  body: { reason: string },
  idempotencyKey?: string,
): Promise<{ result: Item; replayed: boolean }> {
  const idempotency = idempotencyRequest(idempotencyKey, caller.sub, `POST /items/${itemId}/reports/${reportId}/return`, body);
  return changeItem<Item>(deps, caller, itemId, { commutes: false, idempotency }, async (item, now) => {
    const report = (await earlierReports(deps.items, itemId)).find((r) => r.id === reportId);
    const { item: next, event } = returnReport(item, report, body, { caller, now });
    const mail = deps.tell && report ? await announce(reportReturned, { item: next, data: event.data, report }, deps.tell, now) : undefined;
    return { item: next, event, result: next, ...(mail ? { mail } : {}) };
  });
}
