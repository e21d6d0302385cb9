import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Seal } from '../../domain/ledger-chain';
import type { SealArchive } from '../../use-cases/ledger-ports';
import { archivedSeal, sealObjectKey } from '../seal-archive';

/**
 * The seal's copy in AWS: one object per seal in the Object Lock bucket (lib/seal-archive.ts). The bucket's
 * default retention (compliance mode) locks each version as it is written; the SDK's default checksum is
 * the integrity check Object Lock requires of a PutObject. A re-run puts a new version; the first stays locked.
 */
export class S3SealArchive implements SealArchive {
  private client?: S3Client;
  constructor(private readonly bucket: string) {}

  async put(seal: Seal): Promise<void> {
    this.client ??= new S3Client({});
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: sealObjectKey(seal),
        Body: JSON.stringify(archivedSeal(seal)),
        ContentType: 'application/json',
      }),
    );
  }
}
