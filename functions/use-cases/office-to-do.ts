/**
 * 待办 of the office, in one request: extension requests to decide, completion claims awaiting 核查, rectifications
 * handed in and not yet reviewed, units whose mail bounced, and the rows imports left to fix. The console's menu
 * counts them and its 待办 page lists them; each entry names where it is done.
 */
import { shanghaiDate } from '../domain/calendar';
import type { ImportLeftover } from '../domain/import-leftovers';
import type { Item, ItemStatus } from '../domain/items';
import { awaitsReview, latestOf, type Notice } from '../domain/notices';
import { deliverable, type Unit } from '../domain/units';
import { allPages } from './pages';
import type { Clock, ImportLeftoverStore, ItemRepository, NoticeRepository, UnitRepository } from './ports';

export interface OfficeToDoDeps {
  items: ItemRepository;
  notices: NoticeRepository;
  units: UnitRepository;
  leftovers: ImportLeftoverStore;
  clock: Clock;
}

export interface RectificationToReview {
  notice: Notice;
  unitId: string;
  submittedAt: string;
}

export interface OfficeToDo {
  extensions: Item[];
  claims: Item[];
  rectifications: RectificationToReview[];
  bounced: Unit[];
  importsLeft: ImportLeftover[];
}

/** An extension can be asked while the item is still being done. */
const OPEN_FOR_EXTENSION: readonly ItemStatus[] = ['assigned', 'acknowledged', 'in-progress'];

export async function readOfficeToDo(deps: OfficeToDoDeps): Promise<OfficeToDo> {
  const today = shanghaiDate(deps.clock.now());
  const withStatus = (status: ItemStatus) => allPages((page) => deps.items.list({ status }, today, page));
  const [open, claims, rectifications, units, importsLeft] = await Promise.all([
    Promise.all(OPEN_FOR_EXTENSION.map(withStatus)),
    withStatus('completion-claimed'),
    toReview(deps.notices),
    deps.units.all(),
    deps.leftovers.list(),
  ]);
  return {
    extensions: open.flat().filter((i) => i.pendingExtension),
    claims,
    rectifications,
    bounced: units.filter((u) => u.contacts.some((c) => !deliverable(c))),
    importsLeft,
  };
}

/** Each standing notice's latest hand-ins that were neither accepted nor returned yet, oldest first. */
async function toReview(notices: NoticeRepository): Promise<RectificationToReview[]> {
  const standing = (await allPages((page) => notices.list(page))).filter((n) => !n.withdrawn);
  const perNotice = await Promise.all(
    standing.map(async (notice) => {
      const [owed, given] = await Promise.all([notices.obligations(notice.id), notices.rectifications(notice.id)]);
      return owed.flatMap((o) => {
        const latest = latestOf(given, o.unitId);
        return awaitsReview(notice, o, latest) ? [{ notice, unitId: o.unitId, submittedAt: latest.submittedAt }] : [];
      });
    }),
  );
  return perNotice.flat().sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}
