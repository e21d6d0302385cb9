import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { attachmentRefusal, type FileAttachment } from '../../domain/attachments';
import type { AttachmentRepository, FileClaim } from '../../use-cases/ports';
import { ledger } from './client';
import { attachmentKey } from './keys';
import { batchGet, fromRecord, toRecord } from './records';
import { marshall } from '@aws-sdk/util-dynamodb';
import { part } from './transaction';

export class DynamoAttachmentRepository implements AttachmentRepository {
  async create(file: FileAttachment): Promise<void> {
    const { client, tableName } = ledger();
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: toRecord({ ...attachmentKey(file.id), entity: 'attachment', ...file }),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get(id: string): Promise<FileAttachment | null> {
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(attachmentKey(id)), ConsistentRead: true }));
    return out.Item ? fromRecord<FileAttachment>(out.Item) : null;
  }

  async getMany(ids: readonly string[]): Promise<FileAttachment[]> {
    if (ids.length === 0) return [];
    return (await batchGet([...new Set(ids)].map((id) => toRecord(attachmentKey(id))))).map((r) => fromRecord<FileAttachment>(r));
  }
}

/**
 * The file claimed in the transaction of the change that names it: checked and free when the change was decided,
 * still free now — or another change took it meanwhile, and the whole change is refused (fileTaken). From this
 * write on the record names the pinned copy (`key`) and its bytes' SHA-256, never the upload again.
 */
export const fileClaimPart = (TableName: string, file: FileClaim) =>
  part('file', {
    Update: {
      TableName,
      Key: toRecord(attachmentKey(file.fileId)),
      UpdateExpression: 'SET attachedTo = :to, checkedAt = if_not_exists(checkedAt, :at), #key = :key, sha256 = :sha256',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(attachedTo)',
      ExpressionAttributeNames: { '#key': 'key' },
      ExpressionAttributeValues: {
        ':to': { M: marshall(file.to, { removeUndefinedValues: true }) },
        ':at': { S: file.at },
        ':key': { S: file.key },
        ':sha256': { S: file.sha256 },
      },
    },
  });

/**
 * A file the change named was attached to something else between the check and the write (two changes naming
 * one file at once): 422 naming each file of the change, since DynamoDB says only that one of them was taken.
 */
export const fileTaken = (files: readonly FileClaim[]) =>
  attachmentRefusal(files.map((f) => ({ index: f.index, id: f.fileId, why: 'already-attached' as const })));
