import { randomUUID } from 'node:crypto';
import { ledgerCsv } from '../adapters/spreadsheet/ledger-files';
import { writeDossierZip } from '../adapters/zip/dossier-zip';
import { DOWNLOAD_URL_SECONDS } from '../use-cases/attachments';
import { itemDossier, type Dossier } from '../use-cases/item-dossier';
import type { ArchiveStore } from '../use-cases/ports';
import { httpApi, implement, type Answer } from './api';
import { contract } from './contract';
import { ZIP_MEDIA_TYPE } from './media-types';
import { clock, ledgerFiles, store } from './wiring';

const deps = { ...ledgerFiles, ledgerCsv };

/**
 * The most a dossier answered inline may weigh. A Lambda response through API Gateway holds at most 6 MB and a
 * binary body goes base64-encoded (4 bytes for 3): 4 MiB becomes 5.6 MB, leaving room for the headers.
 */
export const INLINE_MAX_BYTES = 4 * 1024 * 1024;

const read = (key: string) => store.read(key);

/** Writes the dossier to the attachments bucket (dossiers/…, expired after a day) and answers 303 to a presigned GET of it. */
async function redirectTo(archives: ArchiveStore, dossier: Dossier, written?: Buffer): Promise<Answer> {
  const key = `dossiers/${dossier.item.id}/${dossier.generatedAt.replace(/[:.]/g, '-')}-${randomUUID()}.zip`;
  const writer = archives.writer(key, ZIP_MEDIA_TYPE);
  let size = written?.length ?? 0;
  try {
    if (written) await writer.write(written);
    else size = (await writeDossierZip(dossier, read, (chunk) => writer.write(chunk))).bytes;
    await writer.close();
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
  const url = await archives.archiveUrl(key, dossier.fileName, DOWNLOAD_URL_SECONDS);
  const expiresAt = new Date(clock.now().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString();
  return { status: 303, headers: { location: url }, body: { url, expiresAt, size } };
}

export const handler = httpApi('dossiers', [
  implement(contract.exportItemDossier, async ({ caller, params }) => {
    const dossier = await itemDossier(deps, caller, params.id);
    // Too big to be sure it fits: streamed straight to the bucket, never whole in memory.
    if (dossier.maxBytes > INLINE_MAX_BYTES) return redirectTo(store, dossier);
    const chunks: Uint8Array[] = [];
    await writeDossierZip(dossier, read, async (chunk) => {
      chunks.push(chunk);
    });
    const content = Buffer.concat(chunks);
    if (content.length > INLINE_MAX_BYTES) return redirectTo(store, dossier, content);
    return {
      body: undefined,
      file: { contentType: ZIP_MEDIA_TYPE, filename: dossier.fileName, asciiFilename: dossier.asciiFileName, content },
    };
  }),
]);
