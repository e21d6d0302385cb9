import { createHash } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { DOSSIER_DOCUMENTS } from '../../domain/dossier';
import type { Dossier } from '../../use-cases/item-dossier';

/** One line of the manifest: where the file is in the archive, its size and SHA-256, and for an attachment whose it is. */
export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
  attachment?: { id: string; fileName: string; contentType: string; belongsTo: string; ref: string };
}

/**
 * Zips a dossier as a stream with fflate (small, no dependencies, streaming): each entry's bytes go to `sink` as they
 * are made, so an archive of many large files never sits in memory whole; `sink` is awaited between chunks, which is
 * the back-pressure. Made documents are deflated; attached files (PDF, JPEG, DOCX…: compressed already) are stored.
 * Each entry's SHA-256 is taken as it passes; `manifest.json` lists them all, and `SHA256SUMS` (for `sha256sum -c`)
 * every file the archive holds, the manifest included.
 */
export async function writeDossierZip(
  dossier: Dossier,
  read: (key: string) => Promise<AsyncIterable<Uint8Array>>,
  sink: (chunk: Uint8Array) => Promise<void>,
): Promise<{ bytes: number; files: ManifestFile[] }> {
  let bytes = 0;
  let failure: Error | null = null;
  const pending: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  const drain = async () => {
    if (failure) throw failure;
    while (pending.length > 0) {
      const chunk = pending.shift() as Uint8Array;
      bytes += chunk.length;
      await sink(chunk);
    }
  };
  const mtime = new Date(dossier.generatedAt);
  const files: ManifestFile[] = [];

  async function add(path: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, compress: boolean) {
    const entry = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    entry.mtime = mtime;
    zip.add(entry);
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of chunks) {
      hash.update(chunk);
      size += chunk.length;
      entry.push(chunk);
      await drain();
    }
    entry.push(new Uint8Array(), true);
    await drain();
    return { path, size, sha256: hash.digest('hex') };
  }

  for (const entry of dossier.entries) {
    if ('bytes' in entry) {
      files.push(await add(entry.path, [entry.bytes], true));
    } else {
      const { file, ref } = entry;
      const written = await add(entry.path, await read(file.key), false);
      // The pinned copy is never rewritten: bytes other than those attached are a fault to stop at, not to archive.
      if (file.sha256 && written.sha256 !== file.sha256) {
        throw new Error(`attachment ${file.id}: ${file.key} has SHA-256 ${written.sha256}, the ledger recorded ${file.sha256}`);
      }
      files.push({
        ...written,
        attachment: { id: file.id, fileName: file.fileName, contentType: file.contentType, belongsTo: ref.belongsTo, ref: ref.ref },
      });
    }
  }
  const manifest = {
    itemId: dossier.item.id,
    title: dossier.item.title,
    generatedAt: dossier.generatedAt,
    algorithm: 'SHA-256',
    files,
  };
  const listed = await add(DOSSIER_DOCUMENTS.manifest, [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`)], true);
  const sums = [...files, listed].map((f) => `${f.sha256}  ${f.path}\n`).join('');
  await add(DOSSIER_DOCUMENTS.checksums, [new TextEncoder().encode(sums)], true);
  zip.end();
  await drain();
  return { bytes, files };
}
