import { actorOf, type Actor, type Caller } from './caller';
import { RuleViolation, type ProblemDetail } from './errors';
import { say } from '../messages/message';

/**
 * 附件: formal documents (正式文件), written rectification reports (书面整改报告) and 核查 photos.
 * A file is uploaded straight to storage with a presigned PUT; the record here says who asked for
 * it, what it claimed to be, and — once checked after the upload — that it is what it claimed.
 * Only a checked file of the caller's own can be named by a report, rectification, claim or verification.
 * Attaching pins it: the bytes checked are copied under a key the upload URL cannot write, and their
 * SHA-256 is recorded, so what is served and archived is always what was attached.
 */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Each accepted type, by its media type: the file name's extension and how its first bytes begin. */
export const attachmentTypes = {
  'application/pdf': { extension: 'pdf', magic: 'pdf' },
  'application/ofd': { extension: 'ofd', magic: 'zip' },
  'application/msword': { extension: 'doc', magic: 'ole' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extension: 'docx', magic: 'zip' },
  'application/vnd.ms-excel': { extension: 'xls', magic: 'ole' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extension: 'xlsx', magic: 'zip' },
  'image/jpeg': { extension: 'jpg', magic: 'jpeg' },
  'image/png': { extension: 'png', magic: 'png' },
} as const;
/** Where the presigned PUT writes an upload; the upload-signing function may write here and nowhere else. */
export const UPLOAD_PREFIX = 'attachments/';
/** Where attached files are pinned: written only by the functions that attach (lib/attachments.ts), never through a URL. */
export const ATTACHED_PREFIX = 'attached/';

/** An attached file's key: its id and its bytes' SHA-256, so a key only ever names one content. */
export const attachedKey = (fileId: string, sha256: string) => `${ATTACHED_PREFIX}${fileId}/${sha256}`;

export type AttachmentType = keyof typeof attachmentTypes;
export const attachmentMediaTypes = Object.keys(attachmentTypes) as [AttachmentType, ...AttachmentType[]];

/** Magic numbers: OFD, DOCX and XLSX are zip packages; DOC and XLS are OLE compound files. */
const MAGIC: Record<(typeof attachmentTypes)[AttachmentType]['magic'], number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  zip: [0x50, 0x4b, 0x03, 0x04], // PK\3\4
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** How many first bytes the check reads. */
export const MAGIC_BYTES = 8;

export const looksLike = (type: AttachmentType, firstBytes: Uint8Array) =>
  MAGIC[attachmentTypes[type].magic].every((byte, i) => firstBytes[i] === byte);

/** What a file is attached to: the thing whose readers may read it. */
export type AttachedTo =
  | { kind: 'report'; itemId: string; reportId: string }
  | { kind: 'completion' | 'verification'; itemId: string }
  | { kind: 'rectification'; noticeId: string; unitId: string };

export interface FileAttachment {
  id: string;
  fileName: string;
  contentType: AttachmentType;
  size: number;
  /** Where it is kept in the bucket: the upload's key (attachments/<id>), once attached its pinned copy (attachedKey). */
  key: string;
  /** Once attached: the SHA-256 (hex) of the attached bytes, those `key` names. */
  sha256?: string;
  requestedAt: string;
  requestedBy: Actor;
  /** The unit of the liaison who uploaded it (a unit's files are its own). */
  unitId?: string;
  /** Set once the stored object was checked: its size and first bytes match what was asked for. */
  checkedAt?: string;
  attachedTo?: AttachedTo;
}

export interface UploadRequest {
  fileName: string;
  contentType: AttachmentType;
  size: number;
}

export function newAttachment(input: UploadRequest, context: { id: string; caller: Caller; now: Date }): FileAttachment {
  return {
    id: context.id,
    ...input,
    key: `${UPLOAD_PREFIX}${context.id}`,
    requestedAt: context.now.toISOString(),
    requestedBy: actorOf(context.caller),
    ...(context.caller.unitId ? { unitId: context.caller.unitId } : {}),
  };
}

/** A file checked and pinned, ready to be attached by the change that names it. */
export type PinnedFile = FileAttachment & { sha256: string };

/** What reading an upload found: its length, its first bytes, and (when it is of the declared length) the SHA-256 of them all. */
export interface UploadedBytes {
  size: number;
  firstBytes: Uint8Array;
  sha256?: string;
}

/**
 * Whether an upload is what was asked for: exactly the declared length (S3 refuses another than the signed one,
 * the local s3rver does not, so this is what holds there) and the type's magic number.
 */
export const matchesRequest = (file: FileAttachment, uploaded: UploadedBytes): uploaded is UploadedBytes & { sha256: string } =>
  uploaded.size === file.size && uploaded.sha256 !== undefined && looksLike(file.contentType, uploaded.firstBytes);

/** The file as it is attached: its pinned copy's key and the bytes' SHA-256. */
export const pinned = (file: FileAttachment, sha256: string): PinnedFile => ({ ...file, key: attachedKey(file.id, sha256), sha256 });

/**
 * Why a named attachment cannot be attached: another's, never uploaded, not what it said, attached already, or
 * uploaded again while it was being attached (the bytes checked are no longer the upload's).
 */
export type AttachmentRefusal = 'unknown' | 'not-uploaded' | 'mismatch' | 'already-attached' | 'replaced';

/** A file refused: its place in the request, its id, why, and its name when it is the caller's own (people read names). */
export interface AttachmentRefused {
  index: number;
  id: string;
  why: AttachmentRefusal;
  /** Never for `unknown`: another's file must answer exactly as one that does not exist. */
  name?: string;
}

/**
 * The 422 for attachment ids that cannot be attached, one detail per id (at `attachmentIds.<i>`):
 * someone else's id answers exactly like one that does not exist.
 */
export function refuseAttachments(refused: readonly AttachmentRefused[]): void {
  if (refused.length === 0) return;
  throw attachmentRefusal(refused);
}

/** The 422 itself, for the adapter that learns only at the write that a file was taken meanwhile. */
export function attachmentRefusal(refused: readonly AttachmentRefused[]): RuleViolation {
  const details: ProblemDetail[] = refused.map((r) => ({
    path: `attachmentIds.${r.index}`,
    message: say(`attachment.${r.why}`, { id: r.id, ...(r.name ? { name: r.name } : {}) }),
  }));
  const names = refused.flatMap((r) => (r.name ? [r.name] : []));
  const ids = refused.map((r) => r.id);
  return new RuleViolation(
    'attachment-unusable',
    say('attachment.unusable', names.length === refused.length ? { ids, names } : { ids }),
    details,
  );
}

/** Whose a file is: the caller who asked for the upload (the same person: a unit's liaisons are told apart by sub). */
export const ownsAttachment = (caller: Caller, file: FileAttachment) => file.requestedBy.sub === caller.sub;
