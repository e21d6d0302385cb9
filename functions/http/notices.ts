import { METRIC, publishCounts } from '../observability';
import { issueNotice } from '../use-cases/issue-notice';
import { getNotice, listNotices, readRectifications } from '../use-cases/read-notices';
import { rectify } from '../use-cases/rectify';
import { reviewUnitRectification } from '../use-cases/review-rectification';
import { withdrawIssuedNotice } from '../use-cases/withdraw-notice';
import { filesNamed } from '../use-cases/attachments';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { noticeView, replayHeaders } from './views';
import { files, noticeWork, notices, receipts } from './wiring';

export const handler = httpApi('notices', [
  implement(contract.issueNotice, async ({ caller, body, idempotencyKey }) => {
    const { notice, replayed } = await issueNotice(noticeWork, caller, body, idempotencyKey);
    if (!replayed) publishCounts({ route: 'issueNotice' }, { [METRIC.noticesIssued]: 1 });
    return { body: noticeView(await getNotice(notices, caller, notice.id, receipts), caller), headers: replayHeaders(replayed) };
  }),
  implement(contract.listNotices, async ({ caller, query }) => {
    const page = await listNotices(notices, caller, query);
    return { body: { items: page.items.map((n) => noticeView(n, caller)), cursor: page.cursor } };
  }),
  implement(contract.getNotice, async ({ caller, params }) => ({
    body: noticeView(await getNotice(notices, caller, params.id, receipts), caller),
  })),
  implement(contract.submitRectification, async ({ caller, params, body, idempotencyKey }) => {
    const place = { kind: 'rectification' as const, noticeId: params.id, unitId: caller.unitId ?? '' };
    const attached = await filesNamed(files, caller, body.attachmentIds, idempotencyKey, place);
    const { rectification, replayed } = await rectify(noticeWork, caller, params.id, body, idempotencyKey, attached);
    return { body: rectification, headers: replayHeaders(replayed) };
  }),
  implement(contract.listRectifications, async ({ caller, params }) => ({
    body: { items: await readRectifications(notices, caller, params.id) },
  })),
  implement(contract.getUnitRectifications, async ({ caller, params }) => ({
    body: { items: await readRectifications(notices, caller, params.id, params.unitId) },
  })),
  implement(contract.reviewRectification, async ({ caller, params, body, idempotencyKey }) => {
    const { rectification, replayed } = await reviewUnitRectification(noticeWork, caller, params.id, params.unitId, body, idempotencyKey);
    return { body: rectification, headers: replayHeaders(replayed) };
  }),
  implement(contract.withdrawNotice, async ({ caller, params, body, idempotencyKey }) => {
    const { notice, replayed } = await withdrawIssuedNotice(noticeWork, caller, params.id, body.reason, idempotencyKey);
    return { body: noticeView(await getNotice(notices, caller, notice.id, receipts), caller), headers: replayHeaders(replayed) };
  }),
]);
