import type { CalendarDate } from '../../domain/calendar';
import { isOpen, type ItemStatus } from '../../domain/items';
import { officeOfKey, officePrefix } from '../office-scope';

/**
 * Every key of the ledger table is computed here, one function per entity.
 *
 *   entity        PK                SK             GSI1 (Due, sparse)        GSI2 (ByUnit)
 *   unit          UNIT#<id>         UNIT           —                         UNITS / <id>
 *   unit event    UNIT#<id>         EVENT#<seq>    —                         —
 *   item          ITEM#<id>         ITEM           OPEN#ITEM / <due>#<id>    LEDGER / <due>#<id>
 *                                                  (GSI3 ReportDue: OPEN#REPORT / <nextReportDue>#<id>)
 *   membership    ITEM#<id>         UNIT#<unit>    —                         UNIT#<unit> / <due>#<id>
 *   event         ITEM#<id>         EVENT#<seq>    —                         —
 *   report        ITEM#<id>         REPORT#<rid>   —                         —
 *   extension     ITEM#<id>         EXTENSION#<x>  —                         —
 *   notice        NOTICE#<id>       NOTICE         —                         NOTICES / <issuedAt>#<id>
 *   obligation    NOTICE#<id>       OWED#<unit>    OPEN#RECTIFICATION / <due>#<notice>#<unit> (while owed or returned)
 *   rectification NOTICE#<id>       RECT#<unit>[#<n>] —                      —  (n: the hand-in after a return)
 *   referral      REFERRAL#<id>     REFERRAL       —                         REFERRALS / <referredAt>#<id>
 *   idempotency   IDEMPOTENCY#<s>   IDEMPOTENCY    —                         —
 *   fact          ASSESSMENT#<year> <kind>#<ref>   —                         —
 *   mark          ITEM#<id> or      MARK#<what>    —                         —
 *                 UNIT#<id>
 *   attachment    ATTACHMENT#<id>   ATTACHMENT     —                         —
 *   outbox mail   OUTBOX#<id>       MAIL           OUTBOX#PENDING / <createdAt>#<id> (while pending)
 *   chain head    ITEM#<id>         CHAIN          —                         —
 *   unsealed head CHAIN#UNSEALED    <itemId>       —                         —
 *   seal          SEAL              NO#<number>    —                         —
 *   seal's day    SEAL              DAY#<date>     —                         —
 *   table meta    TABLE#META        SCHEMA         —                         —   (schemaVersion: functions/migrations)
 *   calendar year CALENDAR          YEAR#<year>    —                         —
 *   mail batch    OUTBOX#<id>       BATCH          OUTBOX#BATCH / <at>#<id> (until released)
 *   counter       COUNTER#<seq>     <year>         —                         —
 *   notice mail   (the outbox mail of a notice to a named unit)               NOTICE-MAIL#<notice> / <unit>#<id>
 *   mail event    OUTBOX#<id>       EVENT#<type>#<messageId>  —               —   (a delivery receipt, once)
 *   message       MAIL-MESSAGE#<ses message id>  MAIL  —                      —   (→ the outbox mail's id)
 *   alteration    ALTERATIONS       <at>#<stream seq>  —                       —   (a written-once record changed)
 *   import left   IMPORT-LEFT       <importedAt>#<run> —                       —   (rows an import left to fix)
 *   send rate     SEND-RATE         <epoch second>     —                       —   (mails sent in that second; TTL)
 *
 * Every partition key and index partition key above is the office's own (`scoped`): the root office's as shown,
 * an office under it's with `O#<office id>#` before it (`O#hanbin#ITEM#<id>`, `O#hanbin#LEDGER`). The table's own
 * records are not: the meta record, the send rate, SES's message ids, alterations and `OFFICES` / `<office id>`.
 *
 * An item carries GSI1 keys only while it is open, which keeps the Due index
 * as small as the work still to be done.
 */
export type Key = { PK: string; SK: string };

/**
 * A partition of the current office (office-scope.ts): every key below is, but for the table's own (the meta
 * record, the send rate, SES's message ids, alterations, the offices themselves). The root office's keys are the
 * ones above, as the ledger had them before there were offices; an office under it prefixes them with `O#<id>#`.
 */
export const scoped = (partition: string): string => officePrefix() + partition;

