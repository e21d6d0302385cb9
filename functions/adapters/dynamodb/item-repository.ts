import {
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { itemChangeFacts } from '../../domain/assessment';
import { say } from '../../messages/message';
import { Conflict } from '../../domain/errors';
import type { HistoryEvent } from '../../domain/history';
import { responsibleUnits, type Item } from '../../domain/items';
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
  type Page,
  type PageRequest,
} from '../../use-cases/ports';
import { factPuts } from './assessment-facts';
import { ledger } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { idempotencyPut, writeCreation } from './idempotency-store';
import { itemsQueryPlan, matches } from './item-query';
import {
  dueSortKey,
  EVENT_PREFIX,
  eventKey,
  EXTENSION_PREFIX,
  extensionKey,
  itemIndexes,
  itemKey,
  membershipKey,
  REPORT_PREFIX,
  reportKey,
  unitItems,
} from './keys';
import { batchGet, cancellationReasons, failedCondition, fromRecord, missingIds, toRecord } from './records';

type Row = Record<string, AttributeValue>;

/** Items written before a field existed read with its empty value. */
const itemFrom = (record: Row): Item => {
  const item = fromRecord<Item>(record);
  return { ...item, acknowledgements: item.acknowledgements ?? [], progressByUnit: item.progressByUnit ?? {} };
};

/**
 * The writes that register one item: item, first event, memberships and the
 * idempotency record. Units are checked before, by the use case, not by a
 * ConditionCheck here: every registration for a unit would then lock the same
 * unit row, and concurrent registrations would cancel each other.
 */
export function registrationWrites(
  tableName: string,
  item: Item,
  event: HistoryEvent,
  idempotency?: IdempotencyWrite,
): TransactWriteItem[] {
  const parts: TransactWriteItem[] = [
    { Put: { ...itemPut(tableName, item), ConditionExpression: 'attribute_not_exists(PK)' } },
    eventPut(tableName, item.id, event),
    ...membershipPuts(tableName, item),
  ];
  if (idempotency) parts.push(idempotencyPut(tableName, idempotency));
  return parts;
}

const itemPut = (TableName: string, item: Item) => ({
  TableName,
  Item: toRecord({ ...itemKey(item.id), ...itemIndexes(item), entity: 'item', ...item }),
});

// An event's seq is never reused: a second writer of the same seq has lost the race.
const eventPut = (TableName: string, itemId: string, event: HistoryEvent): TransactWriteItem => ({
  Put: {
    TableName,
    Item: toRecord({ ...eventKey(itemId, event.seq), entity: 'event', ...event }),
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** One row per responsible unit, keyed by the item's due date so a unit's list reads in deadline order. */
const membershipPuts = (TableName: string, item: Item): TransactWriteItem[] =>
  responsibleUnits(item).map((unitId) => ({
    Put: {
      TableName,
      Item: toRecord({
        ...membershipKey(item.id, unitId),
        GSI2PK: unitItems(unitId),
        GSI2SK: dueSortKey(item.dueDate, item.id),
        entity: 'membership',
        itemId: item.id,
        unitId,
      }),
    },
  }));

function attachmentPut(TableName: string, attachment: Attachment): TransactWriteItem {
  if (attachment.kind === 'report') {
    const { report } = attachment;
    return {
      Put: {
        TableName,
        Item: toRecord({ ...reportKey(report.itemId, report.id), entity: 'report', ...report }),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }
  const { request, decided } = attachment;
  return {
    Put: {
      TableName,
      Item: toRecord({ ...extensionKey(request.itemId, request.id), entity: 'extension', ...request }),
      ...(decided
        ? {
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': { S: 'pending' } },
          }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
}

const reportsOf = (attachments: Attachment[] = []) => attachments.flatMap((a) => (a.kind === 'report' ? [a.report] : []));

export class DynamoItemRepository implements ItemRepository {
  async register(item: Item, event: HistoryEvent, idempotency?: IdempotencyWrite): Promise<void> {
    const { tableName } = ledger();
    await writeCreation(
      registrationWrites(tableName, item, event),
      idempotency,
      () => new Conflict(say('conflict.exists', { what: 'item', id: item.id }), 'item-exists'),
    );
  }

  async commit(change: ItemChange): Promise<void> {
    const { client, tableName } = ledger();
    const { before, after } = change;
    const parts: TransactWriteItem[] = [
      {
        Put: {
          ...itemPut(tableName, after),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': { N: String(before.version) } },
        },
      },
      eventPut(tableName, after.id, change.event),
      ...(change.attachments ?? []).map((a) => attachmentPut(tableName, a)),
      // A new deadline re-keys the unit rows, so each unit's list stays in deadline order.
      ...(after.dueDate !== before.dueDate ? membershipPuts(tableName, after) : []),
      // What the change counts for the yearly assessment, with the change itself.
      ...factPuts(tableName, itemChangeFacts(after, change.event, reportsOf(change.attachments))),
    ];
    if (change.idempotency) parts.push(idempotencyPut(tableName, change.idempotency));
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: parts }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      // Lost to a concurrent writer: the version moved, the seq is taken, or DynamoDB saw the clash.
      if (failedCondition(reasons[0]) || failedCondition(reasons[1]) || reasons.some((r) => r.Code === 'TransactionConflict')) {
        throw new StaleItem(after.id);
      }
      if (change.idempotency && failedCondition(reasons[parts.length - 1])) throw new IdempotencyRace();
      const attachments = change.attachments ?? [];
      const decided = attachments.findIndex((a) => a.kind === 'extension' && a.decided);
      if (decided >= 0 && failedCondition(reasons[2 + decided])) {
        throw new Conflict(say('conflict.extension-decided-meanwhile'), 'extension-decided');
      }
      throw error;
    }
  }

  async reports(itemId: string, page: PageRequest): Promise<Page<Report>> {
    const query = `reports|${itemId}`;
    const out = await this.partition(itemId, REPORT_PREFIX, {
      limit: page.limit,
      newestFirst: true,
      startKey: decodeCursor(query, page.cursor, ['PK', 'SK']),
    });
    return { items: out.items.map((r) => fromRecord<Report>(r)), cursor: encodeCursor(query, out.lastKey) };
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
    const query = `history|${id}`;
    const out = await this.partition(id, EVENT_PREFIX, {
      limit: page.limit,
      newestFirst: false,
      startKey: decodeCursor(query, page.cursor, ['PK', 'SK']),
    });
    return { items: out.items.map((r) => fromRecord<HistoryEvent>(r)), cursor: encodeCursor(query, out.lastKey) };
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
    let startKey = decodeCursor(plan.id, page.cursor, plan.keyNames);
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
}
