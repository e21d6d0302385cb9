import { describe, expect, it } from 'vitest';
import { markUndeliverable, noticeDelivery, readMailEvent, undeliverableContacts } from '../../functions/domain/mail-events';
import { editUnit } from '../../functions/domain/unit-edits';
import type { Unit } from '../../functions/domain/units';
import { addressesOf } from '../../functions/use-cases/deliver-mail';

const unit: Unit = {
  id: 'hanyin-county',
  name: '汉阴县人民政府',
  kind: 'county',
  contacts: [
    { name: '刘县长', email: 'Head@hanyin.example.gov.cn', role: 'head' },
    { name: '王联络员', email: 'liaison@hanyin.example.gov.cn', role: 'liaison' },
  ],
  registeredAt: '2026-01-01T00:00:00.000Z',
  version: 3,
};

/** The EventBridge event of an SES bounce, as the SES documentation shows its detail (tags: lists of values). */
const bounced = {
  version: '0',
  id: 'e-1',
  'detail-type': 'Email Bounced',
  source: 'aws.ses',
  time: '2026-11-30T01:00:05Z',
  detail: {
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: 'head@hanyin.example.gov.cn', status: '5.1.1' }],
      timestamp: '2026-11-30T01:00:04.123Z',
    },
    mail: { messageId: 'ses-1', timestamp: '2026-11-30T01:00:00.000Z', tags: { mail: ['marker-1'], kind: ['reminder'] } },
  },
};

describe('reading an SES event from EventBridge', () => {
  it('reads a bounce: marker tag, message id, the bounced address, its type and time', () => {
    expect(readMailEvent(bounced)).toEqual({
      type: 'bounce',
      messageId: 'ses-1',
      markerId: 'marker-1',
      at: '2026-11-30T01:00:04.123Z',
      recipients: ['head@hanyin.example.gov.cn'],
      bounce: { type: 'Permanent', subType: 'General' },
    });
  });

  it('reads a delivery and a complaint by their detail-type; ignores what is not an SES receipt', () => {
    const delivery = readMailEvent({
      'detail-type': 'Email Delivered',
      detail: {
        eventType: 'Delivery',
        mail: { messageId: 'ses-2' },
        delivery: { recipients: ['a@x.cn'], timestamp: '2026-11-30T02:00:00Z' },
      },
    });
    expect(delivery).toMatchObject({ type: 'delivery', messageId: 'ses-2', recipients: ['a@x.cn'], at: '2026-11-30T02:00:00.000Z' });
    expect(delivery?.markerId).toBeUndefined();
    expect(
      readMailEvent({
        detail: { eventType: 'Complaint', mail: { messageId: 'ses-3' }, complaint: { complainedRecipients: [{ emailAddress: 'b@x.cn' }] } },
      }),
    ).toMatchObject({ type: 'complaint', recipients: ['b@x.cn'] });
    expect(readMailEvent({ 'detail-type': 'Email Opened', detail: { eventType: 'Open', mail: { messageId: 'x' } } })).toBeNull();
    expect(readMailEvent({ 'detail-type': 'Email Bounced', detail: { eventType: 'Bounce', mail: {} } })).toBeNull();
  });
});

describe('a hard bounce', () => {
  const at = '2026-11-30T01:00:04.123Z';
  const now = new Date('2026-11-30T01:00:06Z');

  it('marks the contact at that address (any case) undeliverable, recorded like an edit by the system', () => {
    const marked = markUndeliverable(unit, ['head@hanyin.example.gov.cn'], { type: 'Permanent', subType: 'General', at }, now);
    expect(marked?.unit.version).toBe(4);
    expect(marked?.unit.contacts[0]).toMatchObject({ undeliverableSince: at, bounce: { type: 'Permanent', subType: 'General' } });
    expect(marked?.unit.contacts[1]?.undeliverableSince).toBeUndefined();
    expect(marked?.event).toMatchObject({ seq: 4, type: 'unit.edited', actor: { sub: 'system' } });
    expect(Object.keys(marked!.event.data.changes)).toEqual(['contacts']);
    // The unit's mail goes to the other contact only.
    expect(addressesOf(marked!.unit, 'reminder')).toEqual(['liaison@hanyin.example.gov.cn']);
  });

  it('changes nothing the second time (the first date is kept) and nothing for an address the unit does not have', () => {
    const once = markUndeliverable(unit, ['head@hanyin.example.gov.cn'], { type: 'Permanent', at }, now)!.unit;
    expect(markUndeliverable(once, ['head@hanyin.example.gov.cn'], { type: 'Permanent', at: '2026-12-07T00:00:00.000Z' }, now)).toBeNull();
    expect(markUndeliverable(unit, ['someone@else.cn'], { type: 'Permanent', at }, now)).toBeNull();
  });

  it('with every contact undeliverable the unit gets no mail, and the roster says none is left', () => {
    const all = markUndeliverable(
      unit,
      unit.contacts.map((c) => c.email),
      { type: 'Permanent', at },
      now,
    )!.unit;
    expect(addressesOf(all, 'notice')).toEqual([]);
    expect(undeliverableContacts([all]).map((u) => u.noneLeft)).toEqual([true, true]);
  });

  it("stays through the office's edit that keeps the address; a new address is deliverable again", () => {
    const bouncedUnit = markUndeliverable(unit, ['head@hanyin.example.gov.cn'], { type: 'Permanent', at }, now)!.unit;
    const context = { actor: { sub: 'office-1', role: 'office' }, now, roster: [bouncedUnit] };
    const plain = unit.contacts.map((c) => ({ ...c }));
    // The same contacts sent back (as the console does, without the bounce): no change at all.
    expect(editUnit(bouncedUnit, { contacts: plain }, context)).toBeNull();
    const renamed = editUnit(bouncedUnit, { contacts: [{ ...plain[0]!, name: '刘副县长' }, plain[1]!] }, context);
    expect(renamed?.unit.contacts[0]?.undeliverableSince).toBe(at);
    const fixed = editUnit(bouncedUnit, { contacts: [{ ...plain[0]!, email: 'liu@hanyin.example.gov.cn' }, plain[1]!] }, context);
    expect(fixed?.unit.contacts[0]?.undeliverableSince).toBeUndefined();
    expect(addressesOf(fixed!.unit, 'reminder')).toEqual(['liu@hanyin.example.gov.cn', 'liaison@hanyin.example.gov.cn']);
  });
});

describe("a notice's delivery per named unit", () => {
  it('delivered when any mail was, bounced when all were, else pending', () => {
    const states = noticeDelivery(
      ['a', 'b', 'c', 'd'],
      [
        { unitId: 'a', bouncedAt: '2026-11-30T01:00:00.000Z' },
        { unitId: 'a', deliveredAt: '2026-11-30T01:00:02.000Z' },
        { unitId: 'b', bouncedAt: '2026-11-30T01:00:00.000Z' },
        { unitId: 'b', bouncedAt: '2026-11-30T01:00:03.000Z' },
        { unitId: 'c', bouncedAt: '2026-11-30T01:00:00.000Z' },
        { unitId: 'c' },
      ],
    );
    expect(states).toEqual([
      { unitId: 'a', state: 'delivered', at: '2026-11-30T01:00:02.000Z' },
      { unitId: 'b', state: 'bounced', at: '2026-11-30T01:00:03.000Z' },
      { unitId: 'c', state: 'pending' },
      { unitId: 'd', state: 'pending' },
    ]);
  });
});
