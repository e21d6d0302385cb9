import { createHash } from 'node:crypto';
import { shanghaiDate } from '../domain/calendar';
import { parkedMailNotice, type RenderedMail } from '../domain/mail';
import { deliverable, wants, type MailTopic, type Unit } from '../domain/units';
import { MailNotSent, type Clock, type MailBatch, type MailOutbox, type Mailer, type QueuedMail, type UnitRepository } from './ports';

export interface DeliveryDeps {
  outbox: MailOutbox;
  mailer: Mailer;
  clock: Clock;
  /** Where the office's addresses come from, to tell it of a parked mail; without it a mail is parked untold. */
  units?: Pick<UnitRepository, 'all'>;
}

/**
 * A mail the mail service refuses this many times as the mail's own fault
 * (permanent failures: a character it cannot encode, an address it rejects)
 * is parked: sending it again would change nothing but would be tried at
 * every run, for ever. Three, not one: a refusal can be SES's passing mistake.
 */
export const PARK_AFTER_PERMANENT_FAILURES = 3;

/** The kind of the email that tells the office of a parked one. */
export const PARKED_MAIL_KIND = 'mail-parked';

export interface DeliveryReport {
  sent: number;
  /** Already sent (or parked) by an earlier run: not sent again. */
  skipped: number;
  /** Could not be sent now; they stay pending for the next run, unless parked. */
  failed: number;
  failures: { kind: string; reason: string }[];
  /** Failed permanently too often (PARK_AFTER_PERMANENT_FAILURES) in this run: given up on, the office told. */
  parked: number;
}

export const emptyDelivery = (): DeliveryReport => ({ sent: 0, skipped: 0, failed: 0, failures: [], parked: 0 });

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
  concerns: Pick<QueuedMail, 'unit' | 'notice'> = {},
): QueuedMail[] {
  const subject = [...about].sort().join(',');
  return [...new Set(recipients)].map((to) => ({
    id: createHash('sha256').update(`${day}|${kind}|${to.toLowerCase()}|${subject}`).digest('base64url'),
    kind,
    day,
    to: [to],
    ...mail,
    ...(concerns.unit ? { unit: concerns.unit } : {}),
    ...(concerns.notice ? { notice: concerns.notice } : {}),
  }));
}

/**
 * The addresses of a unit's contacts (head and liaison alike) that take mail of this topic (Contact.receives);
 * without a topic, every contact (the office told of a parked mail). Never an address that bounced for good
 * (Contact.undeliverableSince): the unit's mail goes to its other contacts, and to none when none is left.
 */
export const addressesOf = (unit: Pick<Unit, 'contacts'> | undefined, topic?: MailTopic) =>
  (unit?.contacts ?? []).filter((c) => deliverable(c) && (topic === undefined || wants(c, topic))).map((c) => c.email);

/**
 * One send. A failure is counted on the mail and never stops the run: the
 * mails after it are sent as if it were not there. A permanent one, the
 * PARK_AFTER_PERMANENT_FAILURES-th time, parks the mail and tells the office.
 */
async function sendOne(deps: DeliveryDeps, mail: QueuedMail, report: DeliveryReport): Promise<void> {
  let accepted: Awaited<ReturnType<DeliveryDeps['mailer']['send']>>;
  try {
    // Tagged with the sent-marker's id, so that a delivery event (bounce, delivery…) finds its marker.
    const concerns = { ...(mail.unit ? { unit: mail.unit } : {}), ...(mail.notice ? { notice: mail.notice } : {}) };
    accepted = await deps.mailer.send({ ...mail, tags: { ...mail.tags, kind: mail.kind, day: mail.day, mail: mail.id, ...concerns } });
  } catch (error) {
    if (!(error instanceof MailNotSent)) throw error;
    report.failed += 1;
    report.failures.push({ kind: mail.kind, reason: error.message });
    const failure = { reason: error.message, permanent: !error.retryable };
    const permanentFailures = await deps.outbox.markFailed(mail.id, failure, deps.clock.now());
    if (failure.permanent && permanentFailures >= PARK_AFTER_PERMANENT_FAILURES)
      await park(deps, mail, failure.reason, permanentFailures, report);
    return;
  }
  report.sent += 1;
  await deps.outbox.markSent(mail.id, deps.clock.now(), accepted?.messageId);
}

/**
 * Parks the mail and tells the office once: the notice's id is made from the
 * parked mail's, so a second parking (none should happen) queues nothing new.
 * A parked notice tells no one (it would only be refused the same way).
 */
async function park(deps: DeliveryDeps, mail: QueuedMail, reason: string, attempts: number, report: DeliveryReport): Promise<void> {
  if (!(await deps.outbox.park(mail.id, reason, deps.clock.now()))) return;
  report.parked += 1;
  if (mail.kind === PARKED_MAIL_KIND || !deps.units) return;
  const office = (await deps.units.all()).filter((u) => u.kind === 'office').flatMap((u) => addressesOf(u));
  const today = shanghaiDate(deps.clock.now());
  const notice = parkedMailNotice({ kind: mail.kind, day: mail.day, subject: mail.subject, to: mail.to, reason, attempts, date: today });
  await deliver(deps, queueFor(office, PARKED_MAIL_KIND, mail.day, [mail.id], notice), report);
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
    if (state === 'sent' || state === 'parked' || state === 'in-flight') {
      report.skipped += 1;
      continue;
    }
    await sendOne(deps, mail, report);
  }
  return report;
}

/** A batch's emails: one per address of each letter, each with its own sent-marker id (queueFor). */
export const mailsOf = (batch: MailBatch): QueuedMail[] =>
  batch.letters.flatMap((letter) =>
    queueFor(letter.to, batch.kind, batch.day, batch.about, letter.mail, {
      ...(letter.unit ? { unit: letter.unit } : {}),
      ...(batch.notice ? { notice: batch.notice } : {}),
    }),
  );

/**
 * Sends the emails a change wrote with itself (announce.ts), then drops the batch. The table's stream releases
 * each batch once it is committed (follow-ledger.ts); a job's flushPending releases any the stream left. Each
 * email is claimed first (deliver), so releasing a batch again sends none twice; a send that fails stays
 * pending under its own marker and the next run sends it.
 */
export async function releaseBatch(deps: DeliveryDeps, batch: MailBatch, report = emptyDelivery()): Promise<DeliveryReport> {
  await deliver(deps, mailsOf(batch), report);
  await deps.outbox.dropBatch(batch.id);
  return report;
}

/** Sends what earlier runs could not, and the emails of changes whose own sending did not finish; every job starts with this. */
export async function flushPending(deps: DeliveryDeps, report = emptyDelivery(), limit = 500): Promise<DeliveryReport> {
  for (const batch of await deps.outbox.batches(limit)) await releaseBatch(deps, batch, report);
  // Claimed again before each send: the stream may be sending the same mail right now.
  await deliver(deps, await deps.outbox.pending(limit), report);
  return report;
}
