import { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type ArchivedSeal, archivedSeal, type Seal } from '../../domain/ledger-chain';
import type { SealArchive, SealCopies } from '../../use-cases/ledger-ports';
import { sealFolder, sealObjectKey } from '../seal-archive';

/**
 * The seal's copy in AWS: one object per seal in the Object Lock bucket (lib/seal-archive.ts). The bucket's
 * default retention (compliance mode) locks each version as it is written; the SDK's default checksum is
 * the integrity check Object Lock requires of a PutObject. A re-run puts a new version; the first stays locked.
 */
export class S3SealArchive implements SealArchive, SealCopies {
  private client?: S3Client;
  constructor(private readonly bucket: string) {}

  private get s3(): S3Client {
    this.client ??= new S3Client({});
    return this.client;
  }

  async put(seal: Seal): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: sealObjectKey(seal),
        Body: JSON.stringify(archivedSeal(seal)),
        ContentType: 'application/json',
      }),
    );
  }

  /**
   * Every version of every copy (npm run verify-ledger, with the operator's credentials): a forged copy put as a
   * newer version does not hide the locked one under it, which is then a copy that differs.
   */
  async list(): Promise<ArchivedSeal[]> {
    const copies: ArchivedSeal[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    do {
      const Prefix = sealFolder();
      const page = await this.s3.send(new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix, KeyMarker, VersionIdMarker }));
      // The root's folder holds the folders of the offices below it: their copies are theirs.
      for (const version of (page.Versions ?? []).filter((v) => !(v.Key ?? '').slice(Prefix.length).includes('/'))) {
        const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: version.Key, VersionId: version.VersionId }));
        copies.push(JSON.parse((await object.Body?.transformToString()) ?? 'null') as ArchivedSeal);
      }
      KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (KeyMarker);
    return copies;
  }
}
