import type { FileAttachment } from '../domain/attachments';
import { readAttachment, requestUpload } from '../use-cases/attachments';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { files } from './wiring';

/** What a client is told of a file: never its bucket key or who asked for it. */
export const attachmentView = (f: FileAttachment) => ({
  id: f.id,
  fileName: f.fileName,
  contentType: f.contentType,
  size: f.size,
  requestedAt: f.requestedAt,
  ...(f.checkedAt ? { checkedAt: f.checkedAt } : {}),
  attached: f.attachedTo !== undefined,
  ...(f.sha256 ? { sha256: f.sha256 } : {}),
});

export const handler = httpApi('attachments', [
  implement(contract.requestUpload, async ({ caller, body }) => {
    const { attachment, upload } = await requestUpload(files, caller, body);
    return { body: { attachment: attachmentView(attachment), upload } };
  }),
  implement(contract.getAttachment, async ({ caller, params }) => {
    const { attachment, download } = await readAttachment(files, caller, params.attachmentId);
    return { body: { attachment: attachmentView(attachment), download } };
  }),
]);
