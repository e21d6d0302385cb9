import { isOfficeId, officeOfTag } from './offices';
import type { DeliveryState } from './codes';
import { sameAddress, type UnitEvent } from './unit-edits';
import type { Contact, Unit } from './units';

/**
 * Delivery receipts (回执): what SES says became of a mail it accepted — delivered, bounced, complained of,
 * rejected, delayed — as EventBridge delivers it from the configuration set's event destination. Plain
 * functions: reading the event, what a hard bounce does to a unit's contacts, and what a notice's mails
 * say of each named unit (delivered / bounced / pending: the proof that the unit was told).
 */

export const mailEventTypes = ['delivery', 'bounce', 'complaint', 'reject', 'delay'] as const;
export type MailEventType = (typeof mailEventTypes)[number];

/** EventBridge's detail-type of each SES event ducha records (the rule in lib/mail-events.ts matches these). */
export const sesDetailTypes: Record<MailEventType, string> = {
  delivery: 'Email Delivered',
  bounce: 'Email Bounced',
  complaint: 'Email Complaint Received',
  reject: 'Email Rejected',
  delay: 'Email Delivery Delayed',
};

/** SES's eventType in the event's detail, for each. */
const sesEventTypes: Record<MailEventType, string> = {
  delivery: 'Delivery',
  bounce: 'Bounce',
  complaint: 'Complaint',
  reject: 'Reject',
  delay: 'DeliveryDelay',
};

/** The part of the SES event (detail) ducha reads. */
export interface SesEventDetail {
  eventType?: string;
  mail?: { messageId?: string; timestamp?: string; destination?: string[]; tags?: Record<string, string[]> };
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: { emailAddress?: string }[]; timestamp?: string };
  complaint?: { complainedRecipients?: { emailAddress?: string }[]; timestamp?: string; complaintFeedbackType?: string };
  delivery?: { recipients?: string[]; timestamp?: string };
  reject?: { reason?: string };
  deliveryDelay?: { delayType?: string; delayedRecipients?: { emailAddress?: string }[]; timestamp?: string };
}

/** An EventBridge event of source aws.ses, as the rule hands it to the function. */
export interface SesEventBridgeEvent {
  id?: string;
  source?: string;
  'detail-type'?: string;
  time?: string;
  detail?: SesEventDetail;
}

/** One event, read: which mail (the sent-marker's id from its tag, SES's message id), what happened, to whom, when. */
export interface MailEvent {
  type: MailEventType;
  messageId: string;
  /** The sent-marker's id, from the `mail` tag every send carries (deliver-mail.ts). */
  markerId?: string;
  /** The office whose mail it was, from the `office` tag every send carries (ses/mailer.ts). */
  office?: string;
  at: string;
  /** The addresses it concerns: bounced, complained of, delivered to, delayed. */
  recipients: string[];
  /** A bounce: SES's bounceType (Permanent, Transient, Undetermined) and subtype. */
  bounce?: { type: string; subType?: string };
}

/** The tag that carries the sent-marker's id (deliver-mail.ts sendOne). */
export const MARKER_TAG = 'mail';
/** The tag that carries the sending office (ses/mailer.ts): the marker is in that office's ledger. */
export const OFFICE_TAG = 'office';

const addresses = (list: { emailAddress?: string }[] | undefined) =>
  (list ?? []).map((r) => r.emailAddress).filter((a): a is string => typeof a === 'string' && a.length > 0);

/** The event, read; null when it is not an SES event ducha records (another type, no message id). */
export function readMailEvent(event: SesEventBridgeEvent): MailEvent | null {
  const detail = event.detail;
  const type = mailEventTypes.find((t) => sesEventTypes[t] === detail?.eventType || sesDetailTypes[t] === event['detail-type']);
  const messageId = detail?.mail?.messageId;
  if (!type || !detail || typeof messageId !== 'string' || messageId.length === 0) return null;
  const markerId = detail.mail?.tags?.[MARKER_TAG]?.[0];
  const office = detail.mail?.tags?.[OFFICE_TAG]?.[0];
  const when = detail.bounce?.timestamp ?? detail.complaint?.timestamp ?? detail.delivery?.timestamp ?? detail.deliveryDelay?.timestamp;
  const at = when ?? event.time ?? detail.mail?.timestamp ?? new Date(0).toISOString();
  const recipients =
    type === 'bounce'
      ? addresses(detail.bounce?.bouncedRecipients)
      : type === 'complaint'
        ? addresses(detail.complaint?.complainedRecipients)
        : type === 'delivery'
          ? (detail.delivery?.recipients ?? [])
          : type === 'delay'
            ? addresses(detail.deliveryDelay?.delayedRecipients)
            : (detail.mail?.destination ?? []);
  return {
    type,
    messageId,
    ...(markerId ? { markerId } : {}),
    ...(office && isOfficeId(officeOfTag(office)) ? { office: officeOfTag(office) } : {}),
    at: new Date(at).toISOString(),
    recipients,
    ...(type === 'bounce'
      ? {
          bounce: {
            type: detail.bounce?.bounceType ?? 'Undetermined',
            ...(detail.bounce?.bounceSubType ? { subType: detail.bounce.bounceSubType } : {}),
          },
        }
      : {}),
  };
}

