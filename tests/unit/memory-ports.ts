import { matches } from '../../functions/adapters/dynamodb/item-query';
import { say } from '../../functions/messages/message';
import { type AssessmentFact, lateRectificationFact, notExcellentMark, noticeFact, noticeYearOf } from '../../functions/domain/assessment';
import { Conflict } from '../../functions/domain/errors';
import type { ExtensionRequest } from '../../functions/domain/extensions';
import type { HistoryEvent } from '../../functions/domain/history';
import type { ImportLeftover } from '../../functions/domain/import-leftovers';
import { isOpen, type Item } from '../../functions/domain/items';
import { isHardBounce, type MailEvent, type NoticeMailState } from '../../functions/domain/mail-events';
import { attemptOf, type Notice, type Rectification, type RectificationObligation } from '../../functions/domain/notices';
import type { Referral } from '../../functions/domain/referrals';
import type { Report } from '../../functions/domain/reports';
import type { UnitEvent } from '../../functions/domain/unit-edits';
import type { Unit } from '../../functions/domain/units';
import type { OfficeArrangement } from '../../functions/domain/working-days';
import {
  IdempotencyRace,
  MailNotSent,
  StaleItem,
  StaleLeftover,
  type ImportLeftoverStore,
  StaleUnit,
  type AssessmentFacts,
  type CalendarStore,
  type DueQueries,
  type IdempotencyRecord,
  type IdempotencyStore,
  type IdempotencyWrite,
  type ItemRepository,
  type MailBatch,
  type MailEventStore,
  type MailOutbox,
  type Mailer,
  type MarkRef,
  type Markers,
  type NoticeRepository,
  type OutboxState,
  type OutgoingMail,
  type QueuedMail,
  type ReferralRepository,
  type SentMarker,
  type UnitRepository,
} from '../../functions/use-cases/ports';

/**
 * The ports of functions/use-cases/ports.ts as plain objects in memory, with
 * the table's semantics where the use cases rely on them: creations refuse an
 * existing id, commits refuse a stale version and a used idempotency scope,
 * marks and escalations happen once, the due-queries answer open items and
 * owed rectifications in their index's order; a change's reports and extension
 * requests are stored with it, a decision only on a request still pending; a
 * unit's edit is written on the version read, with its history event. What no
 * test calls throws.
 */

/** An outbox with the table's semantics: claim once, pending until marked sent or parked. */
export function memoryOutbox() {
  const entries = new Map<string, { mail: QueuedMail; state: Exclude<OutboxState, 'new'>; attempts: number; permanentFailures: number }>();
  const batches = new Map<string, MailBatch>();
  const outbox: MailOutbox = {
    claim: async (mail) => {
      const existing = entries.get(mail.id);
      if (existing) return existing.state;
      entries.set(mail.id, { mail, state: 'pending', attempts: 0, permanentFailures: 0 });
      return 'new';
    },
    markSent: async (id) => {
      entries.get(id)!.state = 'sent';
    },
    markFailed: async (id, failure) => {
      const entry = entries.get(id)!;
      entry.attempts += 1;
      if (failure.permanent) entry.permanentFailures += 1;
      return entry.permanentFailures;
    },
    park: async (id) => {
      const entry = entries.get(id)!;
      if (entry.state !== 'pending') return false;
      entry.state = 'parked';
      return true;
    },
    pending: async () => [...entries.values()].filter((e) => e.state === 'pending').map((e) => e.mail),
    batches: async () => [...batches.values()],
    dropBatch: async (id) => {
      batches.delete(id);
    },
  };
  return { outbox, entries, batches };
}

/**
 * A mailer that keeps what it sent; `failWhen` makes it refuse some mail, as SES can:
 * true or 'transient' as SES down or throttling (worth another try), 'permanent' as a mail it rejects.
 */
export function recordingMailer(failWhen: (mail: OutgoingMail) => boolean | 'transient' | 'permanent' = () => false) {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    send: async (mail) => {
      const failure = failWhen(mail);
      if (failure === 'permanent') throw new MailNotSent('SES did not send the mail: MessageRejected, HTTP 400', false);
      if (failure) throw new MailNotSent('SES unavailable', true);
      sent.push(mail);
    },
  };
  /** The subjects of what was sent to one address, in order. */
  const subjectsTo = (address: string) => sent.filter((m) => m.to.includes(address)).map((m) => m.subject);
  return { mailer, sent, subjectsTo };
}

