import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENV } from '../config';
import { ROOT_OFFICE } from '../domain/offices';
import { currentOffice } from './office-scope';
import { type ArchivedSeal, archivedSeal, type Seal } from '../domain/ledger-chain';
import type { SealArchive, SealCopies } from '../use-cases/ledger-ports';

/**
 * Where an office's copies are: each office seals its own ledger, numbered from 1, so each has a folder; the
 * root's is `seals/` as it was before there were offices, an office below it `seals/<office id>/`.
 */
export const sealFolder = (office = currentOffice()) => (office === ROOT_OFFICE ? 'seals/' : `seals/${office}/`);

/** The copy's name: seals sort by number, and a copy of a seal is never overwritten by another seal's. */
export const sealObjectKey = (seal: Pick<Seal, 'number' | 'date'>) =>
  `${sealFolder()}${String(seal.number).padStart(10, '0')}-${seal.date}.json`;

/** On one machine, when SEAL_DIR is set: one JSON file per seal. */
export class FileSealArchive implements SealArchive, SealCopies {
  constructor(private readonly dir: string) {}
  async put(seal: Seal): Promise<void> {
    const path = join(this.dir, sealObjectKey(seal));
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, `${JSON.stringify(archivedSeal(seal), null, 2)}\n`);
  }

  async list(): Promise<ArchivedSeal[]> {
    const folder = join(this.dir, sealFolder());
    const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const json = names.filter((name) => name.endsWith('.json')).sort();
    return Promise.all(json.map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8')) as ArchivedSeal));
  }
}

/** No copy outside the ledger (the local default: the seal is in the table, and in the weekly digest). */
export const noArchive: SealArchive = { put: async () => {} };

/**
 * The archive the environment names: SEAL_BUCKET (AWS: the Object Lock bucket, lib/seal-archive.ts) is
 * wired through `s3` once the S3 client is in the bundle; SEAL_DIR a folder; neither, none.
 */
export function sealArchiveFromEnv(s3?: (bucket: string) => SealArchive): SealArchive {
  const bucket = process.env[ENV.sealBucket];
  if (bucket) {
    if (!s3) throw new Error(`${ENV.sealBucket} is set but no S3 archive is wired`);
    return s3(bucket);
  }
  const dir = process.env[ENV.sealDir];
  return dir ? new FileSealArchive(dir) : noArchive;
}
