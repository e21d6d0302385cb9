/**
 * The attachment files of a backup (scripts/local/backup.ts): which of the ledger's file records a restore must
 * find in the store, how one is named to the person restoring (item, file name, key), and the local bucket
 * (s3rver, scripts/local/s3.ts) the bytes are read from and written back to.
 */
import { GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { fromRecord } from '../../functions/adapters/dynamodb/records';
import type { FileAttachment } from '../../functions/domain/attachments';
import { LOCAL_REGION } from './defaults';

type Row = Record<string, AttributeValue>;

/** A file record of the ledger (ATTACHMENT#<id>), or undefined for any other record. */
export const fileRecordOf = (row: Row): FileAttachment | undefined =>
  row.entity?.S === 'attachment' && row.PK?.S?.startsWith('ATTACHMENT#') ? fromRecord<FileAttachment>(row) : undefined;

/**
 * Whether the ledger needs the file's bytes: once attached (to a report, claim, 核查 or rectification) the dossier
 * and every reader of it open the file. A record never attached may be an upload that was asked for and never
 * made: its object is copied when the store has it, and its absence is no loss.
 */
export const ledgerNeedsBytes = (file: FileAttachment) => file.attachedTo !== undefined;

/** What a file is attached to, as the office would look it up. */
export function ownerOf(file: FileAttachment): string {
  const to = file.attachedTo;
  if (!to) return 'no item (not attached)';
  if (to.kind === 'rectification') return `notice ${to.noticeId} (rectification of unit ${to.unitId})`;
  if (to.kind === 'report') return `item ${to.itemId} (report ${to.reportId})`;
  return `item ${to.itemId} (${to.kind === 'completion' ? 'completion claim' : '核查 verification'})`;
}

/** Why a file of the ledger is not as the ledger recorded it after a backup or restore. */
export type FileGapReason = 'missing' | 'size' | 'sha256';

export interface FileGap {
  fileId: string;
  /** Where it was looked for: "the store", "the backup and the store"… */
  where: string;
  /** item <id> (…) or notice <id> (…): where the file shows. */
  owner: string;
  fileName: string;
  key: string;
  why: FileGapReason;
  /** The size the ledger recorded, and (for `size`) the size found. */
  recordedSize: number;
  foundSize?: number;
  /** For `sha256`: the SHA-256 the ledger recorded when the file was attached, and that of the bytes found. */
  recordedSha256?: string;
  foundSha256?: string;
}

export const fileGap = (file: FileAttachment, why: FileGapReason, where: string, foundSize?: number, foundSha256?: string): FileGap => ({
  fileId: file.id,
  where,
  owner: ownerOf(file),
  fileName: file.fileName,
  key: file.key,
  why,
  recordedSize: file.size,
  ...(foundSize === undefined ? {} : { foundSize }),
  ...(foundSha256 === undefined ? {} : { recordedSha256: file.sha256, foundSha256 }),
});

/**
 * The gap, if any, between an attached file's record and the bytes found for it: another size, or (a file attached
 * since attachments are pinned, whose record has its SHA-256) other bytes of the same size.
 */
export function bytesGap(file: FileAttachment, found: { size: number; sha256?: string }, where: string): FileGap | undefined {
  if (found.size !== file.size) return fileGap(file, 'size', where, found.size);
  if (file.sha256 && found.sha256 && found.sha256 !== file.sha256) return fileGap(file, 'sha256', where, undefined, found.sha256);
  return undefined;
}

/** One line per gap: `item i-1 (report r-1): "办结报告.pdf", key attachments/… — …`. */
export function describeGap(gap: FileGap): string {
  const what =
    gap.why === 'missing'
      ? `missing from ${gap.where}`
      : gap.why === 'sha256'
        ? `SHA-256 ${gap.foundSha256} in ${gap.where}, but the ledger recorded ${gap.recordedSha256}: not the file that was attached`
        : `${gap.foundSize} bytes in ${gap.where}, but the ledger recorded ${gap.recordedSize}: not the file that was attached`;
  return `${gap.owner}: "${gap.fileName}", key ${gap.key} — ${what}`;
}

/** The bucket of attachments as the backup and restore see it. */
export interface FileStore {
  /** The object's bytes as they stream, with its size; null when there is none. */
  open(key: string): Promise<{ size: number; body: AsyncIterable<Uint8Array> } | null>;
  /** The object's size, or null when there is none. */
  sizeOf(key: string): Promise<number | null>;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  close(): void;
}

const isNotFound = (error: unknown) =>
  error instanceof NotFound ||
  (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404));

/** The local S3 server (npm start's, or a test's) with the local system's dummy keys, path-style as s3rver wants. */
export function localFileStore(endpoint: string, bucket: string): FileStore {
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    async open(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return { size: out.ContentLength ?? 0, body: (out.Body ?? []) as AsyncIterable<Uint8Array> };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async sizeOf(key) {
      try {
        return (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength ?? 0;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async put(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    close: () => client.destroy(),
  };
}
