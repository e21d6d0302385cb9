import {
  DeleteItemCommand,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { eventHash, GENESIS, type Seal, type SealLeaf, type StoredEvent } from '../../domain/ledger-chain';
import type { ChainHead, LedgerChain } from '../../use-cases/ledger-ports';
import { ledger } from './client';
import { ledgerIndexes } from './ledger-table';
import {
  chainHeadKey,
  EVENT_PREFIX,
  eventKey,
  REPORT_PREFIX,
  itemKey,
  LEDGER,
  SEAL_PREFIX,
  sealDayKey,
  sealKey,
  SEALS,
  UNSEALED,
  unsealedKey,
  scoped,
} from './keys';
import { batchGet, conditionHeld, fromRecord, queryAll, toRecord } from './records';

type Row = Record<string, AttributeValue>;

/** The chain fields are written only where none is: whoever chains first, the hashes are the same. */
export class DynamoLedgerChain implements LedgerChain {
  async chain(itemId: string, now: Date): Promise<ChainHead | null> {
    const { client, tableName } = ledger();
    const head = await this.head(itemId);
    let seq = head?.seq ?? 0;
    let prev = head?.hash ?? GENESIS;
    walk: for (;;) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': { S: itemKey(itemId).PK },
            ':from': { S: eventKey(itemId, seq + 1).SK },
            ':to': { S: `${EVENT_PREFIX}~` },
          },
          Limit: 100,
          ConsistentRead: true,
        }),
      );
      for (const row of out.Items ?? []) {
        let event = fromRecord<StoredEvent>(row);
        // A seq not written yet (its writer has not committed): chain up to it, no further.
        if (event.seq !== seq + 1) break walk;
        const hash = eventHash(itemId, event, prev);
        if (event.hash === undefined) {
          const written = await conditionHeld(
            client.send(
              new UpdateItemCommand({
                TableName: tableName,
                Key: toRecord(eventKey(itemId, event.seq)),
                UpdateExpression: 'SET #hash = :hash, #prev = :prev',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#hash)',
                ExpressionAttributeNames: { '#hash': 'hash', '#prev': 'prevHash' },
                ExpressionAttributeValues: { ':hash': { S: hash }, ':prev': { S: prev } },
              }),
            ),
          );
          if (!written) {
            // Another chainer got there first: it wrote the same hash, unless something is wrong.
            const again = await client.send(
              new GetItemCommand({ TableName: tableName, Key: toRecord(eventKey(itemId, event.seq)), ConsistentRead: true }),
            );
            if (!again.Item) break walk;
            event = fromRecord<StoredEvent>(again.Item);
          }
        }
        // A chained event that does not chain (edited, or a link broken) is left as it is, for verification to name.
        if (event.hash !== undefined && (event.hash !== hash || event.prevHash !== prev)) break walk;
        seq = event.seq;
        prev = hash;
      }
      if (!out.LastEvaluatedKey) break;
    }
    if (seq === 0) return null;
    if (seq > (head?.seq ?? 0)) {
      const at = now.toISOString();
      await this.advance(chainHeadKey(itemId), { seq, hash: prev, chainedAt: at });
      await this.advance(unsealedKey(itemId), { seq, hash: prev, itemId, chainedAt: at });
    }
    return { seq, hash: prev };
  }

  private async head(itemId: string): Promise<ChainHead | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(chainHeadKey(itemId)), ConsistentRead: true }));
    return out.Item ? fromRecord<ChainHead>(out.Item) : null;
  }

  /** Moves a head forward only: a slower chainer never sets it back. */
  private async advance(key: { PK: string; SK: string }, values: { seq: number; hash: string } & Record<string, unknown>) {
    const { client, tableName } = ledger();
    // `seq` first: the condition compares #a0.
    const names = ['seq', ...Object.keys(values).filter((n) => n !== 'seq')];
    // Refused: another chainer moved it as far or further.
    await conditionHeld(
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: toRecord(key),
          UpdateExpression: `SET ${names.map((_n, i) => `#a${i} = :a${i}`).join(', ')}, entity = :entity`,
          ConditionExpression: 'attribute_not_exists(#a0) OR #a0 < :a0',
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(names.map((n, i) => [`:a${i}`, toRecord({ v: values[n] }).v as AttributeValue])),
            ':entity': { S: key.SK === 'CHAIN' ? 'chain-head' : 'unsealed-head' },
          },
        }),
      ),
    );
  }

  async storedEvents(itemId: string): Promise<StoredEvent[]> {
    const { rows } = await queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: itemKey(itemId).PK }, ':prefix': { S: EVENT_PREFIX } },
      ConsistentRead: true,
    });
    return rows.map((r) => fromRecord<StoredEvent>(r));
  }

  async storedRecords(itemId: string): Promise<Map<string, object>> {
    const { rows } = await queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: itemKey(itemId).PK }, ':prefix': { S: REPORT_PREFIX } },
      ConsistentRead: true,
    });
    return new Map(rows.map((r) => fromRecord<{ id: string }>(r)).map((report) => [report.id, report]));
  }

  /** The whole ledger's items with their last seq (the ByUnit index projects every attribute). */
  private async ledgerItems(): Promise<{ id: string; lastSeq?: number }[]> {
    const index = ledgerIndexes.ByUnit;
    const { rows } = await queryAll({
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :ledger',
      ProjectionExpression: '#id, lastSeq',
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#id': 'id' },
      ExpressionAttributeValues: { ':ledger': { S: scoped(LEDGER) } },
    });
    return rows.map((r) => fromRecord<{ id: string; lastSeq?: number }>(r));
  }

  async itemIds(): Promise<string[]> {
    return (await this.ledgerItems()).map((i) => i.id);
  }

  async lagging(): Promise<string[]> {
    const items = await this.ledgerItems();
    const heads = new Map(
      (
        await batchGet(
          items.map((i) => toRecord(chainHeadKey(i.id))),
          'PK, seq',
        )
      ).map((r) => [r.PK?.S, Number(r.seq?.N ?? 0)]),
    );
    return items.filter((i) => i.lastSeq === undefined || heads.get(itemKey(i.id).PK) !== i.lastSeq).map((i) => i.id);
  }

  async unsealedHeads(limit: number): Promise<SealLeaf[]> {
    const { client, tableName } = ledger();
    const found: SealLeaf[] = [];
    let startKey: Row | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': { S: scoped(UNSEALED) } },
          ExclusiveStartKey: startKey,
          Limit: Math.min(limit - found.length, 500),
          ConsistentRead: true,
        }),
      );
      for (const r of out.Items ?? []) {
        const { itemId, seq, hash } = fromRecord<SealLeaf>(r);
        found.push({ itemId, seq, hash });
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found;
  }

  async markSealed(leaves: readonly SealLeaf[]): Promise<void> {
    const { client, tableName } = ledger();
    for (const leaf of leaves) {
      await conditionHeld(
        client.send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: toRecord(unsealedKey(leaf.itemId)),
            // Only a head still at the sealed seq: one that moved on meanwhile waits for the next seal.
            ConditionExpression: '#seq = :seq',
            ExpressionAttributeNames: { '#seq': 'seq' },
            ExpressionAttributeValues: { ':seq': { N: String(leaf.seq) } },
          }),
        ),
      );
    }
  }

  async latestSeal(): Promise<Seal | null> {
    return (await this.recentSeals(1))[0] ?? null;
  }

  async sealOfDate(date: string): Promise<Seal | null> {
    const { client, tableName } = ledger();
    const day = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(sealDayKey(date)), ConsistentRead: true }));
    if (!day.Item) return null;
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key: toRecord(sealKey(Number(day.Item.number?.N))), ConsistentRead: true }),
    );
    return out.Item ? fromRecord<Seal>(out.Item) : null;
  }

  async putSeal(seal: Seal): Promise<boolean> {
    const { client, tableName } = ledger();
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: toRecord({ ...sealKey(seal.number), entity: 'seal', ...seal }),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: toRecord({ ...sealDayKey(seal.date), entity: 'seal-day', number: seal.number }),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException || (error instanceof Error && error.name === 'TransactionCanceledException'))
        return false;
      throw error;
    }
  }

  async seals(): Promise<Seal[]> {
    const { rows } = await queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: scoped(SEALS) }, ':prefix': { S: SEAL_PREFIX } },
      ConsistentRead: true,
    });
    return rows.map((r) => fromRecord<Seal>(r));
  }

  async recentSeals(count: number): Promise<Seal[]> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: scoped(SEALS) }, ':prefix': { S: SEAL_PREFIX } },
        ScanIndexForward: false,
        Limit: count,
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((r) => fromRecord<Seal>(r)).reverse();
  }
}
