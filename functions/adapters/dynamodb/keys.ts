import type { CalendarDate } from '../../domain/calendar';

/**
 * Every key of the ledger table is computed here, one function per entity.
 *
 *   entity        PK                SK             GSI1 (Due, sparse)        GSI2 (ByUnit)
 *   unit          UNIT#<id>         UNIT           —                         UNITS / <id>
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
 *
 * An item carries GSI1 keys only while it is open, which keeps the Due index
 * as small as the work still to be done.
 */
export type Key = { PK: string; SK: string };

const SEQ_WIDTH = 10;

export const unitKey = (id: string): Key => ({ PK: `UNIT#${id}`, SK: 'UNIT' });
export const UNITS = 'UNITS';
export const unitListing = (id: string) => ({ GSI2PK: UNITS, GSI2SK: id });

export const itemKey = (id: string): Key => ({ PK: `ITEM#${id}`, SK: 'ITEM' });
export const dueSortKey = (dueDate: CalendarDate, id: string) => `${dueDate}#${id}`;
/** Sorts after every sort key that starts with the date (`<date>#…`, whatever the id): closes a range on a date. */
export const endOfDate = (date: CalendarDate) => `${date}#~`;
export const OPEN_ITEMS = 'OPEN#ITEM';
export const LEDGER = 'LEDGER';
export const REPORTS_DUE = 'OPEN#REPORT';
export const itemIndexes = (item: { id: string; dueDate: CalendarDate; status: string; nextReportDue?: CalendarDate }) => ({
  GSI2PK: LEDGER,
  GSI2SK: dueSortKey(item.dueDate, item.id),
  ...(item.status !== 'closed' ? { GSI1PK: OPEN_ITEMS, GSI1SK: dueSortKey(item.dueDate, item.id) } : {}),
  ...(item.status !== 'closed' && item.nextReportDue ? { GSI3PK: REPORTS_DUE, GSI3SK: dueSortKey(item.nextReportDue, item.id) } : {}),
});

export const membershipKey = (itemId: string, unitId: string): Key => ({ PK: `ITEM#${itemId}`, SK: `UNIT#${unitId}` });
export const unitItems = (unitId: string) => `UNIT#${unitId}`;
/** A unit's membership rows list its items in deadline order. */
export const membershipListing = (unitId: string, item: { id: string; dueDate: CalendarDate }) => ({
  GSI2PK: unitItems(unitId),
  GSI2SK: dueSortKey(item.dueDate, item.id),
});

export const eventKey = (itemId: string, seq: number): Key => ({
  PK: `ITEM#${itemId}`,
  SK: `EVENT#${String(seq).padStart(SEQ_WIDTH, '0')}`,
});
export const EVENT_PREFIX = 'EVENT#';

// Report and extension ids sort by time (domain/ids.ts), so their keys do too.
export const reportKey = (itemId: string, reportId: string): Key => ({ PK: `ITEM#${itemId}`, SK: `REPORT#${reportId}` });
export const REPORT_PREFIX = 'REPORT#';
export const extensionKey = (itemId: string, requestId: string): Key => ({ PK: `ITEM#${itemId}`, SK: `EXTENSION#${requestId}` });
export const EXTENSION_PREFIX = 'EXTENSION#';

export const noticeKey = (id: string): Key => ({ PK: `NOTICE#${id}`, SK: 'NOTICE' });
export const NOTICES = 'NOTICES';
export const noticeListing = (notice: { id: string; issuedAt: string }) => ({
  GSI2PK: NOTICES,
  GSI2SK: `${notice.issuedAt}#${notice.id}`,
});
export const obligationKey = (noticeId: string, unitId: string): Key => ({ PK: `NOTICE#${noticeId}`, SK: `OWED#${unitId}` });
export const OBLIGATION_PREFIX = 'OWED#';
export const OPEN_RECTIFICATIONS = 'OPEN#RECTIFICATION';
/** Owed rectifications sit in the Due index by due date; the key itself says whose and under which notice. */
export const obligationIndex = (o: { noticeId: string; unitId: string; due: CalendarDate; status: string; wasEscalated?: true }) =>
  o.status === 'owed' || (o.status === 'returned' && !o.wasEscalated)
    ? { GSI1PK: OPEN_RECTIFICATIONS, GSI1SK: `${o.due}#${o.noticeId}#${o.unitId}` }
    : {};
/** Whose rectification an owed obligation's Due key says is due, and when (the inverse of obligationIndex). */
export function obligationOfIndex(sortKey: string): { noticeId: string; unitId: string; due: CalendarDate } {
  const [due = '', noticeId = '', unitId = ''] = sortKey.split('#');
  return { noticeId, unitId, due };
}
/** The first hand-in keeps the key it always had; one after a return (退回重报) adds its number. */
export const rectificationKey = (noticeId: string, unitId: string, attempt = 1): Key => ({
  PK: `NOTICE#${noticeId}`,
  SK: attempt === 1 ? `RECT#${unitId}` : `RECT#${unitId}#${String(attempt).padStart(3, '0')}`,
});
export const RECTIFICATION_PREFIX = 'RECT#';
export const referralKey = (id: string): Key => ({ PK: `REFERRAL#${id}`, SK: 'REFERRAL' });
export const REFERRALS = 'REFERRALS';
export const referralListing = (r: { id: string; referredAt: string }) => ({ GSI2PK: REFERRALS, GSI2SK: `${r.referredAt}#${r.id}` });

export const idempotencyKey = (scope: string): Key => ({ PK: `IDEMPOTENCY#${scope}`, SK: 'IDEMPOTENCY' });

/** 考核 facts: one partition per year, so a year's assessment is one Query; the kind leads the sort key so closed items read alone. */
const ASSESSMENT_PREFIX = 'ASSESSMENT#';
export const assessmentYear = (year: number) => `${ASSESSMENT_PREFIX}${year}`;
export const factKey = (fact: { year: number; kind: string; ref: string }): Key => ({
  PK: assessmentYear(fact.year),
  SK: `${fact.kind}#${fact.ref}`,
});
/** Year, kind and ref from a fact's key (the inverse of factKey): the record itself does not repeat them. */
export function factOfKey(key: Key): { year: number; kind: string; ref: string } {
  const at = key.SK.indexOf('#');
  return { year: Number(key.PK.slice(ASSESSMENT_PREFIX.length)), kind: key.SK.slice(0, at), ref: key.SK.slice(at + 1) };
}

/** A once-only mark is kept in the partition of the item or unit it marks; `what` says what happened once. */
export const markKey = (mark: { on: { item: string } | { unit: string }; what: readonly string[] }): Key => ({
  PK: 'item' in mark.on ? itemKey(mark.on.item).PK : unitKey(mark.on.unit).PK,
  SK: `MARK#${mark.what.join('#')}`,
});

/** A job's email, claimed before it is sent; it sits in the sparse Due index until it is sent. */
export const outboxKey = (id: string): Key => ({ PK: `OUTBOX#${id}`, SK: 'MAIL' });
export const PENDING_MAIL = 'OUTBOX#PENDING';
export const pendingMailIndex = (id: string, claimedAt: Date) => ({ GSI1PK: PENDING_MAIL, GSI1SK: `${claimedAt.toISOString()}#${id}` });

/** 附件: one record per uploaded file (attachments.ts); the file itself is in the attachments bucket. */
export const attachmentKey = (id: string): Key => ({ PK: `ATTACHMENT#${id}`, SK: 'ATTACHMENT' });
