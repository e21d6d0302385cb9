import { randomUUID } from 'node:crypto';
import { canRead } from '../domain/access';
import {
  attachmentTypes,
  MAGIC_BYTES,
  matchesRequest,
  newAttachment,
  ownsAttachment,
  pinned,
  refuseAttachments,
  type AttachedTo,
  type AttachmentRefusal,
  type FileAttachment,
  type PinnedFile,
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
 * Where a change puts the files it names: an item's report, completion claim or verification, or a unit's
 * rectification under a notice (a report's own id is made when it is decided, so it is not part of the place).
 */
export type FilePlace =
  | { kind: 'report' | 'completion' | 'verification'; itemId: string }
  | { kind: 'rectification'; noticeId: string; unitId: string };

const samePlace = (to: AttachedTo, place: FilePlace) =>
  place.kind === 'rectification'
    ? to.kind === 'rectification' && to.noticeId === place.noticeId && to.unitId === place.unitId
    : to.kind === place.kind && 'itemId' in to && to.itemId === place.itemId;

/**
 * The files a change names, checked and pinned before the change is decided (usableAttachments), and attached in
 * its own transaction (fileParts): a refused change leaves them free. Retried under its Idempotency-Key, the
 * files its first attempt attached to the same place pass, so the retry is answered as the first was.
 */
export function filesNamed(
  deps: AttachmentDeps,
  caller: Caller,
  ids: readonly string[] | undefined,
  idempotencyKey: string | undefined,
  place: FilePlace,
): Promise<PinnedFile[]> {
  return usableAttachments(deps, caller, ids, idempotencyKey ? (to) => samePlace(to, place) : undefined);
}

/**
 * The files a report or rectification names, checked before anything is written: each the caller's own, uploaded,
 * of the size and type it was declared with (its first bytes), and not attached to anything else; each then pinned:
 * the bytes checked are copied to a key of their own (attachedKey) that the upload URL cannot write, with their
 * SHA-256, so a later PUT to the upload URL changes nothing attached. Any file that fails: 422 naming each. No
 * record is written here (a refused request leaves no trace in the ledger; a pinned copy no record names is inert).
 */
export async function usableAttachments(
  deps: AttachmentDeps,
  caller: Caller,
  ids: readonly string[] = [],
  retry?: RetryOf,
): Promise<PinnedFile[]> {
  if (ids.length === 0) return [];
  const found = new Map((await deps.attachments.getMany(ids)).map((f) => [f.id, f]));
  // Each file is read through once (at most 10 of 20 MB): side by side, so the request stays within its seconds.
  const checked = await Promise.all(
    ids.map(async (id, index) => {
      const file = found.get(id);
      // A request retried under its Idempotency-Key finds its files attached by its own first attempt: they pass here, so
      // that the retry is answered as the first was (once() replays it). A new request naming them is still refused, by
      // the change's own transaction (files attached only while free) or, for a rectification, by its one-per-unit rule.
      if (file?.attachedTo && file.sha256 && retry && ownsAttachment(caller, file) && retry(file.attachedTo)) {
        return { index, id, file: file as PinnedFile };
      }
      return { index, id, ...(await pinIfUsable(deps, caller, file)) };
    }),
  );
  // A refused file is named by its file name when it is the caller's own (another's answers as one that does not exist).
  const nameOf = (id: string, why: AttachmentRefusal) => {
    const file = found.get(id);
    return why !== 'unknown' && file && ownsAttachment(caller, file) ? { name: file.fileName } : {};
  };
  refuseAttachments(checked.flatMap(({ index, id, why }) => (why ? [{ index, id, why, ...nameOf(id, why) }] : [])));
  return checked.flatMap(({ file }) => (file ? [file] : []));
}

async function pinIfUsable(
  deps: AttachmentDeps,
  caller: Caller,
  file: FileAttachment | undefined,
): Promise<{ file?: PinnedFile; why?: AttachmentRefusal }> {
  if (!file || !ownsAttachment(caller, file)) return { why: 'unknown' };
  if (file.attachedTo) return { why: 'already-attached' };
  const uploaded = await deps.store.examine(file.key, file.size, MAGIC_BYTES);
  if (!uploaded) return { why: 'not-uploaded' };
  if (!matchesRequest(file, uploaded)) return { why: 'mismatch' };
  const attached = pinned(file, uploaded.sha256);
  // Exactly the version whose bytes were hashed: one uploaded again meanwhile is not copied under this digest.
  if (!(await deps.store.pin(file.key, uploaded.version, attached.key))) return { why: 'replaced' };
  return { file: attached };
}

/**
 * The checked files as parts of the change that names them (change-item.ts): attached in its own transaction,
 * only if still free, so of two changes naming one file at once exactly one keeps it and the other is a 422.
 * The record takes the pinned copy's key and SHA-256 in the same write.
 */
export const fileParts = (files: readonly PinnedFile[], to: AttachedTo, now: Date): FileClaim[] =>
  files.map((f, index) => ({ kind: 'file' as const, fileId: f.id, index, to, at: now.toISOString(), key: f.key, sha256: f.sha256 }));

/**
 * The event of a change that attached files names them (the dossier and the history find them there), each with
 * the SHA-256 of the bytes attached, so that the ledger's chain over the event covers the files too.
 */
export const withFiles = (event: HistoryEvent, files: readonly PinnedFile[]): HistoryEvent =>
  files.length === 0
    ? event
    : {
        ...event,
        data: { ...event.data, attachmentIds: files.map((f) => f.id), attachments: files.map((f) => ({ id: f.id, sha256: f.sha256 })) },
      };

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
