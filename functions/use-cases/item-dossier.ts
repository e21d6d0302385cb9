import { assertCanRead, assertRole } from '../domain/access';
import type { FileAttachment } from '../domain/attachments';
import { shanghaiDate } from '../domain/calendar';
import type { Caller } from '../domain/caller';
import {
  completionEvents,
  DOSSIER_DOCUMENTS,
  dossierFilePath,
  dossierFiles,
  safeFileName,
  timelineHtml,
  type DossierFileRef,
} from '../domain/dossier';
import type { HistoryEvent } from '../domain/history';
import type { Item } from '../domain/items';
import { ledgerRows, rosterNames } from '../domain/ledger-sheet';
import { lightOf } from '../domain/light';
import type { Report } from '../domain/reports';
import { allPages } from './pages';
import type { AttachmentRepository, Clock, ItemRepository, UnitRepository } from './ports';

export interface DossierDeps {
  items: ItemRepository;
  units: Pick<UnitRepository, 'all'>;
  attachments: Pick<AttachmentRepository, 'getMany'>;
  clock: Clock;
  /** The ledger row as CSV (the export's own columns, adapters/spreadsheet). */
  ledgerCsv: (rows: ReturnType<typeof ledgerRows>) => string;
}

/** One file of the dossier: a document made here (its bytes), or an attached file read from storage as it is zipped. */
export type DossierEntry = { path: string; bytes: Uint8Array } | { path: string; file: FileAttachment; ref: DossierFileRef };

export interface Dossier {
  item: Item;
  generatedAt: string;
  /** The archive's name, and one in ASCII for clients that cannot read the other. */
  fileName: string;
  asciiFileName: string;
  entries: DossierEntry[];
  /** The archive's size at most: every entry's bytes stored uncompressed, with generous room for zip headers. */
  maxBytes: number;
}

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

/** Headers, data descriptor and central directory of one zip entry, with its name: far above what fflate writes. */
const ENTRY_OVERHEAD = 512;

/**
 * 一事一档: everything the ledger holds of one item, for the archive (office and leaders, who read every event).
 * Made of what the other read routes give them, so the dossier says nothing they could not read one by one.
 */
export async function itemDossier(deps: DossierDeps, caller: Caller, itemId: string): Promise<Dossier> {
  assertRole(caller, ['office', 'leader'], 'GET /items/{id}/dossier.zip');
  const item = assertCanRead(caller, await deps.items.get(itemId), itemId);
  const now = deps.clock.now();
  const [events, reports, extensions, units] = await Promise.all([
    allPages<HistoryEvent>((page) => deps.items.history(itemId, page)),
    allPages<Report>((page) => deps.items.reports(itemId, page)),
    deps.items.extensions(itemId),
    deps.units.all(),
  ]);
  const { unitName, leaderName } = rosterNames(units);
  const oldestFirst = [...reports].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const refs = dossierFiles(oldestFirst, events);
  const records = new Map((await deps.attachments.getMany(refs.map((r) => r.id))).map((f) => [f.id, f]));
  // Only files really attached to this item: a record is the truth of what a file belongs to.
  const files = refs.flatMap((ref) => {
    const file = records.get(ref.id);
    return file?.attachedTo && 'itemId' in file.attachedTo && file.attachedTo.itemId === itemId ? [{ ref, file }] : [];
  });
  const pathOf = new Map(files.map(({ ref, file }, i) => [file.id, dossierFilePath(i, ref, file.fileName)]));
  const today = shanghaiDate(now);
  const { lastSeq: _internal, ...stored } = item;
  const documents: DossierEntry[] = [
    { path: DOSSIER_DOCUMENTS.ledgerRow, bytes: new TextEncoder().encode(deps.ledgerCsv(ledgerRows([item], unitName, today, leaderName))) },
    { path: DOSSIER_DOCUMENTS.item, bytes: json({ ...stored, light: lightOf(item, today) }) },
    { path: DOSSIER_DOCUMENTS.history, bytes: json(events) },
    {
      path: DOSSIER_DOCUMENTS.timeline,
      bytes: new TextEncoder().encode(
        timelineHtml(item, events, {
          unitName,
          fileName: (id) => pathOf.get(id) ?? records.get(id)?.fileName,
          generatedAt: now.toISOString(),
        }),
      ),
    },
    { path: DOSSIER_DOCUMENTS.reports, bytes: json(oldestFirst) },
    { path: DOSSIER_DOCUMENTS.extensions, bytes: json(extensions) },
    { path: DOSSIER_DOCUMENTS.completion, bytes: json(completionEvents(events)) },
  ];
  const entries = [...documents, ...files.map(({ ref, file }) => ({ path: pathOf.get(file.id) as string, file, ref }))];
  const size = (e: DossierEntry) => ('bytes' in e ? e.bytes.length : e.file.size);
  // The manifest and the checksums come last (written by the zipper): a few hundred bytes per entry.
  const maxBytes = entries.reduce((sum, e) => sum + size(e) + ENTRY_OVERHEAD * 2, 4 * ENTRY_OVERHEAD);
  const day = shanghaiDate(now);
  return {
    item,
    generatedAt: now.toISOString(),
    fileName: `一事一档-${[...safeFileName(item.title, item.id)].slice(0, 30).join('')}-${day}.zip`,
    asciiFileName: `ducha-dossier-${item.id}-${day}.zip`,
    entries,
    maxBytes,
  };
}