const byDueThenId = (date: (i: Item) => string | undefined) => (a: Item, b: Item) =>
  `${date(a)}#${a.id}`.localeCompare(`${date(b)}#${b.id}`);

/** The whole ledger in memory: units, items and their histories, notices and their obligations, marks, idempotency records. */
export function memoryLedger() {
  const state = {
    units: new Map<string, Unit>(),
    items: new Map<string, Item>(),
    histories: new Map<string, HistoryEvent[]>(),
    notices: new Map<string, Notice>(),
    obligations: new Map<string, RectificationObligation>(),
    rectifications: new Map<string, Rectification>(),
    marks: new Map<string, Record<string, unknown>>(),
    idempotency: new Map<string, IdempotencyRecord>(),
    unitHistories: new Map<string, UnitEvent[]>(),
    reports: new Map<string, Report[]>(),
    extensions: new Map<string, ExtensionRequest>(),
    /** The assessment's facts written with changes, by their key (year, kind, ref), as the table keeps one of each. */
    facts: new Map<string, AssessmentFact>(),
    /** The mail batches written with changes, in commit order: what the table's stream delivers (world().follow). */
    written: [] as MailBatch[],
  };
  const obligationKey = (o: Pick<RectificationObligation, 'noticeId' | 'unitId'>) => `${o.noticeId}|${o.unitId}`;
  // One record per hand-in, as the table keys them (RECT#unit, RECT#unit#002…): a returned one stays beside the next.
  const rectificationKey = (r: Rectification) => `${r.noticeId}|${r.unitId}|${attemptOf(r)}`;
  const extensionKey = (r: Pick<ExtensionRequest, 'itemId' | 'id'>) => `${r.itemId}|${r.id}`;
  /** A creation's idempotency record, refused when the key was used (checked before anything is written). */
  const keyFree = (write?: IdempotencyWrite) => {
    if (write && state.idempotency.has(write.scope)) throw new IdempotencyRace();
  };
  const remember = (write?: IdempotencyWrite) => {
    if (write) state.idempotency.set(write.scope, write);
  };
  const markKey = (ref: MarkRef) => JSON.stringify([ref.on, ref.what]);
  const open = () => [...state.items.values()].filter((i) => isOpen(i.status));

  const units: UnitRepository = {
    register: async (unit, idempotency) => {
      keyFree(idempotency);
      if (state.units.has(unit.id)) throw new Conflict(say('conflict.exists', { what: 'unit', id: unit.id }), 'unit-exists');
      state.units.set(unit.id, unit);
      remember(idempotency);
    },
    get: async (id) => state.units.get(id) ?? null,
    missing: async (ids) => ids.filter((id) => !state.units.has(id)),
    getMany: async (ids) => [...new Set(ids)].flatMap((id) => state.units.get(id) ?? []),
    all: async () => [...state.units.values()],
    list: async () => ({ items: [...state.units.values()] }),
    update: async (before, after, event, idempotency) => {
      if (state.units.get(before.id)?.version !== before.version) throw new StaleUnit(before.id);
      keyFree(idempotency);
      state.units.set(after.id, after);
      state.unitHistories.set(after.id, [...(state.unitHistories.get(after.id) ?? []), event]);
      remember(idempotency);
    },
    history: async (id) => ({ items: state.unitHistories.get(id) ?? [] }),
  };

  const factId = (f: Pick<AssessmentFact, 'year' | 'kind' | 'ref'>) => `${f.year}#${f.kind}#${f.ref}`;
  const keepFacts = (facts: readonly AssessmentFact[]) => {
    for (const f of facts) state.facts.set(factId(f), f);
  };
  const dropFacts = (facts: readonly AssessmentFact[]) => {
    for (const f of facts) state.facts.delete(factId(f));
  };
  /** The facts as the assessment reads them (DynamoAssessmentFacts.ofYear). */
  const facts: AssessmentFacts = {
    ofYear: async (year, kindPrefix = '') => [...state.facts.values()].filter((f) => f.year === year && f.kind.startsWith(kindPrefix)),
  };

  const items: ItemRepository = {
    register: async (item, event, _idempotency, mail) => {
      state.items.set(item.id, item);
      state.histories.set(item.id, [event]);
      if (mail) state.written.push(mail);
    },
    get: async (id) => state.items.get(id) ?? null,
    // One page, whatever the limit: the filter as the table's listing applies it (item-query.ts).
    list: async (filter, today) => ({
      items: [...state.items.values()].filter(
        (i) => (filter.unit === undefined || i.leadUnit === filter.unit || i.coUnits.includes(filter.unit)) && matches(i, filter, today),
      ),
    }),
    history: async (id) => ({ items: state.histories.get(id) ?? [] }),
    commit: async ({ before, after, event, idempotency, attachments = [], facts, mail }) => {
      if (state.items.get(before.id)?.version !== before.version) throw new StaleItem(before.id);
      keyFree(idempotency);
      // A decision is written only on a request still pending (the table's condition): else nothing of the change is.
      for (const a of attachments) {
        if (a.kind === 'extension' && a.decided && state.extensions.get(extensionKey(a.request))?.status !== 'pending') {
          throw new Conflict(say('conflict.extension-decided-meanwhile'), 'extension-decided');
        }
      }
      remember(idempotency);
      for (const a of attachments) {
        if (a.kind === 'report') state.reports.set(a.report.itemId, [...(state.reports.get(a.report.itemId) ?? []), a.report]);
        if (a.kind === 'extension') state.extensions.set(extensionKey(a.request), a.request);
      }
      state.items.set(after.id, after);
      state.histories.get(after.id)?.push(event);
      keepFacts(facts);
      if (mail) state.written.push(mail);
    },
    reports: async (itemId) => ({ items: [...(state.reports.get(itemId) ?? [])].reverse() }),
    extension: async (itemId, requestId) => state.extensions.get(extensionKey({ itemId, id: requestId })) ?? null,
    missing: async (ids) => ids.filter((id) => !state.items.has(id)),
    extensions: async (itemId) =>
      [...state.extensions.values()].filter((r) => r.itemId === itemId).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
    leadersInCharge: async (ids) =>
      new Map(
        ids.flatMap((id) => (state.items.get(id)?.leaderInCharge ? [[id, state.items.get(id)?.leaderInCharge as string] as const] : [])),
      ),
  };

  const idempotency: IdempotencyStore = {
    find: async (scope, now) => {
      const record = state.idempotency.get(scope);
      return record && record.expiresAt > now ? record : null;
    },
  };

  const notices: NoticeRepository = {
    issue: async (notice, obligations, facts, _idempotency, mail) => {
      if (state.notices.has(notice.id)) throw new Conflict(say('conflict.exists', { what: 'notice', id: notice.id }), 'notice-exists');
      state.notices.set(notice.id, notice);
      keepFacts(facts);
      for (const o of obligations) state.obligations.set(obligationKey(o), o);
      if (mail) state.written.push(mail);
    },
    get: async (id) => state.notices.get(id) ?? null,
    // Newest first, as the listing index orders them; with `naming`, those naming that unit.
    list: async (_page, naming) => ({
      items: [...state.notices.values()]
        .filter((n) => naming === undefined || n.unitIds.includes(naming))
        .sort((a, b) => `${b.issuedAt}#${b.id}`.localeCompare(`${a.issuedAt}#${a.id}`)),
    }),
    obligations: async (noticeId) => [...state.obligations.values()].filter((o) => o.noticeId === noticeId),
    rectifications: async (noticeId) => [...state.rectifications.values()].filter((r) => r.noticeId === noticeId),
    escalate: async (obligations) => {
      const changed: RectificationObligation[] = [];
      for (const o of obligations) {
        if (state.obligations.get(obligationKey(o))?.status !== 'owed') continue;
        const escalated = { ...o, status: 'escalated' as const };
        state.obligations.set(obligationKey(o), escalated);
        // Escalated for lateness: counted late, under the key a late hand-in would take (notice-repository.ts).
        keepFacts([lateRectificationFact(o)]);
        changed.push(escalated);
      }
      return changed;
    },
    rectify: async (rectification, obligation, facts, idempotency) => {
      keyFree(idempotency);
      if (state.rectifications.has(rectificationKey(rectification))) {
        throw new Conflict(
          say('conflict.already-rectified', { unitId: obligation.unitId, noticeId: obligation.noticeId }),
          'already-rectified',
        );
      }
      state.rectifications.set(rectificationKey(rectification), rectification);
      state.obligations.set(obligationKey(obligation), { ...obligation, status: 'rectified' });
      keepFacts(facts);
      remember(idempotency);
    },
    review: async (rectification, obligation, idempotency, mail) => {
      keyFree(idempotency);
      // Reviewed once, and only while the obligation stands rectified: a second review (or one racing it) finds the first.
      if (
        state.rectifications.get(rectificationKey(rectification))?.review !== undefined ||
        !state.rectifications.has(rectificationKey(rectification)) ||
        state.obligations.get(obligationKey(obligation))?.status !== 'rectified'
      ) {
        throw new Conflict(
          say('conflict.rectification-not-awaiting-review', { noticeId: rectification.noticeId, unitId: rectification.unitId }),
          'rectification-not-awaiting-review',
        );
      }
      state.rectifications.set(rectificationKey(rectification), rectification);
      state.obligations.set(obligationKey(obligation), obligation);
      remember(idempotency);
      if (mail) state.written.push(mail);
    },
    withdraw: async (notice, obligations, idempotency, mail) => {
      keyFree(idempotency);
      if (!state.notices.has(notice.id) || state.notices.get(notice.id)?.withdrawn) {
        throw new Conflict(say('conflict.notice-withdrawn', { noticeId: notice.id }), 'notice-withdrawn');
      }
      state.notices.set(notice.id, notice);
      for (const o of obligations) if (state.obligations.has(obligationKey(o))) state.obligations.set(obligationKey(o), o);
      // With its fact gone the notice counts for nothing (rule 4, the deduction).
      dropFacts([noticeFact(notice)]);
      remember(idempotency);
      if (mail) state.written.push(mail);
    },
    completeWithdrawal: async (notice) => {
      if (!notice.withdrawn) return 0;
      const left = [...state.obligations.values()].filter((o) => o.noticeId === notice.id && o.status !== 'withdrawn');
      for (const o of left) state.obligations.set(obligationKey(o), { ...o, status: 'withdrawn' });
      return left.length;
    },
    forgetLateRectifications: async (notice, obligations) => {
      // The one-week check's not-excellent mark goes only when it names this notice (the table's condition).
      for (const o of obligations) {
        const key = markKey(notExcellentMark(o.unitId, noticeYearOf(o)));
        if (state.marks.get(key)?.noticeId === notice.id) state.marks.delete(key);
      }
      dropFacts(obligations.map(lateRectificationFact));
    },
  };

  const markers: Markers = {
    mark: async (ref, data) => {
      if (state.marks.has(markKey(ref))) return false;
      state.marks.set(markKey(ref), data);
      return true;
    },
    unmarked: async (refs) => refs.filter((ref) => !state.marks.has(markKey(ref))),
  };

  /** Open items by deadline and by report date, and owed rectifications by due date: the Due and ReportDue indexes. */
  const due: DueQueries = {
    itemsDue: async (from, to) =>
      open()
        .filter((i) => i.dueDate >= from && i.dueDate <= to)
        .sort(byDueThenId((i) => i.dueDate)),
    // A standing task's dueDate is its assessment's year end, not a deadline (due-queries.ts withDeadlines).
    deadlinesDue: async (from, to) =>
      open()
        .filter((i) => !i.standing && i.dueDate >= from && i.dueDate <= to)
        .sort(byDueThenId((i) => i.dueDate)),
    itemsOverdue: async (today) =>
      open()
        .filter((i) => !i.standing && i.dueDate < today)
        .sort(byDueThenId((i) => i.dueDate)),
    reportsDue: async (from, to) =>
      open()
        .filter((i) => i.nextReportDue !== undefined && i.nextReportDue >= from && i.nextReportDue <= to)
        .sort(byDueThenId((i) => i.nextReportDue)),
    reportsOverdue: async (today) =>
      open()
        .filter((i) => i.nextReportDue !== undefined && i.nextReportDue < today)
        .sort(byDueThenId((i) => i.nextReportDue)),
    rectificationsOverdue: async (today) =>
      [...state.obligations.values()]
        .filter((o) => o.status === 'owed' && o.due < today)
        .map(({ noticeId, unitId, due }) => ({ noticeId, unitId, due }))
        .sort((a, b) => `${a.due}#${a.noticeId}#${a.unitId}`.localeCompare(`${b.due}#${b.noticeId}#${b.unitId}`)),
    readUnits: 0,
  };

  /** 导入待修正, by import, with the table's conditions on the version read. */
  const leftoverRecords = new Map<string, ImportLeftover>();
  const leftovers: ImportLeftoverStore = {
    list: async () => [...leftoverRecords.values()].sort((a, b) => a.importedAt.localeCompare(b.importedAt)).map((l) => structuredClone(l)),
    async save(leftover) {
      const stored = leftoverRecords.get(leftover.id);
      if (leftover.version === 1 ? stored !== undefined : stored?.version !== leftover.version - 1) throw new StaleLeftover('changed');
      leftoverRecords.set(leftover.id, structuredClone(leftover));
    },
    async remove(leftover) {
      if (leftoverRecords.get(leftover.id)?.version !== leftover.version) throw new StaleLeftover('changed');
      leftoverRecords.delete(leftover.id);
    },
  };
  return { state, units, items, idempotency, notices, markers, due, facts, leftovers };
}

