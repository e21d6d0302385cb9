import { isHardBounce, markUndeliverable, readMailEvent, type MailEvent, type SesEventBridgeEvent } from '../domain/mail-events';
import { type Clock, type MailEventStore, StaleUnit, type UnitRepository } from './ports';

export interface MailEventDeps {
  events: MailEventStore;
  units: Pick<UnitRepository, 'all' | 'get' | 'update'>;
  clock: Clock;
}

/** What one receipt did: `ignored` (not ours, or no marker), `repeated` (recorded before), or recorded. */
export interface MailEventOutcome {
  outcome: 'recorded' | 'repeated' | 'ignored';
  type?: MailEvent['type'];
  markerId?: string;
  /** Units whose contact at a hard-bounced address was marked undeliverable by this receipt. */
  undeliverable: string[];
}

/** A unit changed between our read and our write (an office edit): read it again, a few times. */
const ATTEMPTS = 3;

/**
 * One SES delivery receipt, as EventBridge delivers it (at least once): found by the sent-marker's tag, else by
 * SES's message id, and recorded on the marker once per (message id, event type). A hard bounce then marks the
 * bounced address undeliverable on every unit that has a contact at it, so the next run of any job, and every
 * mail of a change, goes to the unit's other contacts. That is safe to repeat: an address already undeliverable
 * is left as it is, so a receipt delivered twice — even after a crash between the two steps — changes nothing.
 * A receipt for a mail ducha does not know (another sender, a marker expired) is ignored without error.
 */
export async function recordMailEvent(deps: MailEventDeps, input: SesEventBridgeEvent): Promise<MailEventOutcome> {
  const event = readMailEvent(input);
  if (!event) return { outcome: 'ignored', undeliverable: [] };
  const marker = (event.markerId ? await deps.events.marker(event.markerId) : null) ?? (await deps.events.markerOfMessage(event.messageId));
  if (!marker) return { outcome: 'ignored', type: event.type, undeliverable: [] };
  const recorded = await deps.events.record(marker.id, event, deps.clock.now());
  const undeliverable = isHardBounce(event) ? await markBounced(deps, event) : [];
  return { outcome: recorded ? 'recorded' : 'repeated', type: event.type, markerId: marker.id, undeliverable };
}

async function markBounced(deps: MailEventDeps, event: MailEvent): Promise<string[]> {
  const changed: string[] = [];
  const addresses = event.recipients.map((a) => a.toLowerCase());
  const holders = (await deps.units.all()).filter((u) => u.contacts.some((c) => addresses.includes(c.email.toLowerCase())));
  const bounce = { ...event.bounce!, at: event.at };
  for (const holder of holders) {
    for (let attempt = 1; ; attempt += 1) {
      const unit = attempt === 1 ? holder : await deps.units.get(holder.id);
      const marked = unit && markUndeliverable(unit, addresses, bounce, deps.clock.now());
      if (!unit || !marked) break;
      try {
        await deps.units.update(unit, marked.unit, marked.event);
        changed.push(unit.id);
        break;
      } catch (error) {
        if (!(error instanceof StaleUnit) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
  return changed;
}
