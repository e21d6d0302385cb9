import { gunzipSync, gzipSync } from 'node:zlib';
import { currentOffice } from '../office-scope';
import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  DeleteItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { MailBatch, MailOutbox, OutboxState, QueuedMail, SendFailure } from '../../use-cases/ports';
import { ledger } from './client';
import {
  mailBatchKey,
  mailMessageKey,
  noticeMailListing,
  outboxKey,
  PENDING_BATCHES,
  PENDING_MAIL,
  pendingBatchIndex,
  pendingMailIndex,
  scoped,
} from './keys';
import { ledgerIndexes } from './ledger-table';
import { batchGet, conditionHeld, fromRecord, meterRead, toRecord } from './records';
import { part, transact } from './transaction';

/**
 * The transaction part that writes a change's emails with the change. The letters are gzipped: a notice to fifty
 * units is fifty near-identical letters, which would pass DynamoDB's 400 KB record as text but compress to a
 * few kilobytes (one record, not one per recipient: a transaction holds at most 100 writes).
 */
export function mailBatchPart(tableName: string, batch: MailBatch, now: Date) {
  return part('mail', {
    Put: {
      TableName: tableName,
      Item: toRecord({
        ...mailBatchKey(batch.id),
        ...pendingBatchIndex(batch.id, now),
        entity: 'mail-batch',
        id: batch.id,
        kind: batch.kind,
        day: batch.day,
        about: batch.about,
        ...(batch.notice ? { notice: batch.notice } : {}),
        letters: gzipSync(JSON.stringify(batch.letters)),
        createdAt: now.toISOString(),
      }),
    },
  });
}

/** A stored mail batch (mailBatchPart) as the change wrote it, its letters unzipped. */
export function batchFrom(record: Record<string, AttributeValue>): MailBatch {
  const { createdAt: _createdAt, ...stored } = fromRecord<Omit<MailBatch, 'letters'> & { letters: Uint8Array; createdAt?: string }>(record);
  return { ...stored, letters: JSON.parse(gunzipSync(stored.letters).toString('utf8')) as MailBatch['letters'] };
}

/**
 * How long a claim keeps other senders off a pending mail: far longer than one send takes, short enough that a
 * sender that died mid-send leaves its mail to the next run, not to tomorrow.
 */
export const SEND_LEASE_MS = 60_000;

/** Sent-markers, and what points at them, expire after a year (TTL, epoch seconds). */
export const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + 366 * 86_400;

/**
 * Sent-markers in the ledger table. A pending mail sits in the sparse Due
 * index under OUTBOX#PENDING until it is sent, so the next run finds what an
 * earlier one could not send without reading anything else. Markers of sent
 * mail expire after a year (TTL), long after any re-run could ask.
 */
