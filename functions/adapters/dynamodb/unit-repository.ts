import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { say } from '../../messages/message';
import { Conflict } from '../../domain/errors';
import type { Unit } from '../../domain/units';
import { allPages } from '../../use-cases/pages';
import type { IdempotencyWrite, Page, PageRequest, UnitRepository } from '../../use-cases/ports';
import { ledger } from './client';
import { writeCreation } from './idempotency-store';
import { listPartition } from './listing';
import { UNITS, unitKey, unitListing } from './keys';
import { batchGet, fromRecord, missingIds, toRecord } from './records';
import { part } from './transaction';

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

  async getMany(ids: readonly string[]): Promise<Unit[]> {
    return (await batchGet([...new Set(ids)].map((id) => toRecord(unitKey(id))))).map((r) => fromRecord<Unit>(r));
  }

  all(): Promise<Unit[]> {
    return allPages((page) => this.list(page));
  }

  list(page: PageRequest): Promise<Page<Unit>> {
    return listPartition<Unit>(UNITS, page);
  }
}
