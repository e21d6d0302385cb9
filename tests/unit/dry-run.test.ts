import { describe, expect, it } from 'vitest';
import {
  DryRunMailer,
  DryRunMarkers,
  DryRunOutbox,
  DryRunRecorder,
  DryRunSequences,
  dryRunItems,
  dryRunNotices,
} from '../../functions/adapters/dry-run';
import { startOfShanghaiDay } from '../../functions/domain/calendar';
import { newItem } from '../../functions/domain/registration';
import { newUnit } from '../../functions/domain/units';
import type { EscalationDeps } from '../../functions/use-cases/jobs/job-context';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import type { Sequences } from '../../functions/use-cases/ports';
import { meetingDecision, unitRegistration } from '../fixtures';
import { memoryLedger, memoryOutbox, recordingMailer } from './memory-ports';

/**
 * The dry-run adapters over the ledger in memory: the overdue job run dry decides as the real run does (the same
 * notice, 文号, warnings and recipients) and leaves every store as it was. tests/integration/job-dry-run.test.ts
 * runs every job dry and real through the Lambda handlers against DynamoDB Local and the SES emulator.
 */
const at = (date: string, hours = 9, minutes = 30) => new Date(startOfShanghaiDay(date).getTime() + (hours * 60 + minutes) * 60_000);
const office = { sub: 'office-1', role: 'office' as const };

function world() {
  const ledger = memoryLedger();
  const { outbox, entries } = memoryOutbox();
  const mail = recordingMailer();
  const counters = new Map<string, number>();
  const sequences: Sequences = {
    next: async (sequence, year) => {
      const value = (counters.get(`${sequence}#${year}`) ?? 0) + 1;
      counters.set(`${sequence}#${year}`, value);
      return value;
    },
    peek: async (sequence, year) => (counters.get(`${sequence}#${year}`) ?? 0) + 1,
  };
  for (const [id, name, kind] of [
    ['a', '甲县', 'county'],
    ['office', '督查室', 'office'],
    ['leaders', '市政府领导', 'leadership'],
  ] as const)
    ledger.state.units.set(id, newUnit(unitRegistration(id, name, kind), new Date('2026-01-01T00:00:00Z')));
  const deps: EscalationDeps = { ...ledger, outbox, mailer: mail.mailer, sequences, clock: { now: () => at('2026-12-10') } };
  return { ledger, entries, mail, counters, deps };
}

describe('a dry run of the overdue job over the ledger in memory', () => {
  it('finds the warnings and the notice the real run issues, 文号 included, and changes no store', async () => {
    const { ledger, entries, mail, counters, deps } = world();
    const { item, event } = newItem(meetingDecision({ title: '修缮校舍', leadUnit: 'a', dueDate: '2026-12-01' }), {
      id: 'item-1',
      actor: office,
      now: at('2026-11-20', 10, 0),
    });
    await ledger.items.register(item, event);
    counters.set('notice-number#安督通#2026', 11);
    const snapshot = () => JSON.stringify([...Object.values(ledger.state)].map((m) => [...m.entries()]));
    const before = snapshot();

    const recorder = new DryRunRecorder();
    const dryDeps: EscalationDeps = {
      ...deps,
      items: dryRunItems(deps.items, recorder),
      notices: dryRunNotices(deps.notices, recorder),
      markers: new DryRunMarkers(deps.markers, recorder),
      outbox: new DryRunOutbox(deps.outbox, recorder),
      sequences: new DryRunSequences(deps.sequences!, recorder),
      mailer: new DryRunMailer(recorder),
    };
    const dry = await escalateOverdue(dryDeps, at('2026-12-10'));
    expect(snapshot()).toBe(before);
    expect(entries.size).toBe(0);
    expect(mail.sent).toEqual([]);
    expect(counters.get('notice-number#安督通#2026')).toBe(11);
    const report = await recorder.report(deps.units);
    expect(report.wouldIssue).toEqual([
      {
        id: 'overdue-2026-12-10',
        documentNumber: '安督通〔2026〕12号',
        level: 'office',
        units: ['甲县'],
        items: 1,
        rectificationDue: '2026-12-17',
      },
    ]);
    expect(report.withheld).toMatchObject({ 'notices.issue': 1, 'sequences.next': 1, 'markers.mark': 2, 'items.commit': 1 });
    const people = report.wouldSend.flatMap((m) => m.to.map((to) => `${m.kind}|${to.unit}|${to.role}`)).sort();
    expect(people).toEqual(
      [
        'notice|甲县|head',
        'notice|甲县|liaison',
        'notice|督查室|head',
        'notice|督查室|liaison',
        'notice|市政府领导|head',
        'notice|市政府领导|liaison',
        'warning|甲县|head',
        'warning|甲县|liaison',
        'warning|督查室|head',
        'warning|督查室|liaison',
      ].sort(),
    );

    const real = await escalateOverdue(deps, at('2026-12-10'));
    expect(real.noticesIssued).toEqual(dry.noticesIssued);
    expect(real.emails.sent).toBe(dry.emails.sent);
    expect(ledger.state.notices.get('overdue-2026-12-10')?.documentNumber).toBe('安督通〔2026〕12号');
    expect(mail.sent.map((m) => m.subject).sort()).toEqual(recorder.mails.map((m) => m.subject).sort());
  });

  it('takes consecutive numbers within one run, from the one after the last taken, and raises no counter', async () => {
    const { counters, deps } = world();
    counters.set('s#2026', 4);
    const recorder = new DryRunRecorder();
    const sequences = new DryRunSequences(deps.sequences!, recorder);
    expect([await sequences.peek('s', 2026), await sequences.next('s', 2026), await sequences.next('s', 2026)]).toEqual([5, 5, 6]);
    expect(await sequences.peek('s', 2026)).toBe(7);
    expect(counters.get('s#2026')).toBe(4);
    expect(recorder.withheld).toEqual({ 'sequences.next': 2 });
  });
});
