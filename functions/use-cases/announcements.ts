import { dispatchLetter, extensionLetter, verificationLetter } from '../domain/event-mail';
import type { ExtensionRequest } from '../domain/extensions';
import { responsibleUnits, type Item } from '../domain/items';
import { lightOf, lightReasonOf } from '../domain/light';
import { noticeMail } from '../domain/mail';
import type { Notice } from '../domain/notices';
import type { Announcement } from './announce';

/**
 * The rows of "who is told, when": one Announcement per action. Rows for rectification returned, reassignment,
 * withdrawal and a deadline moved are declared the same way beside the use cases that make those changes.
 */

/** The item's units by id, for the letters' names (a unit missing from the ledger is named by its id). */
export type UnitNames = Readonly<Record<string, string>>;
const nameIn = (names: UnitNames, id: string) => names[id] ?? id;

/** 派发: an item registered (every responsible unit), or co-units added (`told`: only those). */
export const itemDispatched: Announcement<{ item: Item; names: UnitNames; told?: string[] }> = {
  topic: 'dispatch',
  kind: 'dispatch',
  about: ({ item }) => [`ITEM#${item.id}`, `EVENT#${item.lastSeq}`],
  told: ({ item, told }) => ({ units: told ?? responsibleUnits(item) }),
  letter: ({ item, names }, to) =>
    dispatchLetter({
      item,
      to: { name: to.unit.name, link: to.link({ item: item.id }) },
      asLead: to.unit.id === item.leadUnit,
      leadUnitName: nameIn(names, item.leadUnit),
      coUnitNames: item.coUnits.map((id) => nameIn(names, id)),
      date: to.date,
    }),
};

/** 延期审批: the lead unit, told the office's decision (approved: the new deadline). */
export const extensionDecided: Announcement<{ item: Item; request: ExtensionRequest }> = {
  topic: 'extension',
  kind: 'extension-decided',
  about: ({ item }) => [`ITEM#${item.id}`, `EVENT#${item.lastSeq}`],
  told: ({ item }) => ({ units: [item.leadUnit] }),
  letter: ({ item, request }, to) =>
    extensionLetter({ item, request, to: { name: to.unit.name, link: to.link({ item: item.id }) }, date: to.date }),
};

/** 核查: the lead unit, told the result (failed: the findings and what is expected now). */
export const verificationRecorded: Announcement<{ item: Item }> = {
  topic: 'verification',
  kind: 'verification',
  about: ({ item }) => [`ITEM#${item.id}`, `EVENT#${item.lastSeq}`],
  told: ({ item }) => ({ units: [item.leadUnit] }),
  letter: ({ item }, to) => verificationLetter({ item, to: { name: to.unit.name, link: to.link({ item: item.id }) }, date: to.date }),
};

/** 通报 issued by hand: every named unit, the office; at government level the leaders too. */
export const noticeIssued: Announcement<{ notice: Notice; items: Item[]; names: UnitNames }> = {
  topic: 'notice',
  kind: 'notice',
  about: ({ notice }) => [notice.id],
  notice: ({ notice }) => notice.id,
  told: ({ notice }) => ({ units: notice.unitIds, office: true, leaders: notice.level === 'government' }),
  letter: ({ notice, items, names }, to) =>
    noticeMail({
      noticeId: notice.id,
      documentNumber: notice.documentNumber,
      level: notice.level,
      issuedOn: to.date,
      reason: notice.reason,
      rectificationDue: notice.rectificationDue,
      mediaExposure: notice.mediaExposure,
      salutation: `${to.unit.name}：`,
      named: notice.unitIds.includes(to.unit.id),
      link: to.link({ notice: notice.id }),
      units: notice.unitIds.map((unitId) => ({
        name: nameIn(names, unitId),
        items: items
          .filter((i) => responsibleUnits(i).includes(unitId))
          .map((i) => ({
            id: i.id,
            title: i.title,
            source: i.source,
            dueDate: i.dueDate,
            light: lightOf(i, to.date),
            lightReason: lightReasonOf(i, to.date),
            status: i.status,
          })),
      })),
    }),
};