export class DynamoOutbox implements MailOutbox {
  async claim(mail: QueuedMail, now: Date): Promise<OutboxState> {
    const { client, tableName } = ledger();
    // The claim's lease is wall-clock time, whatever instant a job runs "as of": it is about who is sending now.
    const leaseUntil = Date.now() + SEND_LEASE_MS;
    const created = await conditionHeld(
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toRecord({
            ...outboxKey(mail.id),
            ...pendingMailIndex(mail.id, now),
            ...(mail.notice && mail.unit ? noticeMailListing(mail.notice, mail.unit, mail.id) : {}),
            entity: 'outbox',
            ...mail,
            status: 'pending',
            leaseUntil,
            attempts: 0,
            createdAt: now.toISOString(),
            expiresAt: expiresAt(now),
          }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    return created ? 'new' : this.claimPending(mail.id, leaseUntil);
  }

  /** An existing marker: still pending and nobody sending it (no lease, or a lapsed one), it is ours to send now. */
  private async claimPending(id: string, leaseUntil: number): Promise<OutboxState> {
    const { client, tableName } = ledger();
    const leased = await conditionHeld(
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: toRecord(outboxKey(id)),
          UpdateExpression: 'SET leaseUntil = :lease',
          ConditionExpression: '#s = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':lease': { N: String(leaseUntil) },
            ':pending': { S: 'pending' },
            ':now': { N: String(Date.now()) },
          },
        }),
      ),
    );
    if (leased) return 'pending';
    const status = await this.storedStatus(id);
    return status === 'sent' || status === 'parked' ? status : 'in-flight';
  }

  /** The marker's `status` as stored (a consistent read, metered), or undefined when there is no marker. */
  private async storedStatus(id: string): Promise<string | undefined> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: toRecord(outboxKey(id)),
        ConsistentRead: true,
        ProjectionExpression: '#s',
        ExpressionAttributeNames: { '#s': 'status' },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    meterRead(out.ConsumedCapacity);
    return out.Item?.status?.S;
  }

  async markSent(id: string, now: Date, messageId?: string): Promise<void> {
    const { client, tableName } = ledger();
    const update = {
      TableName: tableName,
      Key: toRecord(outboxKey(id)),
      // Sent: out of the Due index, which keeps only what is still to be done.
      UpdateExpression: `SET #s = :sent, sentAt = :at${messageId ? ', messageId = :mid' : ''} REMOVE ${ledgerIndexes.Due.partitionKey}, ${ledgerIndexes.Due.sortKey}`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':sent': { S: 'sent' },
        ':at': { S: now.toISOString() },
        ...(messageId ? { ':mid': { S: messageId } } : {}),
      },
    };
    if (!messageId) {
      await client.send(new UpdateItemCommand(update));
      return;
    }
    // With SES's message id, which a delivery receipt names: the way back to this marker when the receipt lacks its tag.
    await transact([
      part('sent', { Update: update }),
      part('message', {
        Put: {
          TableName: tableName,
          Item: toRecord({
            ...mailMessageKey(messageId),
            entity: 'mail-message',
            office: currentOffice(),
            mailId: id,
            expiresAt: expiresAt(now),
          }),
        },
      }),
    ]);
  }

  async markFailed(id: string, failure: SendFailure, now: Date): Promise<number> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: toRecord(outboxKey(id)),
        // Markers written before permanent failures were counted have none: if_not_exists starts them at 0.
        UpdateExpression:
          'SET attempts = attempts + :one, permanentFailures = if_not_exists(permanentFailures, :zero) + :permanent, ' +
          'lastError = :reason, lastAttemptAt = :at REMOVE leaseUntil',
        ExpressionAttributeValues: {
          ':one': { N: '1' },
          ':zero': { N: '0' },
          ':permanent': { N: failure.permanent ? '1' : '0' },
          ':reason': { S: failure.reason },
          ':at': { S: now.toISOString() },
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.permanentFailures?.N ?? 0);
  }

  async park(id: string, reason: string, now: Date): Promise<boolean> {
    const { client, tableName } = ledger();
    return conditionHeld(
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: toRecord(outboxKey(id)),
          // Parked: out of the Due index, so no run finds it pending again; the marker stays, so no re-run queues it anew.
          UpdateExpression: `SET #s = :parked, parkedAt = :at, parkedReason = :reason REMOVE ${ledgerIndexes.Due.partitionKey}, ${ledgerIndexes.Due.sortKey}`,
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':parked': { S: 'parked' },
            ':pending': { S: 'pending' },
            ':reason': { S: reason },
            ':at': { S: now.toISOString() },
          },
        }),
      ),
    );
  }

  async batches(limit: number): Promise<MailBatch[]> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: ledgerIndexes.Due.indexName,
        KeyConditionExpression: `${ledgerIndexes.Due.partitionKey} = :batches`,
        ExpressionAttributeValues: { ':batches': { S: scoped(PENDING_BATCHES) } },
        Limit: limit,
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    meterRead(out.ConsumedCapacity);
    const keys = (out.Items ?? []).map((row) => ({ PK: row.PK!, SK: row.SK! }));
    return (await batchGet(keys)).map(batchFrom);
  }

  async dropBatch(id: string): Promise<void> {
    const { client, tableName } = ledger();
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: toRecord(mailBatchKey(id)) }));
  }

  async pending(limit: number): Promise<QueuedMail[]> {
    const { client, tableName } = ledger();
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: ledgerIndexes.Due.indexName,
        KeyConditionExpression: `${ledgerIndexes.Due.partitionKey} = :pending`,
        ExpressionAttributeValues: { ':pending': { S: scoped(PENDING_MAIL) } },
        Limit: limit,
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    meterRead(out.ConsumedCapacity);
    const keys = (out.Items ?? []).map((row) => ({ PK: row.PK!, SK: row.SK! }));
    return (await batchGet(keys)).map((r) => fromRecord<QueuedMail & { status: string }>(r)).filter((m) => m.status === 'pending');
  }

  /** The marker's state as `claim` would answer it, writing nothing: 'new' when there is none. */
  async state(id: string): Promise<OutboxState> {
    const status = await this.storedStatus(id);
    if (!status) return 'new';
    return status === 'sent' || status === 'parked' ? status : 'pending';
  }
}
