import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Conflict, RuleViolation } from '../../domain/errors';
import { DEFAULT_ROOT_OFFICE_NAME, isWithin, type Office, officeDepth, officePath, ROOT_OFFICE } from '../../domain/offices';
import { currentOffice } from '../office-scope';
import { say } from '../../messages/message';
import type { IdempotencyWrite, OfficeRegistry } from '../../use-cases/ports';
import { ledger } from './client';
import { writeCreation } from './idempotency-store';
import { OFFICES, officeKey, unitKey } from './keys';
import { fromRecord, queryAll, toRecord } from './records';
import { part } from './transaction';

/** The record that lets a unit of a roster have one office of its own: `OFFICES` / `SERVES#<parent>#<unit>`. */
const servesKey = (parentId: string, unitId: string) => ({ PK: OFFICES, SK: `SERVES#${parentId}#${unitId}` });

/** The root office exists by definition; its record is written by the upgrade (migrations/0002-offices.ts). */
const defaultRoot: Office = { id: ROOT_OFFICE, name: DEFAULT_ROOT_OFFICE_NAME, registeredAt: new Date(0).toISOString() };

/**
 * The tree of offices in the ledger table: one small partition, `OFFICES`, read whole (a province holds some
 * hundred offices), with one record per office and one per unit that has an office of its own.
 */
export class DynamoOfficeRegistry implements OfficeRegistry {
  async all(): Promise<Office[]> {
    const { rows } = await queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: OFFICES } },
    });
    const offices = rows.filter((r) => r.entity?.S === 'office').map((r) => fromRecord<Office>(r));
    const tree = offices.some((o) => o.id === ROOT_OFFICE) ? offices : [defaultRoot, ...offices];
    // Parents before children, as a job runs them and the console lists them.
    return tree.sort((a, b) => officeDepth(a.id) - officeDepth(b.id) || a.id.localeCompare(b.id));
  }

  async subtree(): Promise<{ offices: Office[]; above: Office[] }> {
    const here = currentOffice();
    const all = await this.all();
    const path = officePath(here);
    return { offices: all.filter((o) => isWithin(o.id, here)), above: all.filter((o) => o.id !== here && path.includes(o.id)) };
  }

  async get(id: string): Promise<Office | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(officeKey(id)) }));
    return out.Item ? fromRecord<Office>(out.Item) : id === ROOT_OFFICE ? defaultRoot : null;
  }

  async register(office: Office & { parentId: string; unitId: string }, idempotency?: IdempotencyWrite): Promise<void> {
    const { tableName } = ledger();
    await writeCreation(
      [
        part('office', {
          Put: {
            TableName: tableName,
            Item: toRecord({ ...officeKey(office.id), entity: 'office', ...office }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        part('serves', {
          Put: {
            TableName: tableName,
            Item: toRecord({ ...servesKey(office.parentId, office.unitId), entity: 'office-unit', officeId: office.id }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        // The unit is in the parent's roster: the key is built in the parent's office, where the request runs.
        part('unit', {
          ConditionCheck: { TableName: tableName, Key: toRecord(unitKey(office.unitId)), ConditionExpression: 'attribute_exists(PK)' },
        }),
      ],
      idempotency,
      {
        office: () => new Conflict(say('conflict.exists', { what: 'office', id: office.id }), 'office-exists'),
        serves: () => new Conflict(say('conflict.unit-has-office', { unitId: office.unitId }), 'unit-has-office'),
        unit: () => new RuleViolation('unknown-reference', say('rule.office-unit-unknown', { id: office.unitId })),
      },
    );
  }
}
