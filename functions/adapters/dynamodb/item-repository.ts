import { GetItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { say } from '../../messages/message';
import { Conflict } from '../../domain/errors';
import type { HistoryEvent } from '../../domain/history';
import { responsibleUnits, type Item } from '../../domain/items';
import { yearOf } from '../../domain/assessment';
import { shanghaiDate } from '../../domain/calendar';
import { CASCADED_SEQUENCE } from '../../domain/office-summary';
import type { ExtensionRequest } from '../../domain/extensions';
import type { Report } from '../../domain/reports';
import {
  IdempotencyRace,
  StaleItem,
  type Attachment,
  type IdempotencyWrite,
  type ItemChange,
  type ItemFilter,
  type ItemRepository,
  type MailBatch,
  type Page,
  type PageRequest,
} from '../../use-cases/ports';
import { factParts } from './assessment-facts';
import { mailBatchPart } from './outbox';
import { ledger } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { idempotencyPart, writeCreation } from './idempotency-store';
import { itemsQueryPlan, matches } from './item-query';
import {
  cascadeKey,
  counterKey,
  EVENT_PREFIX,
  eventKey,
  EXTENSION_PREFIX,
  extensionKey,
  itemIndexes,
  itemKey,
  membershipKey,
  membershipListing,
  REPORT_PREFIX,
  reportKey,
} from './keys';
import { batchGet, fromRecord, missingIds, toRecord } from './records';
import { fileClaimPart, fileTaken } from './attachment-repository';
import { type Cancellation, part, transact } from './transaction';

type Row = Record<string, AttributeValue>;

/** Items written before a field existed read with its empty value. */
export const itemFrom = (record: Row): Item => {
  const item = fromRecord<Item>(record);
  return { ...item, acknowledgements: item.acknowledgements ?? [], progressByUnit: item.progressByUnit ?? {} };
};

/**
 * The writes that register one item: item, first event, memberships and the
 * idempotency record. Units are checked before, by the use case, not by a
 * ConditionCheck here: every registration for a unit would then lock the same
 * unit row, and concurrent registrations would cancel each other.
 */
export function registrationParts(tableName: string, item: Item, event: HistoryEvent, idempotency?: IdempotencyWrite, mail?: MailBatch) {
  return [
    part('item', { Put: { ...itemPut(tableName, item), ConditionExpression: 'attribute_not_exists(PK)' } }),
    eventPart(tableName, item.id, event),
    ...membershipParts(tableName, item),
    // An item cascaded from the office above (分解下达) is listed under its parent, for the parent's office to read down.
    ...(item.parent ? cascadeParts(tableName, item, item.parent) : []),
    ...(mail ? [mailBatchPart(tableName, mail, new Date(item.registeredAt))] : []),
    ...(idempotency ? [idempotencyPart(tableName, idempotency)] : []),
  ];
}

/** A child's link under its parent, and one more on the office's count of the year's items passed down. */
const cascadeParts = (TableName: string, item: Item, parent: NonNullable<Item['parent']>) => [
  part('cascade', { Put: { TableName, Item: toRecord({ ...cascadeKey(parent, item), entity: 'cascade', itemId: item.id }) } }),
  part('cascaded', {
    Update: {
      TableName,
      Key: toRecord(counterKey(CASCADED_SEQUENCE, yearOf(shanghaiDate(new Date(item.registeredAt))))),
      UpdateExpression: 'ADD #v :one SET entity = :entity',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':one': { N: '1' }, ':entity': { S: 'counter' } },
    },
  }),
];

const itemPut = (TableName: string, item: Item) => ({
  TableName,
  Item: toRecord({ ...itemKey(item.id), ...itemIndexes(item), entity: 'item', ...item }),
});

