import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttachedTo, FileAttachment } from '../../domain/attachments';
import type { AttachmentRepository } from '../../use-cases/ports';
import { ledger } from './client';
import { attachmentKey } from './keys';
import { batchGet, fromRecord, toRecord } from './records';
import { marshall } from '@aws-sdk/util-dynamodb';

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

  async attach(ids: readonly string[], to: AttachedTo, checkedAt: string): Promise<void> {
    const { client, tableName } = ledger();
    for (const id of ids) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: toRecord(attachmentKey(id)),
            UpdateExpression: 'SET attachedTo = :to, checkedAt = if_not_exists(checkedAt, :at)',
            // Once: the same thing again (a retried request) is fine, another thing is not.
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(attachedTo) OR attachedTo = :to)',
            ExpressionAttributeValues: { ':to': { M: marshall(to) }, ':at': { S: checkedAt } },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
}
