import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { isHardBounce, type MailEvent, type NoticeMailState } from '../../domain/mail-events';
import type { MailEventStore, SentMarker } from '../../use-cases/ports';
import { ledger } from './client';
import { mailEventKey, mailMessageKey, noticeMails, outboxKey } from './keys';
import { ledgerIndexes } from './ledger-table';
import { expiresAt } from './outbox';
import { fromRecord, queryAll, toRecord } from './records';
import { part, transact } from './transaction';

/** The marker's attribute each receipt sets (the first time): a soft bounce is not a bounce of the unit's mail. */
function stampOf(event: MailEvent): string {
  switch (event.type) {
    case 'delivery':
      return 'deliveredAt';
    case 'bounce':
      return isHardBounce(event) ? 'bouncedAt' : 'softBouncedAt';
    case 'complaint':
      return 'complainedAt';
    case 'reject':
      return 'rejectedAt';
    case 'delay':
      return 'delayedAt';
  }
}

/**
 * Delivery receipts in the ledger table: each one a record under its sent-marker (`EVENT#<type>#<messageId>`,
 * written only if absent) and, in the same transaction, its time on the marker; so a receipt EventBridge delivers
 * twice is recorded once and changes nothing the second time.
 */
export class DynamoMailEvents implements MailEventStore {
  async marker(id: string): Promise<SentMarker | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(outboxKey(id)), ConsistentRead: true }));
    return out.Item ? fromRecord<SentMarker>(out.Item) : null;
  }

  /** The office that sent a message (its mail-message record, table-wide since SES's ids are), if ducha sent it. */
  async officeOfMessage(messageId: string): Promise<string | undefined> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(mailMessageKey(messageId)) }));
    return out.Item?.office?.S;
  }

  async markerOfMessage(messageId: string): Promise<SentMarker | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(mailMessageKey(messageId)) }));
    const mailId = out.Item?.mailId?.S;
    return mailId ? this.marker(mailId) : null;
  }

  async record(markerId: string, event: MailEvent, now: Date): Promise<boolean> {
    const { tableName } = ledger();
    const stamp = stampOf(event);
    let repeated = false;
    await transact(
      [
        part('event', {
          Put: {
            TableName: tableName,
            Item: toRecord({
              ...mailEventKey(markerId, event.type, event.messageId),
              entity: 'mail-event',
              mailId: markerId,
              ...event,
              recordedAt: now.toISOString(),
              expiresAt: expiresAt(now),
            }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }),
        part('marker', {
          Update: {
            TableName: tableName,
            Key: toRecord(outboxKey(markerId)),
            UpdateExpression: `SET #stamp = if_not_exists(#stamp, :at), lastEvent = :type${event.bounce ? ', bounceType = :bounce' : ''}`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#stamp': stamp },
            ExpressionAttributeValues: {
              ':at': { S: event.at },
              ':type': { S: event.type },
              ...(event.bounce ? { ':bounce': { S: event.bounce.type } } : {}),
            },
          },
        }),
      ],
      (why) => {
        // Recorded before (EventBridge's second delivery), or the marker is gone (expired): nothing to change.
        if (why.failed('event') || why.failed('marker')) {
          repeated = true;
          return new Repeated();
        }
        return undefined;
      },
    ).catch((error) => {
      if (!(error instanceof Repeated)) throw error;
    });
    return !repeated;
  }

  async noticeMails(noticeId: string): Promise<NoticeMailState[]> {
    const { rows } = await queryAll({
      IndexName: ledgerIndexes.ByUnit.indexName,
      KeyConditionExpression: `${ledgerIndexes.ByUnit.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': { S: noticeMails(noticeId) } },
    });
    return rows
      .map((r) => fromRecord<NoticeMailState & { unit?: string }>(r))
      .filter((m) => m.unit !== undefined)
      .map((m) => ({
        unitId: m.unit!,
        ...(m.deliveredAt ? { deliveredAt: m.deliveredAt } : {}),
        ...(m.bouncedAt ? { bouncedAt: m.bouncedAt } : {}),
      }));
  }
}

class Repeated extends Error {}
