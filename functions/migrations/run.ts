import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { tableMetaKey } from '../adapters/dynamodb/keys';
import { fromRecord, toRecord } from '../adapters/dynamodb/records';
import type { Migration, MigrationContext } from './migration';
import { migrations as all } from './index';

export interface MigrationRun {
  /** The table's schema version before this run (0: no meta record, a table older than migrations). */
  from: number;
  to: number;
  applied: string[];
}

/** The table's schema version, from its meta record (0 when there is none). */
export async function schemaVersion(context: Pick<MigrationContext, 'client' | 'tableName'>): Promise<number> {
  const out = await context.client.send(
    new GetItemCommand({ TableName: context.tableName, Key: toRecord(tableMetaKey), ConsistentRead: true }),
  );
  return out.Item ? fromRecord<{ schemaVersion: number }>(out.Item).schemaVersion : 0;
}

/** Numbered 1, 2, 3… with no gap, or the list itself is wrong. */
function assertNumbered(migrations: readonly Migration[]) {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} is numbered ${m.version}; expected ${i + 1} (numbered 1, 2, 3… in order)`);
  });
}

/**
 * Applies, in order, every migration above the table's schema version, recording each in the meta
 * record as soon as it is done, so a run that dies half-way resumes at the migration it was in.
 * Recording is conditional on the version it started from: two runs at once (a start and the one-off
 * Lambda) cannot record a version twice or out of order, and each migration is safe to repeat. A table
 * at a version this code does not know (written by a newer version) is refused, never rewritten.
 */
export async function migrateLedger(context: MigrationContext, migrations: readonly Migration[] = all): Promise<MigrationRun> {
  assertNumbered(migrations);
  const from = await schemaVersion(context);
  const latest = migrations.length;
  if (from > latest) {
    throw new Error(
      `The table ${context.tableName} is at schema ${from}; this version of ducha knows schemas up to ${latest}. Run a newer ducha.`,
    );
  }
  const applied: string[] = [];
  for (const migration of migrations.slice(from)) {
    context.log(`Migration ${migration.version} (${migration.name}) on ${context.tableName}…`);
    await migration.up(context);
    await record(context, migration);
    applied.push(`${String(migration.version).padStart(4, '0')}-${migration.name}`);
  }
  return { from, to: Math.max(from, latest), applied };
}

async function record(context: MigrationContext, migration: Migration) {
  try {
    await context.client.send(
      new PutItemCommand({
        TableName: context.tableName,
        Item: toRecord({ ...tableMetaKey, entity: 'meta', schemaVersion: migration.version, migratedAt: new Date().toISOString() }),
        ConditionExpression: 'attribute_not_exists(PK) OR schemaVersion = :previous',
        ExpressionAttributeValues: { ':previous': { N: String(migration.version - 1) } },
      }),
    );
  } catch (error) {
    // Another run recorded it first: the same migration, done twice, which each one allows.
    if (!(error instanceof ConditionalCheckFailedException && (await schemaVersion(context)) >= migration.version)) throw error;
  }
}
