import { say } from '../../functions/messages/message';
import { Conflict } from '../../functions/domain/errors';
import type { HistoryEvent } from '../../functions/domain/history';
import { isOpen, type Item } from '../../functions/domain/items';
import type { Notice, Rectification, RectificationObligation } from '../../functions/domain/notices';
import type { Unit } from '../../functions/domain/units';
import {
  IdempotencyRace,
  MailNotSent,
  StaleItem,
  type DueQueries,
  type IdempotencyRecord,
  type IdempotencyStore,
  type ItemRepository,
  type MailBatch,
  type MailOutbox,
  type Mailer,
  type MarkRef,
  type Markers,
  type NoticeRepository,
  type OutboxState,
  type OutgoingMail,
  type QueuedMail,
  type UnitRepository,
} from '../../functions/use-cases/ports';

/**
 * The ports of functions/use-cases/ports.ts as plain objects in memory, with
 * the table's semantics where the use cases rely on them: creations refuse an
 * existing id, commits refuse a stale version and a used idempotency scope,
 * marks and escalations happen once, the due-queries answer open items and
 * owed rectifications in their index's order. What the jobs never call throws.
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

const notUsed = (what: string) => () => {
  throw new Error(`${what} is not used here`);
};

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
  };
  const obligationKey = (o: Pick<RectificationObligation, 'noticeId' | 'unitId'>) => `${o.noticeId}|${o.unitId}`;
  const markKey = (ref: MarkRef) => JSON.stringify([ref.on, ref.what]);
  const open = () => [...state.items.values()].filter((i) => isOpen(i.status));

  const units: UnitRepository = {
    register: async (unit) => {
      if (state.units.has(unit.id)) throw new Conflict(say('conflict.exists', { what: 'unit', id: unit.id }), 'unit-exists');
      state.units.set(unit.id, unit);
    },
    get: async (id) => state.units.get(id) ?? null,
    missing: async (ids) => ids.filter((id) => !state.units.has(id)),
    getMany: async (ids) => [...new Set(ids)].flatMap((id) => state.units.get(id) ?? []),
    all: async () => [...state.units.values()],
    list: async () => ({ items: [...state.units.values()] }),
    update: async (_before, after) => {
      state.units.set(after.id, after);
    },
    history: async () => ({ items: [] }),
  };

  const items: ItemRepository = {
    register: async (item, event) => {
      state.items.set(item.id, item);
      state.histories.set(item.id, [event]);
    },
    get: async (id) => state.items.get(id) ?? null,
    list: notUsed('items.list'),
    history: async (id) => ({ items: state.histories.get(id) ?? [] }),
    commit: async ({ before, after, event, idempotency }) => {
      if (state.items.get(before.id)?.version !== before.version) throw new StaleItem(before.id);
      if (idempotency) {
        if (state.idempotency.has(idempotency.scope)) throw new IdempotencyRace();
        state.idempotency.set(idempotency.scope, idempotency);
      }
      state.items.set(after.id, after);
      state.histories.get(after.id)?.push(event);
    },
    reports: async () => ({ items: [] }),
    extension: async () => null,
    missing: async (ids) => ids.filter((id) => !state.items.has(id)),
    extensions: async () => [],
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
    issue: async (notice, obligations) => {
      if (state.notices.has(notice.id)) throw new Conflict(say('conflict.exists', { what: 'notice', id: notice.id }), 'notice-exists');
      state.notices.set(notice.id, notice);
      for (const o of obligations) state.obligations.set(obligationKey(o), o);
    },
    get: async (id) => state.notices.get(id) ?? null,
    list: notUsed('notices.list'),
    obligations: async (noticeId) => [...state.obligations.values()].filter((o) => o.noticeId === noticeId),
    rectifications: async (noticeId) => [...state.rectifications.values()].filter((r) => r.noticeId === noticeId),
    escalate: async (obligations) => {
      const changed: RectificationObligation[] = [];
      for (const o of obligations) {
        if (state.obligations.get(obligationKey(o))?.status !== 'owed') continue;
        const escalated = { ...o, status: 'escalated' as const };
        state.obligations.set(obligationKey(o), escalated);
        changed.push(escalated);
      }
      return changed;
    },
    rectify: async (rectification, obligation) => {
      if (state.obligations.get(obligationKey(obligation))?.status === 'rectified') {
        throw new Conflict(
          say('conflict.already-rectified', { unitId: obligation.unitId, noticeId: obligation.noticeId }),
          'already-rectified',
        );
      }
      state.rectifications.set(obligationKey(rectification), rectification);
      state.obligations.set(obligationKey(obligation), { ...obligation, status: 'rectified' });
    },
    review: notUsed('notices.review'),
    withdraw: notUsed('notices.withdraw'),
    completeWithdrawal: notUsed('notices.completeWithdrawal'),
    forgetLateRectifications: notUsed('notices.forgetLateRectifications'),
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
    itemsOverdue: async (today) =>
      open()
        .filter((i) => i.dueDate < today)
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

  return { state, units, items, idempotency, notices, markers, due };
}
