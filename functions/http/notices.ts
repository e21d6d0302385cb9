import { systemClock } from '../adapters/clock';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { DynamoNoticeRepository } from '../adapters/dynamodb/notice-repository';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { METRIC, publishCounts } from '../observability';
import { issueNotice } from '../use-cases/issue-notice';
import { DynamoOutbox } from '../adapters/dynamodb/outbox';
import { SesMailer } from '../adapters/ses/mailer';
import { getNotice, listNotices, readRectifications } from '../use-cases/read-notices';
import { rectify } from '../use-cases/rectify';
import { reviewUnitRectification } from '../use-cases/review-rectification';
import { withdrawIssuedNotice } from '../use-cases/withdraw-notice';
import { DynamoAttachmentRepository } from '../adapters/dynamodb/attachment-repository';
import { S3AttachmentStore } from '../adapters/s3/attachment-store';
import type { AttachedTo } from '../domain/attachments';
import { usableAttachments } from '../use-cases/attachments';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { numbering, tellDeps } from './tell';
import { DynamoMarkers } from '../adapters/dynamodb/markers';
import { DynamoMailEvents } from '../adapters/dynamodb/mail-events';
import { noticeView, replayHeaders } from './views';

const notices = new DynamoNoticeRepository();
/** Delivery receipts of the notices' mail (per named unit: delivered, bounced, pending). */
const receipts = new DynamoMailEvents();
const units = new DynamoUnitRepository();
const deps = {
  notices,
  units,
  items: new DynamoItemRepository(),
  idempotency: new DynamoIdempotencyStore(),
  clock: systemClock,
  tell: tellDeps(units),
  markers: new DynamoMarkers(),
  ...numbering(),
  // A withdrawal tells the named units: through the jobs' outbox, so a failed send is retried by the next job.
  outbox: new DynamoOutbox(),
  mailer: new SesMailer(),
};

const files = { attachments: new DynamoAttachmentRepository(), store: new S3AttachmentStore(), clock: systemClock };

export const handler = httpApi('notices', [
  implement(contract.issueNotice, async ({ caller, body, idempotencyKey }) => {
    const { notice, replayed } = await issueNotice(deps, caller, body, idempotencyKey);
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
    // Retried under its key, the files its first attempt attached to this notice's rectification by this unit pass.
    const retry = idempotencyKey
      ? (to: AttachedTo) => to.kind === 'rectification' && to.noticeId === params.id && to.unitId === caller.unitId
      : undefined;
    const attached = await usableAttachments(files, caller, body.attachmentIds, retry);
    // Checked before, attached in the rectification's own transaction: a refused hand-in leaves its files free.
    const { rectification, replayed } = await rectify(deps, caller, params.id, body, idempotencyKey, attached);
    return { body: rectification, headers: replayHeaders(replayed) };
  }),
  implement(contract.listRectifications, async ({ caller, params }) => ({
    body: { items: await readRectifications(notices, caller, params.id) },
  })),
  implement(contract.getUnitRectifications, async ({ caller, params }) => ({
    body: { items: await readRectifications(notices, caller, params.id, params.unitId) },
  })),
  implement(contract.reviewRectification, async ({ caller, params, body, idempotencyKey }) => {
    const { rectification, replayed } = await reviewUnitRectification(deps, caller, params.id, params.unitId, body, idempotencyKey);
    return { body: rectification, headers: replayHeaders(replayed) };
  }),
  implement(contract.withdrawNotice, async ({ caller, params, body, idempotencyKey }) => {
    const { notice, replayed } = await withdrawIssuedNotice(deps, caller, params.id, body.reason, idempotencyKey);
    return { body: noticeView(await getNotice(notices, caller, notice.id, receipts), caller), headers: replayHeaders(replayed) };
  }),
]);
