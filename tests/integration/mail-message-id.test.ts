import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { outboxKey } from '../../functions/adapters/dynamodb/keys';
import { DynamoOutbox } from '../../functions/adapters/dynamodb/outbox';
import { fromRecord, toRecord } from '../../functions/adapters/dynamodb/records';
import { SesMailer } from '../../functions/adapters/ses/mailer';
import { deliver, queueFor } from '../../functions/use-cases/deliver-mail';
import { mailTo, nowEpochSeconds } from './support';

/**
 * The groundwork of delivery receipts: every send carries the configuration set (when one is set) and tags
 * naming its sent-marker, and the marker keeps the message id SES answered, which its delivery events name.
 * The emulator (aws-ses-v2-local 2.10) answers MessageId `ses-<digits>`, the id its /store shows, and takes
 * ConfigurationSetName and Tags without keeping them.
 */
const tag = randomUUID().slice(0, 8);
const to = `receipts-${tag}@example.gov.cn`;

describe('the message id of a sent mail', () => {
  it('SesMailer returns the id SES answered, with a configuration set and tags on the send', async () => {
    vi.stubEnv('MAIL_CONFIGURATION_SET', 'ducha-mail');
    const since = nowEpochSeconds() - 1;
    const accepted = await new SesMailer().send({
      to: [to],
      subject: `回执 ${tag}`,
      text: '正文',
      html: '<p>正文</p>',
      tags: { kind: 'reminder', day: '2026-11-29', mail: 'abc_DEF-123', unit: 'hanbin-district' },
    });
    vi.unstubAllEnvs();
    expect(accepted.messageId).toMatch(/^ses-\d+$/);
    const stored = (await mailTo(to, since)).filter((m) => m.subject === `回执 ${tag}`);
    expect(stored.map((m) => m.messageId)).toEqual([accepted.messageId]);
  });

  it('the sent-marker keeps it', async () => {
    const [mail] = queueFor([to], 'reminder', '2026-11-29', [`about-${tag}`], {
      subject: `标记 ${tag}`,
      text: '正文',
      html: '<p>正文</p>',
    });
    const report = await deliver({ outbox: new DynamoOutbox(), mailer: new SesMailer(), clock: { now: () => new Date() } }, [mail!]);
    expect(report.sent).toBe(1);
    const { client, tableName } = ledger();
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: toRecord(outboxKey(mail!.id)) }));
    const marker = fromRecord<{ status: string; messageId?: string }>(out.Item!);
    expect(marker.status).toBe('sent');
    const [stored] = (await mailTo(to)).filter((m) => m.subject === `标记 ${tag}`);
    expect(marker.messageId).toBe(stored!.messageId);
  });
});