// An event's seq is never reused: a second writer of the same seq has lost the race.
const eventPart = (TableName: string, itemId: string, event: HistoryEvent) =>
  part('event', {
    Put: {
      TableName,
      Item: toRecord({ ...eventKey(itemId, event.seq), entity: 'event', ...event }),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });

/** One row per responsible unit, keyed by the item's due date so a unit's list reads in deadline order. */
const membershipParts = (TableName: string, item: Item) =>
  responsibleUnits(item).map((unitId) =>
    part('membership', {
      Put: {
        TableName,
        Item: toRecord({
          ...membershipKey(item.id, unitId),
          ...membershipListing(unitId, item),
          entity: 'membership',
          itemId: item.id,
          unitId,
        }),
      },
    }),
  );

function attachmentPart(TableName: string, attachment: Attachment) {
  if (attachment.kind === 'file') return fileClaimPart(TableName, attachment);
  if (attachment.kind === 'report') {
    const { report } = attachment;
    return part('report', {
      Put: {
        TableName,
        Item: toRecord({ ...reportKey(report.itemId, report.id), entity: 'report', ...report }),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  }
  const { request, decided } = attachment;
  const Item = toRecord({ ...extensionKey(request.itemId, request.id), entity: 'extension', ...request });
  return decided
    ? part('extension-decision', {
        Put: {
          TableName,
          Item,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': { S: 'pending' } },
        },
      })
    : part('extension', { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(PK)' } });
}

/**
 * The writes of one change: the item at its next version (only if it is still at the version read), its event,
 * the records the change makes, the unit rows re-keyed by a new deadline, the facts it counts, its idempotency record.
 */
export function changeParts(tableName: string, change: ItemChange) {
  const { before, after } = change;
  return [
    change.commutes
      ? itemUpdatePart(tableName, before, after)
      : part('item', {
          Put: {
            ...itemPut(tableName, after),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': { N: String(before.version) } },
          },
        }),
    eventPart(tableName, after.id, change.event),
    ...(change.attachments ?? []).map((a) => attachmentPart(tableName, a)),
    // A new deadline re-keys the unit rows, so each unit's list stays in deadline order; a unit added gets its row.
    ...membershipParts(tableName, after).filter(
      (_, i) => after.dueDate !== before.dueDate || !responsibleUnits(before).includes(responsibleUnits(after)[i] as string),
    ),
    // A unit no longer responsible (a co-unit removed, the lead reassigned) leaves the item's units; its reports stay.
    ...responsibleUnits(before)
      .filter((unitId) => !responsibleUnits(after).includes(unitId))
      .map((unitId) => part('membership-removed', { Delete: { TableName: tableName, Key: toRecord(membershipKey(after.id, unitId)) } })),
    // What the change counts for the yearly assessment, as the use case decided it, with the change itself.
    ...factParts(tableName, change.facts),
    ...(change.idempotency ? [idempotencyPart(tableName, change.idempotency)] : []),
    // Whom the change tells, with the change: it is sent after the commit, never for a change that failed.
    ...(change.mail ? [mailBatchPart(tableName, change.mail, new Date(after.updatedAt))] : []),
  ];
}

/**
 * A change that commutes (a report) writes the item on the history counter alone: only the attributes it
 * changes (index keys included), and only while `lastSeq` is still the one it read. Every change to an item
 * moves `lastSeq` with its event (lifecycle.ts), so the item it was decided on is the item it is written on:
 * the derived fields (each unit's progress, the latest report…) are exact, never one reporter's stale copy.
 * The version is not checked (it moves with `lastSeq`); it still counts the change, so a decision made on
 * the item before this report gets its 409. A refusal returns the item as it stands, for the next try.
 */
function itemUpdatePart(TableName: string, before: Item, after: Item) {
  const was = toRecord({ ...itemIndexes(before), ...before });
  const will = toRecord({ ...itemIndexes(after), ...after });
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = { ':seq': { N: String(before.lastSeq) } };
  const set: string[] = [];
  const remove: string[] = [];
  Object.keys({ ...was, ...will }).forEach((attribute, i) => {
    const value = will[attribute];
    if (value !== undefined && JSON.stringify(value) === JSON.stringify(was[attribute])) return;
    names[`#a${i}`] = attribute;
    if (value === undefined) remove.push(`#a${i}`);
    else {
      values[`:a${i}`] = value;
      set.push(`#a${i} = :a${i}`);
    }
  });
  names['#lastSeq'] = 'lastSeq';
  return part('item', {
    Update: {
      TableName,
      Key: toRecord(itemKey(after.id)),
      UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim(),
      ConditionExpression: '#lastSeq = :seq',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });
}

type ChangeLabel = ReturnType<typeof changeParts>[number]['label'];

/** What a cancelled change means, or undefined when DynamoDB's own error stands. */
export function changeRefusal(change: ItemChange, why: Cancellation<ChangeLabel>): Error | undefined {
  // Lost to a concurrent writer: the version or the counter moved, or the seq is taken.
  if (why.failed('item') || why.failed('event')) {
    const old = why.old('item');
    return new StaleItem(change.after.id, old ? itemFrom(old) : undefined);
  }
  // DynamoDB saw another transaction on the same records in flight: nothing we read is known to have moved.
  if (why.conflicted) return new StaleItem(change.after.id, undefined, true);
  if (why.failed('idempotency')) return new IdempotencyRace();
  if (why.failed('file')) return attachmentTaken(change);
  if (why.failed('extension-decision')) return new Conflict(say('conflict.extension-decided-meanwhile'), 'extension-decided');
  return undefined;
}

/** The files a change named, when one of them was taken meanwhile. */
const attachmentTaken = (change: ItemChange) => fileTaken((change.attachments ?? []).flatMap((a) => (a.kind === 'file' ? [a] : [])));

export class DynamoItemRepository implements ItemRepository {
  async register(item: Item, event: HistoryEvent, idempotency?: IdempotencyWrite, mail?: MailBatch): Promise<void> {
    const { tableName } = ledger();
    await writeCreation(registrationParts(tableName, item, event, undefined, mail), idempotency, {
      item: () => new Conflict(say('conflict.exists', { what: 'item', id: item.id }), 'item-exists'),
    });
  }

  async commit(change: ItemChange): Promise<void> {
    const { tableName } = ledger();
    await transact(changeParts(tableName, change), (why) => changeRefusal(change, why));
  }

  async commitRun(changes: readonly ItemChange[]): Promise<void> {
    const first = changes[0];
    const last = changes.at(-1);
    if (!first || !last) return;
    if (changes.length === 1) return this.commit(first);
    const { tableName } = ledger();
    // The item once, from the state the first was decided on to the one the last leaves; every event, record and fact.
    const [item, ...rest] = changeParts(tableName, { ...last, before: first.before, commutes: true });
    const parts = [item!, ...rest, ...changes.slice(0, -1).flatMap((c) => changeParts(tableName, { ...c, commutes: true }).slice(1))];
    await transact(parts, (why) => changeRefusal({ ...last, before: first.before, commutes: true }, why));
  }

  async reports(itemId: string, page: PageRequest): Promise<Page<Report>> {
    return this.pageOf<Report>(itemId, REPORT_PREFIX, 'reports', page, true);
  }

  async extension(itemId: string, requestId: string): Promise<ExtensionRequest | null> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key: toRecord(extensionKey(itemId, requestId)), ConsistentRead: true }),
    );
    return out.Item ? fromRecord<ExtensionRequest>(out.Item) : null;
  }

  async extensions(itemId: string): Promise<ExtensionRequest[]> {
    const rows: ExtensionRequest[] = [];
    let startKey: Row | undefined;
    do {
      const out = await this.partition(itemId, EXTENSION_PREFIX, { limit: 100, newestFirst: false, startKey });
      rows.push(...out.items.map((r) => fromRecord<ExtensionRequest>(r)));
      startKey = out.lastKey;
    } while (startKey);
    return rows;
  }

  /** One kind of record under an item (events, reports, extension requests), in key order. */
  private async partition(itemId: string, prefix: string, options: { limit: number; newestFirst: boolean; startKey?: Row }) {
    const { client, tableName } = ledger();
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: itemKey(itemId).PK }, ':prefix': { S: prefix } },
        Limit: options.limit,
        ScanIndexForward: !options.newestFirst,
        ExclusiveStartKey: options.startKey,
        ConsistentRead: true,
      }),
    );
    return { items: out.Items ?? [], lastKey: out.LastEvaluatedKey };
  }

  async get(id: string): Promise<Item | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(itemKey(id)), ConsistentRead: true }));
    return out.Item ? itemFrom(out.Item) : null;
  }

  async history(id: string, page: PageRequest): Promise<Page<HistoryEvent>> {
    const events = await this.pageOf<HistoryEvent & { hash?: string; prevHash?: string }>(id, EVENT_PREFIX, 'history', page, false);
    // The chain fields are the ledger's own (GET …/history/verify reads them); the history shows what happened.
    return { ...events, items: events.items.map(({ hash: _hash, prevHash: _prev, ...event }) => event) };
  }

  /** A page of one kind of record under an item, its cursor bound to that listing of that item. */
  private async pageOf<T>(itemId: string, prefix: string, listing: string, page: PageRequest, newestFirst: boolean): Promise<Page<T>> {
    const query = `${listing}|${itemId}`;
    const out = await this.partition(itemId, prefix, {
      limit: page.limit,
      newestFirst,
      startKey: decodeCursor(query, page.cursor, ['PK', 'SK'], {
        PK: (value) => value === itemKey(itemId).PK,
        SK: (value) => value.startsWith(prefix),
      }),
    });
    return { items: out.items.map((r) => fromRecord<T>(r)), cursor: encodeCursor(query, out.lastKey) };
  }

  /**
   * Lists through whichever index fits the filter (see itemsQueryPlan), page
   * by page, keeping rows that match the rest of the filter until the page is
   * full. The cursor is the key of the last row returned, so no row is lost
   * or repeated between pages.
   */
  async list(filter: ItemFilter, today: string, page: PageRequest): Promise<Page<Item>> {
    const { client, tableName } = ledger();
    const plan = itemsQueryPlan(filter, today, page.limit);
    if (plan.empty) return { items: [] };
    let startKey = decodeCursor(plan.id, page.cursor, plan.keyNames, plan.cursorBounds);
    const found: Item[] = [];
    for (let step = 0; ; step += 1) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: plan.indexName,
          KeyConditionExpression: plan.keyCondition,
          ExpressionAttributeValues: plan.values,
          ExclusiveStartKey: startKey,
          Limit: plan.readLimit(step),
        }),
      );
      // Due rows carry what the filter needs but the text search reads: drop the rows that fail it before fetching whole items.
      const rows = (out.Items ?? []).filter((r) => plan.rows !== 'filterable' || matches(itemFrom(r), plan.rowFilter, today));
      const items = plan.rows === 'items' ? rows.map((r) => itemFrom(r)) : await this.itemsOf(rows, plan.itemIdOf);
      for (let i = 0; i < rows.length; i += 1) {
        const item = items[i];
        if (!item || !matches(item, filter, today)) continue;
        found.push(item);
        if (found.length === page.limit) {
          const last = rows[i] as Row;
          const moreAfter = i < rows.length - 1 || out.LastEvaluatedKey !== undefined;
          return {
            items: found,
            cursor: moreAfter
              ? encodeCursor(plan.id, Object.fromEntries(plan.keyNames.map((n) => [n, last[n] as AttributeValue])))
              : undefined,
          };
        }
      }
      if (!out.LastEvaluatedKey) return { items: found };
      startKey = out.LastEvaluatedKey;
    }
  }

  /** Full items for index rows that carry only an item id, in the rows' order. */
  private async itemsOf(rows: Row[], itemIdOf: (row: Row) => string): Promise<(Item | undefined)[]> {
    const ids = rows.map(itemIdOf);
    const byId = new Map((await batchGet([...new Set(ids)].map((id) => toRecord(itemKey(id))))).map((r) => [r.id?.S, itemFrom(r)]));
    return ids.map((id) => byId.get(id));
  }

  missing(ids: readonly string[]): Promise<string[]> {
    return missingIds(ids, itemKey);
  }

  async leadersInCharge(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await batchGet(
      [...new Set(ids)].map((id) => toRecord(itemKey(id))),
      'id, leaderInCharge',
    );
    return new Map(rows.flatMap((r) => (r.id?.S && r.leaderInCharge?.S ? [[r.id.S, r.leaderInCharge.S] as const] : [])));
  }
}