/** Referrals (移送) in memory: a creation refuses a used id and a used idempotency key; listed newest first. */
export function memoryReferrals(idempotency: Map<string, IdempotencyRecord>) {
  const referrals = new Map<string, Referral>();
  const repository: ReferralRepository = {
    record: async (referral, write) => {
      if (write && idempotency.has(write.scope)) throw new IdempotencyRace();
      if (referrals.has(referral.id)) throw new Conflict(say('conflict.exists', { what: 'referral', id: referral.id }), 'referral-exists');
      referrals.set(referral.id, referral);
      if (write) idempotency.set(write.scope, write);
    },
    list: async () => ({
      items: [...referrals.values()].sort((a, b) => `${b.referredAt}#${b.id}`.localeCompare(`${a.referredAt}#${a.id}`)),
    }),
  };
  return { referrals: repository, stored: referrals };
}

/** The office's years of holidays: one record per year, a later entry replacing the earlier. */
export function memoryCalendar() {
  const years = new Map<number, OfficeArrangement>();
  const calendar: CalendarStore = {
    put: async (arrangement) => {
      years.set(arrangement.year, arrangement);
    },
    all: async () => [...years.values()],
  };
  return { calendar, years };
}

/**
 * Delivery receipts on sent-markers: a receipt is recorded once per (marker, type, SES message id), and only on
 * a marker that exists; the marker keeps the first time of each kind of receipt.
 */
