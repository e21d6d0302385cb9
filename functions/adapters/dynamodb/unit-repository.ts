import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { say } from '../../messages/message';
import { Conflict } from '../../domain/errors';
import type { UnitEvent } from '../../domain/unit-edits';
import type { Unit } from '../../domain/units';
import { allPages } from '../../use-cases/pages';
import {
  IdempotencyRace,
  StaleUnit,
  type IdempotencyRecord,
  type IdempotencyWrite,
  type Page,
  type PageRequest,
  type UnitRepository,
} from '../../use-cases/ports';
import { ledger } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { idempotencyPart, idempotencyRecordFrom, writeCreation } from './idempotency-store';
import { listPartition } from './listing';
import { idempotencyKey, UNIT_EVENT_PREFIX, UNITS, unitEventKey, unitKey, unitListing } from './keys';
import { batchGet, fromRecord, missingIds, toRecord } from './records';
import { part, transact } from './transaction';

export class DynamoUnitRepository implements UnitRepository {
  async register(unit: Unit, idempotency?: IdempotencyWrite): Promise<void> {
    const { tableName } = ledger();
    const put = part('unit', {
      Put: {
        TableName: tableName,
        Item: toRecord({ ...unitKey(unit.id), ...unitListing(unit.id), entity: 'unit', ...unit }),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
    await writeCreation([put], idempotency, {
      unit: () => new Conflict(say('conflict.exists', { what: 'unit', id: unit.id }), 'unit-exists'),
    });
  }

  async get(id: string): Promise<Unit | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(unitKey(id)) }));
    return out.Item ? fromRecord<Unit>(out.Item) : null;
  }

  missing(ids: readonly string[]): Promise<string[]> {
    return missingIds(ids, unitKey);
  }

  async getManyWithEarlier(
    ids: readonly string[],
    scope: string,
    now: Date,
  ): Promise<{ units: Unit[]; earlier: IdempotencyRecord | null }> {
    const answer = idempotencyKey(scope);
    const rows = await batchGet([...[...new Set(ids)].map((id) => toRecord(unitKey(id))), toRecord(answer)], undefined, true);
    const earlier = rows.find((r) => r.PK?.S === answer.PK);
    return {
      units: rows.filter((r) => r !== earlier).map((r) => fromRecord<Unit>(r)),
      earlier: earlier ? idempotencyRecordFrom(earlier, now) : null,
    };
  }

  async getMany(ids: readonly string[]): Promise<Unit[]> {
    return (await batchGet([...new Set(ids)].map((id) => toRecord(unitKey(id))))).map((r) => fromRecord<Unit>(r));
  }

  all(): Promise<Unit[]> {
    return allPages((page) => this.list(page));
  }

  list(page: PageRequest): Promise<Page<Unit>> {
    return listPartition<Unit>(UNITS, page);
  }

  /** The unit at its next version and its history event, in one transaction conditioned on the version read. */
  async update(before: Unit, after: Unit, event: UnitEvent, idempotency?: IdempotencyWrite): Promise<void> {
    const { tableName } = ledger();
    const parts = [
      part('unit', {
        Put: {
          TableName: tableName,
          Item: toRecord({ ...unitKey(after.id), ...unitListing(after.id), entity: 'unit', ...after }),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': { N: String(before.version) } },
        },
      }),
      part('event', {
        Put: {
          TableName: tableName,
          Item: toRecord({ ...unitEventKey(after.id, event.seq), entity: 'unit-event', unitId: after.id, ...event }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }),
      ...(idempotency ? [idempotencyPart(tableName, idempotency)] : []),
    ];
    await transact(parts, (why) => {
      if (why.failed('unit') || why.failed('event') || why.conflicted) return new StaleUnit(after.id);
      if (why.failed('idempotency')) return new IdempotencyRace();
      return undefined;
    });
  }

  async history(id: string, page: PageRequest): Promise<Page<UnitEvent>> {
    const { client, tableName } = ledger();
    const query = `unit-history|${id}`;
    const pk = unitKey(id).PK;
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: pk }, ':prefix': { S: UNIT_EVENT_PREFIX } },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(query, page.cursor, ['PK', 'SK'], {
          PK: (value) => value === pk,
          SK: (value) => value.startsWith(UNIT_EVENT_PREFIX),
        }),
        ConsistentRead: true,
      }),
    );
    return {
      items: (out.Items ?? []).map((r) => {
        const { unitId: _unit, ...event } = fromRecord<UnitEvent & { unitId: string }>(r);
        return event;
      }),
      cursor: encodeCursor(query, out.LastEvaluatedKey),
    };
  }
}
