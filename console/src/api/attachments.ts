/**
 * 附件: a file goes straight to storage. The API signs a PUT for its declared type and size
 * (POST /attachments), the browser sends the bytes there with XMLHttpRequest (fetch reports no
 * upload progress), and the report or rectification then names the attachment's id. The types
 * and the size limit are the API's own (functions/domain/attachments.ts), checked here first so
 * a wrong file is refused before anything is signed or sent.
 */
import { type AttachmentType, attachmentTypes, MAX_ATTACHMENT_BYTES } from '../../../functions/domain/attachments';
import { api, ok } from './client';
import { ApiError, NETWORK_ERROR_MESSAGE } from './errors';

export const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

/** The accept attribute of the file picker: every extension the API takes. */
export const ATTACHMENT_ACCEPT = [...new Set(Object.values(attachmentTypes).map((t) => `.${t.extension}`)), '.jpeg'].join(',');

/** The media type a file is sent as, by its extension (browsers give OFD no type, and some give DOC none). */
export function attachmentTypeOf(fileName: string): AttachmentType | undefined {
  const extension = fileName.toLowerCase().split('.').pop();
  const wanted = extension === 'jpeg' ? 'jpg' : extension;
  return (Object.keys(attachmentTypes) as AttachmentType[]).find((type) => attachmentTypes[type].extension === wanted);
}

/** Why a file cannot be attached, in the clerk's words; undefined when it can. */
export function attachmentRefusal(file: { name: string; size: number }): string | undefined {
  if (!attachmentTypeOf(file.name)) return `“${file.name}”的格式不能作为附件：只接受 PDF、OFD、Word、Excel、JPG、PNG 文件`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > MAX_ATTACHMENT_BYTES) return `“${file.name}”超过 ${MAX_ATTACHMENT_MB} MB，请压缩或拆分后上传`;
  return undefined;
}

/** Uploads one file and answers its attachment id; `progress` hears the percentage sent. */
export async function uploadAttachment(file: File, progress: (percent: number) => void, signal?: AbortSignal): Promise<string> {
  const refusal = attachmentRefusal(file);
  const contentType = attachmentTypeOf(file.name);
  if (refusal || !contentType) throw new ApiError(0, 'attachment-refused', refusal ?? '');
  const { attachment, upload } = await ok(api.POST('/attachments', { body: { fileName: file.name, contentType, size: file.size } }));
  await new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) {
      // The browser sets Content-Length itself, from the body.
      if (name.toLowerCase() !== 'content-length') request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) progress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () =>
      request.status >= 200 && request.status < 300
        ? resolve()
        : reject(new ApiError(request.status, 'upload-failed', `“${file.name}”上传未成功（${request.status}），请重试`));
    request.onerror = () => reject(new ApiError(0, 'network', NETWORK_ERROR_MESSAGE));
    request.onabort = () => reject(new ApiError(0, 'aborted', '已取消上传'));
    signal?.addEventListener('abort', () => request.abort());
    request.send(file);
  });
  progress(100);
  return attachment.id;
}

/** A presigned GET of one attachment, valid for minutes: asked for when the person opens it, never kept. */
export async function attachmentDownload(attachmentId: string) {
  return ok(api.GET('/attachments/{attachmentId}', { params: { path: { attachmentId } } }));
}
