import { describe, expect, it } from 'vitest';
import type { SesEventBridgeEvent } from '../../functions/domain/mail-events';
import { recordMailEvent } from '../../functions/use-cases/record-mail-event';
import { head, liaison } from '../fixtures';
import { memoryMailEvents } from './memory-ports';
import { world } from './use-case-world';

/** A delivery receipt (recordMailEvent) on the ports in memory; tests/integration/mail-events.test.ts asserts the same through the handler. */

/** SES's EventBridge event of a bounce of one mail to `address`, tagged with its sent-marker unless told otherwise. */
const bounceOf = (
  address: string,
  messageId: string,
  tags: Record<string, string[]> = { mail: [`marker-${messageId}`] },
): SesEventBridgeEvent => ({
  'detail-type': 'Email Bounced',
  source: 'aws.ses',
  time: '2026-11-30T01:00:05Z',
  detail: {
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: address }],
      timestamp: '2026-11-30T01:00:04Z',
    },
    mail: { messageId, tags },
  },
});

function receipts() {
  const w = world();
  const store = memoryMailEvents(
    ['ses-1', 'ses-2'].map((messageId) => ({
      id: `marker-${messageId}`,
      kind: 'reminder',
      to: [head('a')],
      status: 'sent',
      unit: 'a',
      messageId,
    })),
  );
  return { w, store, deps: { events: store.events, units: w.ledger.units, clock: w.clock } };
}

describe('recordMailEvent (delivery receipts)', () => {
  it('a hard bounce marks the address undeliverable on its unit, by the system, in the unit’s history; the other contact stays', async () => {
    const { w, deps } = receipts();
    const outcome = await recordMailEvent(deps, bounceOf(head('a').toUpperCase(), 'ses-1'));
    expect(outcome).toEqual({ outcome: 'recorded', type: 'bounce', markerId: 'marker-ses-1', undeliverable: ['a'] });
    const unit = w.ledger.state.units.get('a')!;
    expect(unit.contacts.find((c) => c.email === head('a'))).toMatchObject({ undeliverableSince: '2026-11-30T01:00:04.000Z' });
    expect(unit.contacts.find((c) => c.email === liaison('a'))?.undeliverableSince).toBeUndefined();
    expect(w.ledger.state.unitHistories.get('a')).toEqual([
      expect.objectContaining({ type: 'unit.edited', seq: 2, actor: expect.objectContaining({ sub: 'system' }) }),
    ]);
  });

  it('the same receipt delivered again is repeated and changes nothing; another mail’s bounce is recorded but changes the unit no further', async () => {
    const { w, deps } = receipts();
    await recordMailEvent(deps, bounceOf(head('a'), 'ses-1'));
    const version = w.ledger.state.units.get('a')!.version;
    expect(await recordMailEvent(deps, bounceOf(head('a'), 'ses-1'))).toMatchObject({ outcome: 'repeated', undeliverable: [] });
    expect(await recordMailEvent(deps, bounceOf(head('a'), 'ses-2'))).toMatchObject({ outcome: 'recorded', undeliverable: [] });
    expect(w.ledger.state.units.get('a')!.version).toBe(version);
    expect(w.ledger.state.unitHistories.get('a')).toHaveLength(1);
  });

  it('a receipt without the marker tag is found by SES’s message id; one for a mail ducha never sent is ignored', async () => {
    const { w, store, deps } = receipts();
    expect(await recordMailEvent(deps, bounceOf(head('a'), 'ses-2', {}))).toMatchObject({ outcome: 'recorded', markerId: 'marker-ses-2' });
    const before = w.ledger.state.units.get('b');
    expect(await recordMailEvent(deps, bounceOf(head('b'), 'someone-else'))).toEqual({
      outcome: 'ignored',
      type: 'bounce',
      undeliverable: [],
    });
    expect(await recordMailEvent(deps, { source: 'aws.ses', detail: { eventType: 'Open' } } as SesEventBridgeEvent)).toEqual({
      outcome: 'ignored',
      undeliverable: [],
    });
    expect(w.ledger.state.units.get('b')).toBe(before);
    expect(store.recorded.size).toBe(1);
  });

  it('a unit edited between the read and the write is read again: the bounce still lands, on the edited unit', async () => {
    const { w, deps } = receipts();
    let raced = false;
    const units = {
      ...deps.units,
      update: async (...args: Parameters<typeof deps.units.update>) => {
        if (!raced) {
          raced = true;
          const unit = w.ledger.state.units.get('a')!;
          w.ledger.state.units.set('a', { ...unit, name: '甲县人民政府', version: unit.version + 1 });
        }
        return deps.units.update(...args);
      },
    };
    expect(await recordMailEvent({ ...deps, units }, bounceOf(head('a'), 'ses-1'))).toMatchObject({ undeliverable: ['a'] });
    expect(w.ledger.state.units.get('a')).toMatchObject({ name: '甲县人民政府', version: 3 });
  });
});
