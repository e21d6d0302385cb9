import { describe, expect, it } from 'vitest';
import { assertInReach, likeIam, OutsideReach, partitionKeysOf, reachPatterns } from '../../functions/adapters/dynamodb/office-reach';

const get = (PK: string) => ({ Key: { PK: { S: PK }, SK: { S: 'X' } } });

describe('the reach of an office (the code’s check and the office role’s LeadingKeys condition)', () => {
  it('matches as IAM’s StringLike does: * any run, ? one character, nothing else special', () => {
    expect(likeIam('O#hanbin#*', 'O#hanbin#ITEM#1')).toBe(true);
    expect(likeIam('O#hanbin#*', 'O#hanbin2#ITEM#1')).toBe(false);
    expect(likeIam('MAIL-MESSAGE#*', 'MAIL-MESSAGE#0102.abc')).toBe(true);
    expect(likeIam('a.b', 'axb')).toBe(false);
    expect(likeIam('?*', '')).toBe(false);
  });

  it('is the whole table for the root, the office and its subtree below it, with the table’s own partitions', () => {
    expect(reachPatterns('root')).toBeUndefined();
    expect(reachPatterns('hanbin')).toEqual(expect.arrayContaining(['O#hanbin#*', 'O#hanbin/*', 'OFFICES']));
  });

  it('finds the partition key of every call, the index’s own for a Query on an index', () => {
    expect(partitionKeysOf('GetItemCommand', get('A'))).toEqual(['A']);
    expect(partitionKeysOf('PutItemCommand', { Item: { PK: { S: 'B' }, SK: { S: 'x' } } })).toEqual(['B']);
    expect(
      partitionKeysOf('QueryCommand', {
        IndexName: 'ByUnit',
        KeyConditionExpression: '#sk > :from AND GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'O#hanbin#UNITS' }, ':from': { S: 'a' } },
        ExpressionAttributeNames: { '#sk': 'GSI2SK' },
      }),
    ).toEqual(['O#hanbin#UNITS']);
    expect(
      partitionKeysOf('QueryCommand', {
        KeyConditionExpression: '#pk = :ledger',
        ExpressionAttributeNames: { '#pk': 'PK' },
        ExpressionAttributeValues: { ':ledger': { S: 'C' } },
      }),
    ).toEqual(['C']);
    expect(
      partitionKeysOf('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { Item: { PK: { S: 'D' } } } },
          { Update: { Key: { PK: { S: 'E' } } } },
          { ConditionCheck: { Key: { PK: { S: 'F' } } } },
        ],
      }),
    ).toEqual(['D', 'E', 'F']);
    expect(
      partitionKeysOf('BatchWriteItemCommand', {
        RequestItems: { t: [{ PutRequest: { Item: { PK: { S: 'G' } } } }, { DeleteRequest: { Key: { PK: { S: 'H' } } } }] },
      }),
    ).toEqual(['G', 'H']);
    expect(partitionKeysOf('BatchGetItemCommand', { RequestItems: { t: { Keys: [get('I').Key, get('J').Key] } } })).toEqual(['I', 'J']);
    expect(partitionKeysOf('ScanCommand', {})).toBeUndefined();
  });

  it('lets a county reach its own keys, its townships’ and the registry; refuses the city’s, a sibling’s and a Scan', () => {
    const county = (command: string, input: Record<string, unknown>) => () => assertInReach('hanbin', command, input);
    expect(county('GetItemCommand', get('O#hanbin#ITEM#1'))).not.toThrow();
    expect(county('GetItemCommand', get('O#hanbin/guanmiao#ITEM#1'))).not.toThrow();
    expect(county('GetItemCommand', get('OFFICES'))).not.toThrow();
    expect(county('GetItemCommand', get('ITEM#1'))).toThrow(OutsideReach);
    // A sibling whose id begins with the county's: the `#` and `/` after the id keep them apart.
    expect(county('GetItemCommand', get('O#hanbin2#ITEM#1'))).toThrow(/root|hanbin2 ITEM/);
    // One key outside is enough to refuse the whole transaction.
    expect(
      county('TransactWriteItemsCommand', {
        TransactItems: [{ Put: { Item: { PK: { S: 'O#hanbin#A' } } } }, { Put: { Item: { PK: { S: 'UNIT#x' } } } }],
      }),
    ).toThrow(/root UNIT/);
    expect(county('ScanCommand', {})).toThrow(/no partition key/);
    // The error names the office and the kind of partition, never a whole key.
    expect(county('GetItemCommand', get('UNIT#czj-secret'))).toThrow(/^(?!.*czj-secret)/);
    expect(() => assertInReach('root', 'ScanCommand', {})).not.toThrow();
  });
});