/**
 * 分解下达: the items an office made of one item of the office above, one partition per parent item in the
 * office's own keys (`O#<office>#CASCADE#<parent office>#<parent item>` / `<registeredAt>#<child id>`), written with each child.
 */
export const cascadeLinks = (parent: { office: string; itemId: string }) => scoped(`CASCADE#${parent.office}#${parent.itemId}`);
export const cascadeKey = (parent: { office: string; itemId: string }, child: { id: string; registeredAt: string }): Key => ({
  PK: cascadeLinks(parent),
  // In the order they were made.
  SK: `${child.registeredAt}#${child.id}`,
});

/** An office's latest summary (domain/office-summary.ts), written by its daily run, read by the roll-up. */
export const summaryKey = (): Key => ({ PK: scoped('SUMMARY'), SK: 'LATEST' });

/** 督查机构: the tree of offices, one small partition of the table's own, read whole. */
export const OFFICES = 'OFFICES';
export const officeKey = (id: string): Key => ({ PK: OFFICES, SK: id });

const SEQ_WIDTH = 10;

export const unitKey = (id: string): Key => ({ PK: scoped(`UNIT#${id}`), SK: 'UNIT' });
export const UNITS = 'UNITS';
export const unitListing = (id: string) => ({ GSI2PK: scoped(UNITS), GSI2SK: id });
/** A unit's recorded changes (PATCH /units/{unitId}) sit in its own partition, numbered by the version each made. */
export const unitEventKey = (unitId: string, seq: number): Key => ({
  PK: scoped(`UNIT#${unitId}`),
  SK: `EVENT#${String(seq).padStart(SEQ_WIDTH, '0')}`,
});
export const UNIT_EVENT_PREFIX = 'EVENT#';

/** An item's partition, less its office's prefix: what the stream's follower recognises an item's records by. */
export const ITEM_PARTITION = 'ITEM#';
export const itemKey = (id: string): Key => ({ PK: scoped(`${ITEM_PARTITION}${id}`), SK: 'ITEM' });
export const dueSortKey = (dueDate: CalendarDate, id: string) => `${dueDate}#${id}`;
/** Sorts after every sort key that starts with the date (`<date>#…`, whatever the id): closes a range on a date. */
export const endOfDate = (date: CalendarDate) => `${date}#~`;
export const OPEN_ITEMS = 'OPEN#ITEM';
export const LEDGER = 'LEDGER';
export const REPORTS_DUE = 'OPEN#REPORT';
/** Closed and withdrawn items leave Due and ReportDue: no job reads them again. */
export const itemIndexes = (item: { id: string; dueDate: CalendarDate; status: ItemStatus; nextReportDue?: CalendarDate }) => ({
  GSI2PK: scoped(LEDGER),
  GSI2SK: dueSortKey(item.dueDate, item.id),
  ...(isOpen(item.status) ? { GSI1PK: scoped(OPEN_ITEMS), GSI1SK: dueSortKey(item.dueDate, item.id) } : {}),
  ...(isOpen(item.status) && item.nextReportDue ? { GSI3PK: scoped(REPORTS_DUE), GSI3SK: dueSortKey(item.nextReportDue, item.id) } : {}),
});

export const membershipKey = (itemId: string, unitId: string): Key => ({ PK: scoped(`ITEM#${itemId}`), SK: `UNIT#${unitId}` });
export const unitItems = (unitId: string) => scoped(`UNIT#${unitId}`);
/** A unit's membership rows list its items in deadline order. */
export const membershipListing = (unitId: string, item: { id: string; dueDate: CalendarDate }) => ({
  GSI2PK: unitItems(unitId),
  GSI2SK: dueSortKey(item.dueDate, item.id),
});

export const eventKey = (itemId: string, seq: number): Key => ({
  PK: scoped(`ITEM#${itemId}`),
  SK: `EVENT#${String(seq).padStart(SEQ_WIDTH, '0')}`,
});
export const EVENT_PREFIX = 'EVENT#';

// Report and extension ids sort by time (domain/ids.ts), so their keys do too.
export const reportKey = (itemId: string, reportId: string): Key => ({ PK: scoped(`ITEM#${itemId}`), SK: `REPORT#${reportId}` });
export const REPORT_PREFIX = 'REPORT#';
export const extensionKey = (itemId: string, requestId: string): Key => ({ PK: scoped(`ITEM#${itemId}`), SK: `EXTENSION#${requestId}` });
export const EXTENSION_PREFIX = 'EXTENSION#';

