import { GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ENV, requireEnv } from '../../config';
import type { FileAttachment } from '../../domain/attachments';
import type { AttachmentStore } from '../../use-cases/ports';

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

export class S3AttachmentStore implements AttachmentStore {
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
}
