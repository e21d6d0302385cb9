import { describe, expect, it } from 'vitest';
import { startOfShanghaiDay } from '../../functions/domain/calendar';
import { newItem } from '../../functions/domain/registration';
import { newUnit } from '../../functions/domain/units';
import type { OfficeArrangement } from '../../functions/domain/working-days';
import { sendDeadlineReminders } from '../../functions/use-cases/jobs/deadline-reminders';
import type { EscalationDeps } from '../../functions/use-cases/jobs/job-context';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import type { CalendarStore } from '../../functions/use-cases/ports';
import { head, meetingDecision, unitRegistration } from '../fixtures';
import { memoryLedger, memoryOutbox, recordingMailer } from './memory-ports';

/** The jobs on China's calendar: reminders move before days off, warnings and notices wait for working days. */

const office = { sub: 'office-1', role: 'office' as const };
const at = (date: string, hours = 9, minutes = 30) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);

function world(entries: OfficeArrangement[] = []) {
  const ledger = memoryLedger();
  const { outbox } = memoryOutbox();
  const mail = recordingMailer();
  const calendar: CalendarStore = { put: async () => {}, all: async () => entries };
  let current = new Date(0);
  const deps: EscalationDeps = { ...ledger, outbox, mailer: mail.mailer, calendar, clock: { now: () => current } };
  for (const [id, name, kind] of [
    ['office', '市政府督查室', 'office'],
    ['a', '甲县', 'county'],
  ] as const) {
    ledger.state.units.set(id, newUnit(unitRegistration(id, name, kind), new Date('2025-01-01T00:00:00Z')));
  }
  const item = async (id: string, on: string, dueDate: string) => {
    const { item: registered, event } = newItem(meetingDecision({ title: `事项${id}`, leadUnit: 'a', dueDate }), {
      id,
      actor: office,
      now: at(on, 10, 0),
    });
    await ledger.items.register(registered, event);
  };
  const run = <R>(job: (deps: EscalationDeps, now: Date) => Promise<R>, now: Date) => {
    current = now;
    return job(deps, now);
  };
  return { mail, item, run, deps, ledgerState: ledger.state };
}

describe('deadline reminders on working days', () => {
  it('an item due 2025-10-09 is reminded on 09-30, before 国庆: its 1- and 3-day reminders would fall in the holiday', async () => {
    const w = world();
    await w.item('i1', '2025-09-01', '2025-10-09');
    const before = await w.run(sendDeadlineReminders, at('2025-09-30', 9, 0));
    expect(before.looked).toBe(1);
    expect(w.mail.subjectsTo(head('a'))).toHaveLength(1);
    expect(w.mail.sent[0]!.text).toContain('事项i1');

    for (const day of ['2025-10-01', '2025-10-03', '2025-10-06', '2025-10-08']) {
      expect((await w.run(sendDeadlineReminders, at(day, 9, 0))).looked, day).toBe(0);
    }
    expect(w.mail.subjectsTo(head('a'))).toHaveLength(1);
    // On the day itself (a working day) the unit is reminded again, as any item due that day.
    expect((await w.run(sendDeadlineReminders, at('2025-10-09', 9, 0))).looked).toBe(1);
    expect(w.mail.subjectsTo(head('a'))).toHaveLength(2);
  });

  it('a reminder due on the makeup Sunday 2025-09-28 goes out on that Sunday, which is a working day', async () => {
    const w = world();
    await w.item('i2', '2025-09-01', '2025-09-29'); // 1 day before: Sunday 09-28, worked (调休)
    expect((await w.run(sendDeadlineReminders, at('2025-09-27', 9, 0))).looked).toBe(0); // an ordinary Saturday
    expect((await w.run(sendDeadlineReminders, at('2025-09-28', 9, 0))).looked).toBe(1);
  });

  it('a standing task (长期坚持) is never reminded of the year end it is assessed at', async () => {
    const w = world();
    await w.item('i3', '2025-09-01', '2025-12-31');
    const stored = await w.deps.items.get('i3');
    w.ledgerState.items.set('i3', { ...stored!, standing: true, dueWords: '长期坚持' });
    for (const day of ['2025-12-24', '2025-12-29', '2025-12-30', '2025-12-31'])
      expect((await w.run(sendDeadlineReminders, at(day, 9, 0))).looked, day).toBe(0);
    expect(w.mail.subjectsTo(head('a'))).toEqual([]);
  });
});

describe('warnings and criticism on working days, the grace period in working days', () => {
  it('an item due 2026-02-12 is warned on 02-13, left alone over 春节, and criticised on 02-25 (4 working days late)', async () => {
    const w = world();
    await w.item('i3', '2026-02-01', '2026-02-12');
    const warned = await w.run(escalateOverdue, at('2026-02-13'));
    expect(warned.looked).toBe(1);
    expect(w.mail.subjectsTo(head('a'))).toEqual([expect.stringMatching(/^【预警】/)]);

    // 02-14 is a makeup Saturday (working: 2 working days late); 02-15…02-23 are the holiday: no run acts.
    expect((await w.run(escalateOverdue, at('2026-02-14'))).noticesIssued).toEqual([]);
    for (const day of ['2026-02-16', '2026-02-18', '2026-02-23']) {
      expect(await w.run(escalateOverdue, at(day)), day).toMatchObject({ looked: 0, noticesIssued: [] });
    }
    // 02-24 is 3 working days late: still within the grace period of 3.
    expect((await w.run(escalateOverdue, at('2026-02-24'))).noticesIssued).toEqual([]);
    const criticised = await w.run(escalateOverdue, at('2026-02-25'));
    expect(criticised.noticesIssued).toEqual(['overdue-2026-02-25']);
  });

  it('with the grace period in calendar days, the first working day after the holiday criticises', async () => {
    const w = world();
    await w.item('i4', '2026-02-01', '2026-02-12');
    await w.run(escalateOverdue, at('2026-02-13'));
    const calendarDays = (deps: EscalationDeps, now: Date) => escalateOverdue(deps, now, 3, 'calendar');
    expect((await w.run(calendarDays, at('2026-02-21'))).noticesIssued).toEqual([]); // a holiday Saturday: no run acts
    expect((await w.run(calendarDays, at('2026-02-24'))).noticesIssued).toEqual(['overdue-2026-02-24']);
  });

  it('a day of a year nobody entered counts as a working day, and the summary says which year to enter', async () => {
    const w = world();
    await w.item('i5', '2026-12-01', '2026-12-31');
    const result = await w.run(escalateOverdue, at('2027-01-02')); // a Saturday, but 2027 is not covered
    expect(result.looked).toBe(1);
    expect(result.calendarNotCovered).toEqual([2027]);
  });

  it("an office's entry for 2027 makes its weekend a day off again", async () => {
    const w = world([{ year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], makeupDays: [], enteredBy: 'x', enteredAt: '' }]);
    await w.item('i6', '2026-12-01', '2026-12-31');
    const result = await w.run(escalateOverdue, at('2027-01-02'));
    expect(result).toMatchObject({ looked: 0 });
    expect(result.calendarNotCovered).toBeUndefined();
  });
});