export const noticeKey = (id: string): Key => ({ PK: scoped(`NOTICE#${id}`), SK: 'NOTICE' });
export const NOTICES = 'NOTICES';
export const noticeListing = (notice: { id: string; issuedAt: string }) => ({
  GSI2PK: scoped(NOTICES),
  GSI2SK: `${notice.issuedAt}#${notice.id}`,
});
export const obligationKey = (noticeId: string, unitId: string): Key => ({ PK: scoped(`NOTICE#${noticeId}`), SK: `OWED#${unitId}` });
export const OBLIGATION_PREFIX = 'OWED#';
export const OPEN_RECTIFICATIONS = 'OPEN#RECTIFICATION';
/** Owed rectifications sit in the Due index by due date; the key itself says whose and under which notice. */
export const obligationIndex = (o: { noticeId: string; unitId: string; due: CalendarDate; status: string; wasEscalated?: true }) =>
  o.status === 'owed' || (o.status === 'returned' && !o.wasEscalated)
    ? { GSI1PK: scoped(OPEN_RECTIFICATIONS), GSI1SK: `${o.due}#${o.noticeId}#${o.unitId}` }
    : {};
/** Whose rectification an owed obligation's Due key says is due, and when (the inverse of obligationIndex). */
export function obligationOfIndex(sortKey: string): { noticeId: string; unitId: string; due: CalendarDate } {
  const [due = '', noticeId = '', unitId = ''] = sortKey.split('#');
  return { noticeId, unitId, due };
}
/** The first hand-in keeps the key it always had; one after a return (退回重报) adds its number. */
export const rectificationKey = (noticeId: string, unitId: string, attempt = 1): Key => ({
  PK: scoped(`NOTICE#${noticeId}`),
  SK: attempt === 1 ? `RECT#${unitId}` : `RECT#${unitId}#${String(attempt).padStart(3, '0')}`,
});
export const RECTIFICATION_PREFIX = 'RECT#';
/** SES's send rate: the mails sent in one second, counted by every function that mails (send-rate.ts). */
export const sendRateKey = (second: number): Key => ({ PK: 'SEND-RATE', SK: String(second) });

/** 导入待修正: one record per import that left rows to fix, in one small partition read whole by 待办. */
export const IMPORTS_LEFT = 'IMPORT-LEFT';
export const importLeftoverKey = (l: { importedAt: string; id: string }): Key => ({
  PK: scoped(IMPORTS_LEFT),
  SK: `${l.importedAt}#${l.id}`,
});

export const referralKey = (id: string): Key => ({ PK: scoped(`REFERRAL#${id}`), SK: 'REFERRAL' });
export const REFERRALS = 'REFERRALS';
export const referralListing = (r: { id: string; referredAt: string }) => ({
  GSI2PK: scoped(REFERRALS),
  GSI2SK: `${r.referredAt}#${r.id}`,
});

export const idempotencyKey = (scope: string): Key => ({ PK: scoped(`IDEMPOTENCY#${scope}`), SK: 'IDEMPOTENCY' });

/** 考核 facts: one partition per year, so a year's assessment is one Query; the kind leads the sort key so closed items read alone. */
const ASSESSMENT_PREFIX = 'ASSESSMENT#';
export const assessmentYear = (year: number) => `${ASSESSMENT_PREFIX}${year}`;
export const factKey = (fact: { year: number; kind: string; ref: string }): Key => ({
  PK: scoped(assessmentYear(fact.year)),
  SK: `${fact.kind}#${fact.ref}`,
});
/** Year, kind and ref from a fact's key (the inverse of factKey): the record itself does not repeat them. */
export function factOfKey(key: Key): { year: number; kind: string; ref: string } {
  const at = key.SK.indexOf('#');
  return { year: Number(officeOfKey(key.PK).rest.slice(ASSESSMENT_PREFIX.length)), kind: key.SK.slice(0, at), ref: key.SK.slice(at + 1) };
}

/** A once-only mark is kept in the partition of the item or unit it marks; `what` says what happened once. */
export const markKey = (mark: { on: { item: string } | { unit: string }; what: readonly string[] }): Key => ({
  PK: 'item' in mark.on ? itemKey(mark.on.item).PK : unitKey(mark.on.unit).PK,
  SK: `MARK#${mark.what.join('#')}`,
});

