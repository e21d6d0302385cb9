import { fileURLToPath } from 'node:url';
import { type AttributeValue, DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config';
import { officeKey } from '../../functions/adapters/dynamodb/keys';
import { toRecord } from '../../functions/adapters/dynamodb/records';
import { DEFAULT_ROOT_OFFICE_NAME, ROOT_OFFICE } from '../../functions/domain/offices';
import { readBackup, restoreTable } from '../../scripts/local/backup';
import { localFileStore } from '../../scripts/local/backup-files';
import { localDynamoDbClient } from '../../scripts/local/dynamodb';
import { fileSystem } from './file-system';
import { api, everyRecord as recordsOf, tokenFor } from './support';

/**
 * Issue 23, item 6: one deployment, upgraded in place. The demo ledger as today's main (56aace3, before offices)
 * wrote it (fixtures/ledger-56aace3.jsonl, its `npm run backup`) is restored into this file's table as a
 * single-office ledger, and the start's migration makes it the root office's: nothing rewritten (every record
 * byte for byte as it was, so no seal or chain moves), every item read as before by a token with no office and
 * by one of the root, its history still verifying, and an office registered below it starting empty.
 */
const fixture = fileURLToPath(new URL('./fixtures/ledger-56aace3.jsonl', import.meta.url));
type Row = Record<string, AttributeValue>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const client = localDynamoDbClient(fileSystem().dynamodbEndpoint);
const tableName = fileSystem().tableName;
const before: Row[] = [];
let applied: string[];

const everyRecord = (): Promise<Row[]> => recordsOf(client, tableName);

const keyOf = (r: Row) => `${r.PK?.S}|${r.SK?.S}`;

beforeAll(async () => {
  for await (const row of readBackup(fixture)) before.push(row);
  // An empty table as today's main started it: this version's start wrote the root office's record, which that
  // version had not (and the worker's previous file may have left a late write of its stream here).
  await fileSystem().settle();
  for (const row of await everyRecord()) {
    if (row.entity?.S !== 'meta') await client.send(new DeleteItemCommand({ TableName: tableName, Key: { PK: row.PK!, SK: row.SK! } }));
  }
  const store = localFileStore(fileSystem().s3Url, process.env[ENV.attachmentsBucket] as string);
  try {
    applied = (await restoreTable(client, tableName, fixture, store)).migrations.applied;
  } finally {
    store.close();
  }
  await fileSystem().settle();
});

describe("upgrading today's single-office ledger", () => {
  it('the migration to offices ran, and rewrote nothing: every record is byte for byte as it was', async () => {
    expect(applied).toEqual(['0002-offices']);
    const now = new Map((await everyRecord()).map((r) => [keyOf(r), r]));
    const changed = before.filter((r) => r.entity?.S !== 'meta').filter((r) => JSON.stringify(now.get(keyOf(r))) !== JSON.stringify(r));
    expect(changed.map(keyOf)).toEqual([]);
    expect(now.get(keyOf(toRecord(officeKey(ROOT_OFFICE))))).toMatchObject({ name: { S: DEFAULT_ROOT_OFFICE_NAME } });
  });

  it("the ledger is the root office's: the same items to a token with no office and to one of the root, every history intact", async () => {
    const ids = before.filter((r) => r.entity?.S === 'item').map((r) => r.id?.S);
    for (const token of [await tokenFor('office'), await tokenFor('office', undefined, { officeId: ROOT_OFFICE })]) {
      const listed = await api('GET', '/items?limit=100', { token });
      expect(listed.status, listed.text).toBe(200);
      expect((listed.json.items as Json[]).map((i) => i.id).sort()).toEqual([...ids].sort());
      const tree = await api('GET', '/offices', { token });
      expect(tree.json).toMatchObject({
        office: { id: ROOT_OFFICE, name: DEFAULT_ROOT_OFFICE_NAME },
        path: [{ id: ROOT_OFFICE }],
        below: [],
      });
    }
    const office = await tokenFor('office');
    for (const id of ids) {
      const verdict = await api('GET', `/items/${id}/history/verify`, { token: office });
      expect(verdict.json, `item ${id}`).toMatchObject({ intact: true, findings: [] });
    }
  });

  it('an office registered for one of its county governments starts with an empty ledger of its own', async () => {
    const county = before.find((r) => r.entity?.S === 'unit' && r.kind?.S === 'county')?.id?.S as string;
    const city = await tokenFor('office');
    const registered = await api('POST', '/offices', {
      token: city,
      body: { slug: 'upgraded', name: '县政府督查室', unitId: county, noticeNumberPrefix: '县政督通' },
    });
    expect(registered.status, registered.text).toBe(201);
    const below = await tokenFor('office', undefined, { officeId: 'upgraded' });
    expect((await api('GET', '/items', { token: below })).json.items).toEqual([]);
    expect((await api('GET', '/units', { token: below })).json.items).toEqual([]);
  });
});
