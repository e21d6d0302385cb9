import { createHash } from 'node:crypto';
import type { RenderedMail } from '../domain/mail';
import type { Unit } from '../domain/units';
import { MailNotSent, type Clock, type MailOutbox, type Mailer, type QueuedMail } from './ports';

export interface DeliveryDeps {
  outbox: MailOutbox;
  mailer: Mailer;
  clock: Clock;
}

export interface DeliveryReport {
  sent: number;
  /** Already sent by an earlier run: not sent again. */
  skipped: number;
  /** Could not be sent now; they stay pending for the next run. */
  failed: number;
  failures: { kind: string; reason: string }[];
}

export const emptyDelivery = (): DeliveryReport => ({ sent: 0, skipped: 0, failed: 0, failures: [] });

/**
 * One email per recipient (no one sees the others' addresses), identified by
 * (day, kind, recipient, what it is about): the same email asked for again —
 * a job re-run — has the same id and is not sent twice.
 */
export function queueFor(
  recipients: readonly string[],
  kind: string,
  day: string,
  about: readonly string[],
  mail: RenderedMail,
): QueuedMail[] {
  const subject = [...about].sort().join(',');
  return [...new Set(recipients)].map((to) => ({
    id: createHash('sha256').update(`${day}|${kind}|${to.toLowerCase()}|${subject}`).digest('base64url'),
    kind,
    day,
    to: [to],
    ...mail,
  }));
}

/** The addresses of a unit's contacts; `heads` only the heads (预警 goes to the head). */
export const addressesOf = (unit: Pick<Unit, 'contacts'> | undefined, heads = false) =>
  (unit?.contacts ?? []).filter((c) => !heads || c.role === 'head').map((c) => c.email);

async function sendOne(deps: DeliveryDeps, mail: QueuedMail, report: DeliveryReport): Promise<void> {
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    if (!(error instanceof MailNotSent)) throw error;
    report.failed += 1;
    report.failures.push({ kind: mail.kind, reason: error.message });
    await deps.outbox.markFailed(mail.id, error.message, deps.clock.now());
    return;
  }
  report.sent += 1;
  await deps.outbox.markSent(mail.id, deps.clock.now());
}

/**
 * Sends each email at most once: the sent-marker is written (conditionally)
 * before the send, so a re-run skips what was sent; a send that fails leaves
 * the marker pending and the next run sends it (flushPending). A crash
 * between send and marking sent can repeat that one email — the only way to
 * never lose one.
 */
export async function deliver(deps: DeliveryDeps, mails: readonly QueuedMail[], report = emptyDelivery()): Promise<DeliveryReport> {
  for (const mail of mails) {
    const state = await deps.outbox.claim(mail, deps.clock.now());
    if (state === 'sent') {
      report.skipped += 1;
      continue;
    }
    await sendOne(deps, mail, report);
  }
  return report;
}

/** Sends what earlier runs could not; every job starts with this. */
export async function flushPending(deps: DeliveryDeps, report = emptyDelivery(), limit = 500): Promise<DeliveryReport> {
  for (const mail of await deps.outbox.pending(limit)) await sendOne(deps, mail, report);
  return report;
}
