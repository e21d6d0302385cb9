import { describe, expect, it } from 'vitest';
import { DynamoSendRate } from '../../functions/adapters/dynamodb/send-rate';
import { queryAll } from '../../functions/adapters/dynamodb/records';

/**
 * SES's send rate kept by every mailing function together (issue 20, item 3): a counter per second in the ledger
 * table, on the real DynamoDB Local. The clock is the test's: a send that must wait moves it to the next second
 * instead of sleeping, so the test is as fast as the writes.
 */
describe('the account’s send rate, shared through the ledger', () => {
  it('lets at most the rate through in any second, across two containers, and everyone through in the end', async () => {
    // A far second of its own (the counters of other files' mail are of today).
    let clock = Date.UTC(2091, 0, 1, 9, 0, 0) + 100;
    const now = () => clock;
    const wait = async (ms: number) => {
      clock = Math.max(clock, now() + ms);
    };
    const containers = [new DynamoSendRate({ perSecond: 3, now, wait }), new DynamoSendRate({ perSecond: 3, now, wait })];
    const taken: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await containers[i % 2]!.take();
        taken.push(Math.floor(now() / 1000));
      }),
    );
    expect(taken).toHaveLength(10);

    const first = Math.floor(Date.UTC(2091, 0, 1, 9, 0, 0) / 1000);
    const { rows } = await queryAll({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': { S: 'SEND-RATE' }, ':from': { S: String(first) }, ':to': { S: String(first + 100) } },
      ConsistentRead: true,
    });
    const counts = rows.map((r) => Number(r.sends?.N));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
    expect(counts.length).toBeGreaterThanOrEqual(4);
    // Each second's counter goes a minute after it (the table's TTL), so the partition stays small.
    for (const r of rows) expect(Number(r.expiresAt?.N)).toBe(Number(r.SK?.S) + 60);
  });
});