/** A hard bounce: the receiving server refused the address for good (SES: Permanent). Transient ones are retried by SES. */
export const isHardBounce = (event: Pick<MailEvent, 'type' | 'bounce'>) => event.type === 'bounce' && event.bounce?.type === 'Permanent';

/** Who changes a unit for a delivery event: the platform itself, recorded as such in the unit's history. */
export const SYSTEM_ACTOR: UnitEvent['actor'] = { sub: 'system', role: 'office' };

/**
 * A hard bounce of `addresses`: each contact of the unit at one of them becomes undeliverable (since then, with the
 * bounce's type), recorded in the unit's history like an edit. Null when nothing changes — no such contact, or
 * it is undeliverable already (a second bounce keeps the first date, so the office is not told twice).
 */
export function markUndeliverable(
  unit: Unit,
  addresses: readonly string[],
  bounce: { type: string; subType?: string; at: string },
  now: Date,
): { unit: Unit; event: UnitEvent } | null {
  let changed = false;
  const contacts = unit.contacts.map((c): Contact => {
    if (!addresses.some((a) => sameAddress(c.email, a)) || c.undeliverableSince !== undefined) return c;
    changed = true;
    return { ...c, undeliverableSince: bounce.at, bounce: { type: bounce.type, ...(bounce.subType ? { subType: bounce.subType } : {}) } };
  });
  if (!changed) return null;
  const at = now.toISOString();
  const version = unit.version + 1;
  return {
    unit: { ...unit, contacts, version, updatedAt: at },
    event: {
      seq: version,
      type: 'unit.edited',
      actor: SYSTEM_ACTOR,
      at,
      data: { changes: { contacts: { before: unit.contacts, after: contacts } } },
    },
  };
}

/** One email of a notice to a named unit, as its sent-marker says. */
export interface NoticeMailState {
  unitId: string;
  deliveredAt?: string;
  /** Set by a hard bounce only: a soft one may still be delivered. */
  bouncedAt?: string;
}

export type { DeliveryState };

export interface UnitDelivery {
  unitId: string;
  state: DeliveryState;
  at?: string;
}

/**
 * Per named unit: delivered when any email of the notice to it was delivered (the earliest), bounced when every
 * one bounced (the last bounce), otherwise pending — no receipt yet, or nothing was sent (no contact left).
 */
export function noticeDelivery(unitIds: readonly string[], mails: readonly NoticeMailState[]): UnitDelivery[] {
  return unitIds.map((unitId) => {
    const own = mails.filter((m) => m.unitId === unitId);
    const delivered = own.flatMap((m) => (m.deliveredAt ? [m.deliveredAt] : [])).sort();
    if (delivered.length > 0) return { unitId, state: 'delivered', at: delivered[0]! };
    const bounced = own.flatMap((m) => (m.bouncedAt ? [m.bouncedAt] : [])).sort();
    if (own.length > 0 && bounced.length === own.length) return { unitId, state: 'bounced', at: bounced[bounced.length - 1]! };
    return { unitId, state: 'pending' };
  });
}

/** A contact that bounced for good, with its unit, and whether the unit has any deliverable contact left. */
export interface UndeliverableContact {
  unit: Pick<Unit, 'id' | 'name'>;
  contact: Contact & { undeliverableSince: string };
  noneLeft: boolean;
}

/** Every undeliverable contact of the roster, in the roster's order. */
export function undeliverableContacts(units: readonly Unit[]): UndeliverableContact[] {
  return units.flatMap((unit) => {
    const noneLeft = unit.contacts.every((c) => c.undeliverableSince !== undefined);
    return unit.contacts.flatMap((contact) =>
      contact.undeliverableSince === undefined
        ? []
        : [{ unit: { id: unit.id, name: unit.name }, contact: { ...contact, undeliverableSince: contact.undeliverableSince }, noneLeft }],
    );
  });
}

/**
 * What says once that this contact is undeliverable (a once-only mark on its unit): its address and since when,
 * so a second bounce (the same date kept) says nothing new, and a later bounce after a correction is said again.
 */
export const undeliverableToldMark = (u: UndeliverableContact) => ({
  on: { unit: u.unit.id },
  what: ['undeliverable-told', u.contact.email.toLowerCase(), u.contact.undeliverableSince] as const,
});
