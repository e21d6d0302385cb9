import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { Conflict } from '../../domain/errors';
import type { HistoryEvent } from '../../domain/history';
import { responsibleUnits, type Item } from '../../domain/items';
import { IdempotencyRace, type IdempotencyWrite, type ItemFilter, type ItemRepository, type Page, type PageRequest } from '../../use-cases/ports';
import { ledger } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { idempotencyPut } from './idempotency-store';
import { itemsQueryPlan, matches } from './item-query';
import { dueSortKey, EVENT_PREFIX, eventKey, itemIndexes, itemKey, membershipKey, unitItems } from './keys';
import { cancellationReasons, failedCondition, fromRecord, toRecord } from './records';

type Row = Record<string, AttributeValue>;

/**
 * The writes that register one item: item, first event, memberships and the
 * idempotency record. Units are checked before, by the use case, not by a
 * ConditionCheck here: every registration for a unit would then lock the same
 * unit row, and concurrent registrations would cancel each other.
 */
export function registrationWrites(tableName: string, item: Item, event: HistoryEvent, idempotency?: IdempotencyWrite): TransactWriteItem[] {
  const units = responsibleUnits(item);
  const parts: TransactWriteItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: toRecord({ ...itemKey(item.id), ...itemIndexes(item), entity: 'item', ...item }),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    { Put: { TableName: tableName, Item: toRecord({ ...eventKey(item.id, event.seq), entity: 'event', ...event }) } },
    ...units.map((unitId) => ({
      Put: {
        TableName: tableName,
        Item: toRecord({
          ...membershipKey(item.id, unitId),
          GSI2PK: unitItems(unitId),
          GSI2SK: dueSortKey(item.dueDate, item.id),
          entity: 'membership',
          itemId: item.id,
          unitId,
        }),
      },
    })),
  ];
  if (idempotency) parts.push(idempotencyPut(tableName, idempotency));
  return parts;
}

export class DynamoItemRepository implements ItemRepository {
  async register(item: Item, event: HistoryEvent, idempotency?: IdempotencyWrite): Promise<void> {
    const { client, tableName } = ledger();
    const parts = registrationWrites(tableName, item, event, idempotency);
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: parts }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (failedCondition(reasons[0])) throw new Conflict(`Item ${item.id} already exists`, 'item-exists');
      if (idempotency && failedCondition(reasons[reasons.length - 1])) throw new IdempotencyRace();
      throw error;
    }
  }

  async get(id: string): Promise<Item | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(itemKey(id)), ConsistentRead: true }));
    return out.Item ? fromRecord<Item>(out.Item) : null;
  }

  async history(id: string, page: PageRequest): Promise<Page<HistoryEvent>> {
    const { client, tableName } = ledger();
    const query = `history|${id}`;
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
        ExpressionAttributeValues: { ':pk': { S: itemKey(id).PK }, ':events': { S: EVENT_PREFIX } },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(query, page.cursor, ['PK', 'SK']),
        ConsistentRead: true,
      }),
    );
    return { items: (out.Items ?? []).map((r) => fromRecord<HistoryEvent>(r)), cursor: encodeCursor(query, out.LastEvaluatedKey) };
  }

  /**
   * Lists through whichever index fits the filter (see itemsQueryPlan), page
   * by page, keeping rows that match the rest of the filter until the page is
   * full. The cursor is the key of the last row returned, so no row is lost
   * or repeated between pages.
   */
  async list(filter: ItemFilter, today: string, page: PageRequest): Promise<Page<Item>> {
    const { client, tableName } = ledger();
    const plan = itemsQueryPlan(filter, today);
    if (plan.empty) return { items: [] };
    let startKey = decodeCursor(plan.id, page.cursor, plan.keyNames);
    const found: Item[] = [];
    for (;;) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: plan.indexName,
          KeyConditionExpression: plan.keyCondition,
          ExpressionAttributeValues: plan.values,
          ExclusiveStartKey: startKey,
          Limit: Math.max(page.limit, 25),
        }),
      );
      // Due rows carry what the filter needs: drop non-matching rows before fetching whole items.
      const rows = (out.Items ?? []).filter((r) => plan.rows !== 'filterable' || matches(fromRecord<Item>(r), filter, today));
      const items = plan.rows === 'items' ? rows.map((r) => fromRecord<Item>(r)) : await this.itemsOf(rows, plan.itemIdOf);
      for (let i = 0; i < rows.length; i += 1) {
        const item = items[i];
        if (!item || !matches(item, filter, today)) continue;
        found.push(item);
        if (found.length === page.limit) {
          const last = rows[i] as Row;
          const moreAfter = i < rows.length - 1 || out.LastEvaluatedKey !== undefined;
          return {
            items: found,
            cursor: moreAfter ? encodeCursor(plan.id, Object.fromEntries(plan.keyNames.map((n) => [n, last[n] as AttributeValue]))) : undefined,
          };
        }
      }
      if (!out.LastEvaluatedKey) return { items: found };
      startKey = out.LastEvaluatedKey;
    }
  }

  /** Full items for index rows that carry only an item id, in the rows' order. */
  private async itemsOf(rows: Row[], itemIdOf: (row: Row) => string): Promise<(Item | undefined)[]> {
    if (rows.length === 0) return [];
    const { client, tableName } = ledger();
    const ids = rows.map(itemIdOf);
    const byId = new Map<string, Item>();
    for (let start = 0; start < ids.length; start += 100) {
      let keys: Row[] | undefined = [...new Set(ids.slice(start, start + 100))].map((id) => toRecord(itemKey(id)));
      // BatchGetItem may return part of the keys unprocessed; ask again for those.
      for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const out: BatchGetItemCommandOutput = await client.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
        for (const record of out.Responses?.[tableName] ?? []) {
          const item = fromRecord<Item>(record);
          byId.set(item.id, item);
        }
        keys = out.UnprocessedKeys?.[tableName]?.Keys;
      }
    }
    return ids.map((id) => byId.get(id));
  }
}
