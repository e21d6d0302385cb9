import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  CopyObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import { ENV, requireEnv } from '../../config';
import type { FileAttachment, UploadedBytes } from '../../domain/attachments';
import type { ArchiveStore, ArchiveWriter, AttachmentStore } from '../../use-cases/ports';

/**
 * The attachments bucket. Endpoint and credentials come from the standard AWS variables: in AWS the
 * function's role; locally s3rver (AWS_ENDPOINT_URL_S3), which wants path-style URLs.
 */
let shared: { client: S3Client; bucket: string } | undefined;

function bucket() {
  shared ??= {
    client: new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3), maxAttempts: 5 }),
    bucket: requireEnv(ENV.attachmentsBucket),
  };
  return shared;
}

const isNotFound = (error: unknown) =>
  error instanceof NotFound ||
  error instanceof NoSuchKey ||
  (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

/** RFC 5987: the file's Chinese name survives the download. */
const disposition = (fileName: string) => `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** S3's smallest part but the last (5 MiB): a writer holds at most about this much. */
export const PART_BYTES = 5 * 1024 * 1024;

export class S3AttachmentStore implements AttachmentStore, ArchiveStore {
  uploadUrl(file: FileAttachment, expiresIn: number): Promise<string> {
    const { client, bucket: Bucket } = bucket();
    const command = new PutObjectCommand({ Bucket, Key: file.key, ContentType: file.contentType, ContentLength: file.size });
    // Signed headers: an upload of another type or length does not match the signature and S3 refuses it.
    return getSignedUrl(client, command, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) });
  }

  async examine(key: string, declaredSize: number, firstBytes: number): Promise<(UploadedBytes & { version: string }) | null> {
    const { client, bucket: Bucket } = bucket();
    let out: GetObjectCommandOutput;
    try {
      out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const size = out.ContentLength ?? 0;
    const version = out.ETag ?? '';
    const body = out.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
    // Not the declared length (only s3rver stores such a body): refused without reading it through.
    if (size !== declaredSize || !body) {
      body?.destroy?.();
      return { size, firstBytes: new Uint8Array(), version };
    }
    const hash = createHash('sha256');
    const first: Uint8Array[] = [];
    let read = 0;
    for await (const chunk of body) {
      hash.update(chunk);
      if (read < firstBytes) first.push(chunk.subarray(0, firstBytes - read));
      read += chunk.length;
    }
    // What was read decides, not what the header said.
    return { size: read, firstBytes: Buffer.concat(first), version, ...(read === declaredSize ? { sha256: hash.digest('hex') } : {}) };
  }

  async pin(from: string, version: string, to: string): Promise<boolean> {
    const { client, bucket: Bucket } = bucket();
    try {
      // S3 copies only the version examined (CopySourceIfMatch), and keeps a SHA-256 checksum with the copy.
      const out = await client.send(
        new CopyObjectCommand({
          Bucket,
          Key: to,
          CopySource: `${Bucket}/${from}`,
          CopySourceIfMatch: version,
          ChecksumAlgorithm: 'SHA256',
        }),
      );
      // s3rver ignores the condition: the copy's ETag tells whether it copied the same bytes.
      return out.CopyObjectResult?.ETag === version;
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) return false;
      throw error;
    }
  }

  downloadUrl(file: FileAttachment, expiresIn: number): Promise<string> {
    const { client, bucket: Bucket } = bucket();
    const command = new GetObjectCommand({ Bucket, Key: file.key, ResponseContentDisposition: disposition(file.fileName) });
    return getSignedUrl(client, command, { expiresIn });
  }

  async read(key: string): Promise<AsyncIterable<Uint8Array>> {
    const { client, bucket: Bucket } = bucket();
    const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
    if (!out.Body) throw new Error(`no body for ${key}`);
    return out.Body as unknown as AsyncIterable<Uint8Array>;
  }

  writer(key: string, contentType: string): ArchiveWriter {
    return new MultipartWriter(key, contentType);
  }

  archiveUrl(key: string, fileName: string, expiresIn: number): Promise<string> {
    const { client, bucket: Bucket } = bucket();
    return getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key, ResponseContentDisposition: disposition(fileName) }), {
      expiresIn,
    });
  }
}

/**
 * Writes an object whose size is known only at the end, holding one part at a time: a single PutObject when it
 * stays under one part, otherwise a multipart upload of PART_BYTES parts (aborted on failure, so no part lingers).
 */
class MultipartWriter implements ArchiveWriter {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private uploadId: string | undefined;
  private readonly parts: { ETag: string | undefined; PartNumber: number }[] = [];

  constructor(
    private readonly key: string,
    private readonly contentType: string,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered >= PART_BYTES) await this.flush();
  }

  async close(): Promise<void> {
    const { client, bucket: Bucket } = bucket();
    if (this.uploadId === undefined) {
      await client.send(new PutObjectCommand({ Bucket, Key: this.key, ContentType: this.contentType, Body: this.take() }));
      return;
    }
    if (this.buffered > 0) await this.flush();
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket, Key: this.key, UploadId: this.uploadId, MultipartUpload: { Parts: this.parts } }),
    );
  }

  async abort(): Promise<void> {
    if (this.uploadId === undefined) return;
    const { client, bucket: Bucket } = bucket();
    await client.send(new AbortMultipartUploadCommand({ Bucket, Key: this.key, UploadId: this.uploadId }));
  }

  private take(): Buffer {
    const body = Buffer.concat(this.chunks);
    this.chunks = [];
    this.buffered = 0;
    return body;
  }

  private async flush(): Promise<void> {
    const { client, bucket: Bucket } = bucket();
    this.uploadId ??= (
      await client.send(new CreateMultipartUploadCommand({ Bucket, Key: this.key, ContentType: this.contentType }))
    ).UploadId;
    const PartNumber = this.parts.length + 1;
    const out = await client.send(new UploadPartCommand({ Bucket, Key: this.key, UploadId: this.uploadId, PartNumber, Body: this.take() }));
    this.parts.push({ ETag: out.ETag, PartNumber });
  }
}