export function memoryMailEvents(markers: SentMarker[] = []) {
  const byId = new Map(markers.map((m) => [m.id, { ...m } as SentMarker & Record<string, unknown>]));
  const recorded = new Map<string, MailEvent>();
  const events: MailEventStore = {
    marker: async (id) => byId.get(id) ?? null,
    markerOfMessage: async (messageId) => [...byId.values()].find((m) => m.messageId === messageId) ?? null,
    record: async (markerId, event) => {
      const key = `${markerId}|${event.type}|${event.messageId}`;
      const marker = byId.get(markerId);
      if (!marker || recorded.has(key)) return false;
      recorded.set(key, event);
      // A soft bounce is not a bounce of the unit's mail (the adapter's stampOf).
      const stamps = {
        delivery: 'deliveredAt',
        bounce: isHardBounce(event) ? 'bouncedAt' : 'softBouncedAt',
        complaint: 'complainedAt',
        reject: 'rejectedAt',
        delay: 'delayedAt',
      };
      marker[stamps[event.type]] ??= event.at;
      return true;
    },
    noticeMails: async (noticeId) =>
      [...byId.values()]
        .filter((m) => m.notice === noticeId && m.unit !== undefined)
        .map(
          (m): NoticeMailState => ({
            unitId: m.unit!,
            ...(typeof m.deliveredAt === 'string' ? { deliveredAt: m.deliveredAt } : {}),
            ...(typeof m.bouncedAt === 'string' ? { bouncedAt: m.bouncedAt } : {}),
          }),
        ),
  };
  return { events, recorded, markers: byId };
}
