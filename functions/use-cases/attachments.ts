import { randomUUID } from 'node:crypto';
import { canRead } from '../domain/access';
import {
  attachmentTypes,
  looksLike,
  MAGIC_BYTES,
  newAttachment,
  ownsAttachment,
  refuseAttachments,
  type AttachedTo,
  type AttachmentRefusal,
  type FileAttachment,
  type UploadRequest,
} from '../domain/attachments';
import type { Caller } from '../domain/caller';
import type { HistoryEvent } from '../domain/history';
import { NotFound, RuleViolation } from '../domain/errors';
import { say } from '../messages/message';
import type { AttachmentRepository, AttachmentStore, Clock, FileClaim, ItemRepository } from './ports';

/** Presigned URLs are good for minutes: long enough to upload 20 MB on a slow line, short enough not to be passed around. */
export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;

export interface AttachmentDeps {
  attachments: AttachmentRepository;
  store: AttachmentStore;
  clock: Clock;
}

/** The extensions a file's name may end in, by its type (JPEG as .jpg or .jpeg). */
const extensionsOf = (type: UploadRequest['contentType']) =>
  type === 'image/jpeg' ? ['jpg', 'jpeg'] : [attachmentTypes[type].extension as string];

/** POST /attachments: a record of the file to come and a PUT URL signed for its type and length. */
export async function requestUpload(deps: AttachmentDeps, caller: Caller, input: UploadRequest) {
  const extensions = extensionsOf(input.contentType);
  if (!extensions.some((e) => input.fileName.toLowerCase().endsWith(`.${e}`))) {
    throw new RuleViolation('attachment-extension', say('attachment.extension', { extension: extensions[0] ?? '' }), [
      { path: 'fileName', message: say('attachment.extension', { extension: extensions[0] ?? '' }) },
    ]);
  }
  const now = deps.clock.now();
  const file = newAttachment(input, { id: randomUUID(), caller, now });
  await deps.attachments.create(file);
  const url = await deps.store.uploadUrl(file, UPLOAD_URL_SECONDS);
  return {
    attachment: file,
    upload: {
      method: 'PUT' as const,
      url,
      headers: { 'Content-Type': file.contentType },
      expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    },
  };
}

/** Whether a file already attached there may belong to the first attempt of a request now retried. */
export type RetryOf = (to: AttachedTo) => boolean;

/**
 * The files a report or rectification names, checked before anything is written: each the caller's
 * own, uploaded, of the size and type it was declared with (its first bytes), and not attached to
 * anything else. Any that is not: 422 naming each. Nothing is written here: a refused request leaves no trace.
 */
export async function usableAttachments(
  deps: AttachmentDeps,
  caller: Caller,
  ids: readonly string[] = [],
  retry?: RetryOf,
): Promise<FileAttachment[]> {
  if (ids.length === 0) return [];
  const found = new Map((await deps.attachments.getMany(ids)).map((f) => [f.id, f]));
  const refused: { index: number; id: string; why: AttachmentRefusal }[] = [];
  const usable: FileAttachment[] = [];
  for (const [index, id] of ids.entries()) {
    const file = found.get(id);
    // A request retried under its Idempotency-Key finds its files attached by its own first attempt: they pass here, so
    // that the retry is answered as the first was (once() replays it). A new request naming them is still refused, by
    // the change's own transaction (files attached only while free) or, for a rectification, by its one-per-unit rule.
    if (file?.attachedTo && retry && ownsAttachment(caller, file) && retry(file.attachedTo)) {
      usable.push(file);
      continue;
    }
    const why = await refusalOf(deps, caller, file);
    if (why) refused.push({ index, id, why });
    else if (file) usable.push(file);
  }
  refuseAttachments(refused);
  return usable;
}

async function refusalOf(deps: AttachmentDeps, caller: Caller, file: FileAttachment | undefined): Promise<AttachmentRefusal | undefined> {
  if (!file || !ownsAttachment(caller, file)) return 'unknown';
  if (file.attachedTo) return 'already-attached';
  if (file.checkedAt) return undefined;
  const stored = await deps.store.stored(file.key, MAGIC_BYTES);
  if (!stored) return 'not-uploaded';
  return stored.size === file.size && looksLike(file.contentType, stored.firstBytes) ? undefined : 'mismatch';
}

/**
 * The checked files as parts of the change that names them (change-item.ts): attached in its own transaction,
 * only if still free, so of two changes naming one file at once exactly one keeps it and the other is a 422.
 */
export const fileParts = (files: readonly FileAttachment[], to: AttachedTo, now: Date): FileClaim[] =>
  files.map((f, index) => ({ kind: 'file' as const, fileId: f.id, index, to, at: now.toISOString() }));

/** The event of a change that attached files names them (the dossier and the history find them there). */
export const withFiles = (event: HistoryEvent, files: readonly FileAttachment[]): HistoryEvent =>
  files.length === 0 ? event : { ...event, data: { ...event.data, attachmentIds: files.map((f) => f.id) } };

/**
 * GET /attachments/{id}: the record and a download URL valid for minutes, for those who may read
 * what the file is attached to (rule 6: a unit never gets another unit's files); before it is
 * attached, only the one who uploaded it. Anyone else is answered as if there were no such file.
 */
export async function readAttachment(deps: AttachmentDeps & { items: ItemRepository }, caller: Caller, id: string) {
  const file = await deps.attachments.get(id);
  if (!file || !(await mayRead(deps.items, caller, file))) throw new NotFound(say('attachment.missing', { id }));
  const now = deps.clock.now();
  return {
    attachment: file,
    download: {
      url: await deps.store.downloadUrl(file, DOWNLOAD_URL_SECONDS),
      expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
    },
  };
}

async function mayRead(items: ItemRepository, caller: Caller, file: FileAttachment): Promise<boolean> {
  const to = file.attachedTo;
  if (!to) return ownsAttachment(caller, file);
  if (to.kind === 'rectification') return caller.role === 'office' || caller.role === 'leader' || caller.unitId === to.unitId;
  const item = await items.get(to.itemId);
  return item !== null && canRead(caller, item);
}
