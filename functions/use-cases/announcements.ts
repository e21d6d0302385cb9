import {
  coUnitRemovedLetter,
  deadlineMovedLetter,
  itemWithdrawnLetter,
  reassignedFromLetter,
  reassignedToLetter,
  rectificationAcceptedLetter,
  rectificationHandedInLetter,
  rectificationReturnedLetter,
  reportReturnedLetter,
} from '../domain/change-mail';
import type { QualityFinding } from '../domain/report-quality';
import type { Report } from '../domain/reports';
import { dispatchLetter, extensionLetter, extensionRequestedLetter, importDispatchLetter, verificationLetter } from '../domain/event-mail';
import type { ExtensionRequest } from '../domain/extensions';
import { responsibleUnits, type Item } from '../domain/items';
import { lightOf, lightReasonOf } from '../domain/light';
import { noticeMail } from '../domain/mail';
import { noticeWithdrawalMail } from '../domain/notice-withdrawal-mail';
import { shanghaiDate } from '../domain/calendar';
import type { Notice, Rectification, RectificationObligation } from '../domain/notices';
import type { Announcement } from './announce';

/** The rows of "who is told, when": one Announcement per action. */

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

/** 派发 of an imported ledger: each unit given open items, once, with the list of them (not one mail per item). */
export const importDispatched: Announcement<{ items: Item[]; run: string }> = {
  topic: 'dispatch',
  kind: 'import-dispatch',
  about: ({ run }) => [`IMPORT#${run}`],
  told: ({ items }) => ({ units: [...new Set(items.flatMap(responsibleUnits))] }),
  letter: ({ items }, to) =>
    importDispatchLetter({
      to: { name: to.unit.name, link: to.home },
      items: items
        .filter((i) => responsibleUnits(i).includes(to.unit.id))
        .map((i) => ({
          title: i.title,
          dueDate: i.dueDate,
          dueWords: i.dueWords,
          standing: i.standing === true,
          asLead: i.leadUnit === to.unit.id,
        })),
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

/** 延期申请: the office, which decides it (the 待办 page lists it too). */
export const extensionRequested: Announcement<{ item: Item; request: ExtensionRequest; leadUnitName: string }> = {
  topic: 'extension',
  kind: 'extension-requested',
  about: ({ item }) => [`ITEM#${item.id}`, `EVENT#${item.lastSeq}`],
  told: () => ({ units: [], office: true }),
  letter: ({ item, request, leadUnitName }, to) =>
    extensionRequestedLetter({ item, request, leadUnitName, to: { name: to.unit.name, link: to.link({ item: item.id }) }, date: to.date }),
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

/** 整改审核: the unit whose rectification was reviewed; returned (退回重报), the reason and the days left of the week. */
export const rectificationReviewed: Announcement<{ notice: Notice; rectification: Rectification; obligation: RectificationObligation }> = {
  topic: 'rectification',
  kind: 'rectification-reviewed',
  // One review per hand-in: the unit and the attempt name it.
  about: ({ notice, rectification }) => [`NOTICE#${notice.id}`, `UNIT#${rectification.unitId}`, `ATTEMPT#${rectification.attempt ?? 1}`],
  told: ({ rectification }) => ({ units: [rectification.unitId] }),
  letter: ({ notice, rectification, obligation }, to) => {
    const letterTo = { name: to.unit.name, link: to.link({ notice: notice.id }) };
    return rectification.review?.decision === 'returned'
      ? rectificationReturnedLetter({
          notice,
          obligation,
          reason: rectification.review.reason ?? '',
          attempt: rectification.attempt ?? 1,
          to: letterTo,
          date: to.date,
        })
      : rectificationAcceptedLetter({ notice, to: letterTo, date: to.date });
  },
};

/** 整改报告 handed in: the office, which reviews it (通过 / 退回重报). */
export const rectificationHandedIn: Announcement<{ notice: Notice; rectification: Rectification; unitName: string }> = {
  topic: 'rectification',
  kind: 'rectification-handed-in',
  about: ({ notice, rectification }) => [`NOTICE#${notice.id}`, `UNIT#${rectification.unitId}`, `HANDED-IN#${rectification.attempt ?? 1}`],
  told: () => ({ units: [], office: true }),
  letter: ({ notice, rectification, unitName }, to) =>
    rectificationHandedInLetter({
      notice,
      unitName,
      attempt: rectification.attempt ?? 1,
      onTime: rectification.onTime,
      to: { name: to.unit.name, link: to.link({ notice: notice.id }) },
      date: to.date,
    }),
};

/** What an item-change row needs: the item after the change, its event's data, the units' names. */
interface ItemChanged {
  item: Item;
  data: Record<string, unknown>;
  names: UnitNames;
}
const itemAbout = ({ item }: { item: Item }) => [`ITEM#${item.id}`, `EVENT#${item.lastSeq}`];
const text = (data: Record<string, unknown>, key: string) => String(data[key] ?? '');

/**
 * 调整牵头单位: the old lead (it leaves the item) and the new one (what it now owns, 请于…前签收); not the office.
 * To the new lead it is an item to sign for, as a 派发: it goes to the contacts that take dispatch mail.
 */
export const itemReassigned: Announcement<ItemChanged> = {
  topic: 'item-change',
  topicOf: ({ item }, unitId) => (unitId === item.leadUnit ? 'dispatch' : 'item-change'),
  kind: 'item-reassigned',
  about: itemAbout,
  told: ({ item, data }) => ({ units: [text(data, 'previousLeadUnit'), item.leadUnit] }),
  letter: ({ item, data, names }, to) => {
    const letterTo = { name: to.unit.name, link: to.link({ item: item.id }) };
    return to.unit.id === item.leadUnit
      ? reassignedToLetter({
          item,
          previousLeadName: nameIn(names, text(data, 'previousLeadUnit')),
          coUnitNames: item.coUnits.map((id) => nameIn(names, id)),
          reason: text(data, 'reason'),
          to: letterTo,
          date: to.date,
        })
      : reassignedFromLetter({
          item,
          newLeadName: nameIn(names, item.leadUnit),
          reason: text(data, 'reason'),
          extensionWithdrawn: data.withdrawnExtension !== undefined,
          // The former lead no longer reads the item (unless it stays a co-unit, which reassign() does not make it).
          to: { name: to.unit.name, link: to.home },
          date: to.date,
        });
  },
};

/** 撤销: the lead and the co-units, with the reason and the deciding document. */
export const itemWithdrawn: Announcement<ItemChanged> = {
  topic: 'item-change',
  kind: 'item-withdrawn',
  about: itemAbout,
  told: ({ item }) => ({ units: responsibleUnits(item) }),
  letter: ({ item, data }, to) =>
    itemWithdrawnLetter({
      item,
      asLead: to.unit.id === item.leadUnit,
      reason: text(data, 'reason'),
      decision: text(data, 'decision'),
      extensionWithdrawn: data.withdrawnExtension !== undefined,
      to: { name: to.unit.name, link: to.link({ item: item.id }) },
      date: to.date,
    }),
};

/** 调整完成时限: the lead and the co-units, old → new date, the reason and the decision. */
export const deadlineMoved: Announcement<ItemChanged> = {
  topic: 'item-change',
  kind: 'deadline-moved',
  about: itemAbout,
  told: ({ item }) => ({ units: responsibleUnits(item) }),
  letter: ({ item, data, names }, to) =>
    deadlineMovedLetter({
      item,
      asLead: to.unit.id === item.leadUnit,
      leadUnitName: nameIn(names, item.leadUnit),
      previousDueDate: text(data, 'previousDueDate'),
      reason: text(data, 'reason'),
      decision: text(data, 'decision'),
      to: { name: to.unit.name, link: to.link({ item: item.id }) },
      date: to.date,
    }),
};

/** Co-units changed by an edit: one added gets the 派发 (请于…前签收), one removed is told it no longer co-handles. */
export const coUnitsChanged: Announcement<{ item: Item; names: UnitNames; added: string[]; removed: string[] }> = {
  topic: 'dispatch',
  topicOf: ({ removed }, unitId) => (removed.includes(unitId) ? 'item-change' : 'dispatch'),
  kind: 'co-units-changed',
  about: itemAbout,
  told: ({ added, removed }) => ({ units: [...added, ...removed] }),
  letter: (event, to) =>
    event.removed.includes(to.unit.id)
      ? coUnitRemovedLetter({
          item: event.item,
          leadUnitName: nameIn(event.names, event.item.leadUnit),
          // It no longer reads the item: its inbox.
          to: { name: to.unit.name, link: to.home },
          date: to.date,
        })
      : itemDispatched.letter(event, to),
};

/** 撤销通报: those told of the notice — the named units, the office; at government level the leaders. */
export const noticeWithdrawn: Announcement<{ notice: Notice; reason: string; names: UnitNames }> = {
  topic: 'notice',
  kind: 'notice-withdrawn',
  about: ({ notice }) => [notice.id],
  told: ({ notice }) => ({ units: notice.unitIds, office: true, leaders: notice.level === 'government' }),
  letter: ({ notice, reason, names }, to) =>
    noticeWithdrawalMail({
      noticeId: notice.id,
      documentNumber: notice.documentNumber,
      level: notice.level,
      issuedOn: shanghaiDate(new Date(notice.issuedAt)),
      withdrawnOn: to.date,
      reason,
      unitNames: notice.unitIds.map((id) => nameIn(names, id)),
      salutation: `${to.unit.name}：`,
      named: notice.unitIds.includes(to.unit.id),
      link: to.link({ notice: notice.id }),
    }),
};

/** 退回重报 of a progress report: the unit that reported, once, with the reason and what the content rules found. */
export const reportReturned: Announcement<{ item: Item; data: Record<string, unknown>; report: Report }> = {
  topic: 'item-change',
  kind: 'report-returned',
  about: itemAbout,
  told: ({ report }) => ({ units: [report.unitId] }),
  letter: ({ item, data, report }, to) =>
    reportReturnedLetter({
      item,
      submittedAt: report.submittedAt,
      reason: text(data, 'reason'),
      findings: (data.findings as QualityFinding[] | undefined) ?? [],
      reportAgainBy: text(data, 'reportAgainBy'),
      to: { name: to.unit.name, link: to.link({ item: item.id }) },
      date: to.date,
    }),
};