/** A job's email, claimed before it is sent; it sits in the sparse Due index until it is sent. */
export const outboxKey = (id: string): Key => ({ PK: scoped(`OUTBOX#${id}`), SK: 'MAIL' });
export const PENDING_MAIL = 'OUTBOX#PENDING';
export const pendingMailIndex = (id: string, claimedAt: Date) => ({
  GSI1PK: scoped(PENDING_MAIL),
  GSI1SK: `${claimedAt.toISOString()}#${id}`,
});
/** A notice's email to a named unit, listed under the notice: its delivery receipts say whether the unit was told. */
export const noticeMails = (noticeId: string) => scoped(`NOTICE-MAIL#${noticeId}`);
export const noticeMailListing = (noticeId: string, unitId: string, id: string) => ({
  GSI2PK: noticeMails(noticeId),
  GSI2SK: `${unitId}#${id}`,
});
/** One delivery receipt of an outbox mail, once per (SES message id, event type): EventBridge delivers at least once. */
export const mailEventKey = (mailId: string, type: string, messageId: string): Key => ({
  PK: scoped(`OUTBOX#${mailId}`),
  SK: `EVENT#${type}#${messageId}`,
});
/** SES's message id → the outbox mail it was sent for (a receipt without the marker's tag is found by it). */
export const mailMessageKey = (messageId: string): Key => ({ PK: `MAIL-MESSAGE#${messageId}`, SK: 'MAIL' });

// --- Tamper-evident ledger (domain/ledger-chain.ts) ---

/** An item's chain head: the last event the chainer hashed, so the next run starts after it. */
export const chainHeadKey = (itemId: string): Key => ({ PK: scoped(`ITEM#${itemId}`), SK: 'CHAIN' });
/** Chain heads that moved since the last seal: one partition, read whole by the daily seal. */
export const UNSEALED = 'CHAIN#UNSEALED';
export const unsealedKey = (itemId: string): Key => ({ PK: scoped(UNSEALED), SK: itemId });
/** Seals in the order they were made (zero-padded, so they sort); one per date, which DAY#<date> guards. */
export const SEALS = 'SEAL';
export const SEAL_PREFIX = 'NO#';
export const sealKey = (number: number): Key => ({ PK: scoped(SEALS), SK: `${SEAL_PREFIX}${String(number).padStart(SEQ_WIDTH, '0')}` });
export const sealDayKey = (date: CalendarDate): Key => ({ PK: scoped(SEALS), SK: `DAY#${date}` });
/** An alteration of a written-once record (domain/ledger-alterations.ts), once per stream record that showed it. */
export const ALTERATIONS = 'ALTERATIONS';
export const alterationKey = (at: Date, streamSequence: string): Key => ({ PK: ALTERATIONS, SK: `${at.toISOString()}#${streamSequence}` });
/** The table's one meta record: the schema version its records are at (functions/migrations). */
export const tableMetaKey: Key = { PK: 'TABLE#META', SK: 'SCHEMA' };
/** The office's entry of a year's holidays (PUT /calendar/{year}): one partition, so every year is one Query. */
export const CALENDAR = 'CALENDAR';
export const calendarYearKey = (year: number): Key => ({ PK: scoped(CALENDAR), SK: `YEAR#${year}` });
// ── h: event mail and notice numbers ──
/** The emails of one change, written in its transaction; in the Due index until released into sent-markers. */
export const mailBatchKey = (id: string): Key => ({ PK: scoped(`OUTBOX#${id}`), SK: 'BATCH' });
export const PENDING_BATCHES = 'OUTBOX#BATCH';
export const pendingBatchIndex = (id: string, at: Date) => ({ GSI1PK: scoped(PENDING_BATCHES), GSI1SK: `${at.toISOString()}#${id}` });
/** A yearly counter (文号 of notices: `sequence` = notice-number, one per prefix and year), raised with UpdateItem ADD. */
export const counterKey = (sequence: string, year: number): Key => ({ PK: scoped(`COUNTER#${sequence}`), SK: String(year) });
/** 附件: one record per uploaded file (attachments.ts); the file itself is in the attachments bucket. */
export const attachmentKey = (id: string): Key => ({ PK: scoped(`ATTACHMENT#${id}`), SK: 'ATTACHMENT' });
