import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ENV, requireEnv } from '../../config';
import type { FileAttachment } from '../../domain/attachments';
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

  async stored(key: string, firstBytes: number): Promise<{ size: number; firstBytes: Uint8Array } | null> {
    const { client, bucket: Bucket } = bucket();
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      const size = head.ContentLength ?? 0;
      if (size === 0) return { size, firstBytes: new Uint8Array() };
      const part = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${firstBytes - 1}` }));
      return { size, firstBytes: (await part.Body?.transformToByteArray()) ?? new Uint8Array() };
    } catch (error) {
      if (error instanceof NotFound || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) return null;
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
