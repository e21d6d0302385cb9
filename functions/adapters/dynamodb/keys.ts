import type { CalendarDate } from '../../domain/calendar';

/**
 * Every key of the ledger table is computed here, one function per entity.
 *
 *   entity        PK                SK             GSI1 (Due, sparse)        GSI2 (ByUnit)
 *   unit          UNIT#<id>         UNIT           —                         UNITS / <id>
 *   item          ITEM#<id>         ITEM           OPEN#ITEM / <due>#<id>    LEDGER / <due>#<id>
 *   membership    ITEM#<id>         UNIT#<unit>    —                         UNIT#<unit> / <due>#<id>
 *   event         ITEM#<id>         EVENT#<seq>    —                         —
 *   report        ITEM#<id>         REPORT#<rid>   —                         —
 *   extension     ITEM#<id>         EXTENSION#<x>  —                         —
 *   idempotency   IDEMPOTENCY#<s>   IDEMPOTENCY    —                         —
 *
 * An item carries GSI1 keys only while it is open, which keeps the Due index
 * as small as the work still to be done.
 */
export type Key = { PK: string; SK: string };

const SEQ_WIDTH = 10;

export const unitKey = (id: string): Key => ({ PK: `UNIT#${id}`, SK: 'UNIT' });
export const unitListing = (id: string) => ({ GSI2PK: 'UNITS', GSI2SK: id });

export const itemKey = (id: string): Key => ({ PK: `ITEM#${id}`, SK: 'ITEM' });
export const dueSortKey = (dueDate: CalendarDate, id: string) => `${dueDate}#${id}`;
export const OPEN_ITEMS = 'OPEN#ITEM';
export const LEDGER = 'LEDGER';
export const itemIndexes = (item: { id: string; dueDate: CalendarDate; status: string }) => ({
  GSI2PK: LEDGER,
  GSI2SK: dueSortKey(item.dueDate, item.id),
  ...(item.status !== 'closed' ? { GSI1PK: OPEN_ITEMS, GSI1SK: dueSortKey(item.dueDate, item.id) } : {}),
});

export const membershipKey = (itemId: string, unitId: string): Key => ({ PK: `ITEM#${itemId}`, SK: `UNIT#${unitId}` });
export const unitItems = (unitId: string) => `UNIT#${unitId}`;

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

export const idempotencyKey = (scope: string): Key => ({ PK: `IDEMPOTENCY#${scope}`, SK: 'IDEMPOTENCY' });
