import { returnReportForRework } from '../use-cases/return-report';
import { acknowledgeItem } from '../use-cases/acknowledge-item';
import { claimCompletion } from '../use-cases/claim-completion';
import { decideExtension, listExtensionRequests, requestExtension } from '../use-cases/extension-requests';
import { itemReports } from '../use-cases/read-items';
import { submitReport } from '../use-cases/submit-report';
import { filesNamed } from '../use-cases/attachments';
import { verifyItem } from '../use-cases/verify-item';
import { editItemFields, moveItemDeadline, reassignItem, withdrawLedgerItem } from '../use-cases/edit-item';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { requestLanguage } from './problems';
import { etag, extensionView, itemView, replayHeaders, reportView } from './views';
import { clock, files, itemChanges, items } from './wiring';

export const handler = httpApi('lifecycle', [
  implement(contract.acknowledgeItem, async ({ caller, params, idempotencyKey, event }) => {
    const { result, replayed } = await acknowledgeItem(itemChanges, caller, params.id, idempotencyKey);
    return { body: itemView(result, clock.now(), caller, requestLanguage(event)), headers: replayHeaders(replayed) };
  }),
  implement(contract.submitReport, async ({ caller, params, body, idempotencyKey }) => {
    const attached = await filesNamed(files, caller, body.attachmentIds, idempotencyKey, { kind: 'report', itemId: params.id });
    const { result, replayed } = await submitReport(itemChanges, caller, params.id, body, idempotencyKey, attached);
    return { body: reportView(result, caller), headers: replayHeaders(replayed) };
  }),
  implement(contract.listReports, async ({ caller, params, query }) => {
    const page = await itemReports(items, caller, params.id, query);
    return { body: { items: page.items.map((r) => reportView(r, caller)), cursor: page.cursor } };
  }),
  implement(contract.requestExtension, async ({ caller, params, body, idempotencyKey, event }) => {
    const { result, replayed } = await requestExtension(itemChanges, caller, params.id, body, idempotencyKey);
    return { body: extensionView(result, requestLanguage(event)), headers: replayHeaders(replayed) };
  }),
  implement(contract.listExtensionRequests, async ({ caller, params, event }) => ({
    body: { items: (await listExtensionRequests(itemChanges, caller, params.id)).map((r) => extensionView(r, requestLanguage(event))) },
  })),
  implement(contract.decideExtension, async ({ caller, params, body, idempotencyKey, event }) => {
    const { result, replayed } = await decideExtension(itemChanges, caller, params.id, params.requestId, body, idempotencyKey);
    return { body: extensionView(result, requestLanguage(event)), headers: replayHeaders(replayed) };
  }),
  implement(contract.claimCompletion, async ({ caller, params, body, idempotencyKey, event }) => {
    const attached = await filesNamed(files, caller, body.attachmentIds, idempotencyKey, { kind: 'completion', itemId: params.id });
    const { result, replayed } = await claimCompletion(itemChanges, caller, params.id, body, idempotencyKey, attached);
    return { body: itemView(result, clock.now(), caller, requestLanguage(event)), headers: replayHeaders(replayed) };
  }),
  implement(contract.verifyItem, async ({ caller, params, body, idempotencyKey, event }) => {
    const attached = await filesNamed(files, caller, body.attachmentIds, idempotencyKey, { kind: 'verification', itemId: params.id });
    const { result, replayed } = await verifyItem(itemChanges, caller, params.id, body, idempotencyKey, attached);
    return { body: itemView(result, clock.now(), caller, requestLanguage(event)), headers: replayHeaders(replayed) };
  }),
  implement(contract.editItem, async ({ caller, params, body, ifMatch, idempotencyKey }) => {
    const { result, replayed } = await editItemFields(itemChanges, caller, params.id, body, { ifMatch, idempotencyKey });
    return { body: itemView(result, clock.now(), caller), headers: { ...replayHeaders(replayed), ...etag(result.version) } };
  }),
  implement(contract.moveItemDeadline, async ({ caller, params, body, ifMatch, idempotencyKey }) => {
    const { result, replayed } = await moveItemDeadline(itemChanges, caller, params.id, body, { ifMatch, idempotencyKey });
    return { body: itemView(result, clock.now(), caller), headers: { ...replayHeaders(replayed), ...etag(result.version) } };
  }),
  implement(contract.reassignItem, async ({ caller, params, body, ifMatch, idempotencyKey }) => {
    const { result, replayed } = await reassignItem(itemChanges, caller, params.id, body, { ifMatch, idempotencyKey });
    return { body: itemView(result, clock.now(), caller), headers: { ...replayHeaders(replayed), ...etag(result.version) } };
  }),
  implement(contract.returnReport, async ({ caller, params, body, idempotencyKey }) => {
    const { result, replayed } = await returnReportForRework(itemChanges, caller, params.id, params.reportId, body, idempotencyKey);
    return { body: itemView(result, clock.now(), caller), headers: { ...replayHeaders(replayed), ...etag(result.version) } };
  }),
  implement(contract.withdrawItem, async ({ caller, params, body, ifMatch, idempotencyKey }) => {
    const { result, replayed } = await withdrawLedgerItem(itemChanges, caller, params.id, body, { ifMatch, idempotencyKey });
    return { body: itemView(result, clock.now(), caller), headers: { ...replayHeaders(replayed), ...etag(result.version) } };
  }),
]);
