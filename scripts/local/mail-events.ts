/**
 * Delivery receipts on one machine: the SES emulator emits none, so `npm run mail-event` (and the integration
 * tests) find the latest sent-marker to an address in the local ledger and hand the mail-events handler the
 * event EventBridge would deliver from SES's configuration set — the same shape, the same handler.
 */
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { ledger } from '../../functions/adapters/dynamodb/client';
import { fromRecord } from '../../functions/adapters/dynamodb/records';
import { MARKER_TAG, sesDetailTypes, type SesEventBridgeEvent } from '../../functions/domain/mail-events';
import { handler } from '../../functions/mail-events/handler';
import type { MailEventOutcome } from '../../functions/use-cases/record-mail-event';

export const localMailEventKinds = ['bounce', 'delivery', 'complaint'] as const;
export type LocalMailEventKind = (typeof localMailEventKinds)[number];

export interface LocalSentMail {
  id: string;
  kind: string;
  day: string;
  to: string[];
  sentAt: string;
  messageId?: string;
  unit?: string;
  notice?: string;
}

/** The latest mail sent to this address, from its sent-marker. */
export async function latestSentTo(address: string): Promise<LocalSentMail | null> {
  return (await sentTo(address)).at(-1) ?? null;
}

/** Every mail sent to this address, oldest first, from their sent-markers (a Scan: the local ledger is small; AWS never scans). */
export async function sentTo(address: string): Promise<LocalSentMail[]> {
  const { client, tableName } = ledger();
  const found: LocalSentMail[] = [];
  let startKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'entity = :outbox AND #s = :sent AND contains(#to, :address)',
        ExpressionAttributeNames: { '#s': 'status', '#to': 'to' },
        ExpressionAttributeValues: { ':outbox': { S: 'outbox' }, ':sent': { S: 'sent' }, ':address': { S: address } },
        ExclusiveStartKey: startKey,
      }),
    );
    found.push(...(out.Items ?? []).map((row) => fromRecord<LocalSentMail>(row)));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return found.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

/**
 * The EventBridge event SES publishes for this mail (docs: "Monitoring email sending using Amazon SES event
 * publishing", EventBridge destination): detail-type and source, and the SES event record as `detail`, with the
 * mail's tags as SES passes them (each a list of values). A bounce is a hard one (Permanent, General).
 */
export function sesEventFor(kind: LocalMailEventKind, mail: LocalSentMail, address: string, at = new Date()): SesEventBridgeEvent {
  const time = at.toISOString();
  const tags: Record<string, string[]> = {
    kind: [mail.kind],
    day: [mail.day],
    [MARKER_TAG]: [mail.id],
    ...(mail.unit ? { unit: [mail.unit] } : {}),
    ...(mail.notice ? { notice: [mail.notice] } : {}),
  };
  const messageId = mail.messageId ?? `local-${mail.id}`;
  const detail = {
    eventType: kind === 'bounce' ? 'Bounce' : kind === 'delivery' ? 'Delivery' : 'Complaint',
    mail: { timestamp: mail.sentAt, messageId, destination: mail.to, tags },
    ...(kind === 'bounce'
      ? {
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              { emailAddress: address, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
            ],
            timestamp: time,
            feedbackId: randomUUID(),
          },
        }
      : kind === 'delivery'
        ? { delivery: { timestamp: time, recipients: [address], processingTimeMillis: 500, smtpResponse: '250 2.6.0 Message received' } }
        : {
            complaint: {
              complainedRecipients: [{ emailAddress: address }],
              timestamp: time,
              feedbackId: randomUUID(),
              complaintFeedbackType: 'abuse',
            },
          }),
  };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': sesDetailTypes[kind],
    source: 'aws.ses',
    time: time.replace(/\.\d{3}Z$/, 'Z'),
    region: process.env.AWS_REGION ?? 'cn-northwest-1',
    resources: [],
    detail,
  } as SesEventBridgeEvent;
}

/** Injects one receipt for the latest mail to `address` into the mail-events handler; null when no mail went there. */
export async function injectMailEvent(
  kind: LocalMailEventKind,
  address: string,
): Promise<{ event: SesEventBridgeEvent; outcome: MailEventOutcome } | null> {
  const mail = await latestSentTo(address);
  if (!mail) return null;
  const event = sesEventFor(kind, mail, address);
  return { event, outcome: await handler(event) };
}
