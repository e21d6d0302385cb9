import { describe, expect, it } from 'vitest';
import { DryRunRecorder, DryRunSequences, dryRunAdapters, readsOf } from '../../functions/adapters/dry-run';
import { startOfShanghaiDay } from '../../functions/domain/calendar';
import { newItem } from '../../functions/domain/registration';
import { newUnit } from '../../functions/domain/units';
import type { EscalationDeps, JobAdapters } from '../../functions/use-cases/jobs/job-context';
import type { LedgerChain } from '../../functions/use-cases/ledger-ports';
import { escalateOverdue } from '../../functions/use-cases/jobs/overdue-escalation';
import type { Sequences, UnitRepository } from '../../functions/use-cases/ports';
import { meetingDecision, unitRegistration } from '../fixtures';
import { memoryCalendar, memoryLedger, memoryOutbox, recordingMailer } from './memory-ports';

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
  // The chain's writes throw: a dry run that reached one would fail the test.
  const written = (what: string) => () => {
    throw new Error(`a dry run wrote through ${what}`);
  };
  const ledgerChain = {
    chain: written('chain.chain'),
    markSealed: written('chain.markSealed'),
    putSeal: written('chain.putSeal'),
  } as unknown as LedgerChain;
  const { calendar, years: arrangements } = memoryCalendar();
  const all: JobAdapters = { ...deps, calendar, facts: { ofYear: async () => [] }, ledgerChain };
  return { ledger, entries, mail, counters, deps, all, arrangements };
}

describe('a dry run of the overdue job over the ledger in memory', () => {
  it('finds the warnings and the notice the real run issues, 文号 included, and changes no store', async () => {
    const { ledger, entries, mail, counters, deps, all } = world();
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
    const dryDeps = dryRunAdapters(readsOf(all), recorder);
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

  it("is given the real adapters' reads only: no write method of theirs reaches it, by type or at run time", async () => {
    const { ledger, all, arrangements } = world();
    const reads = readsOf(all);
    expect(Object.keys(reads.units).sort()).toEqual(['all', 'get', 'getMany', 'history', 'list', 'missing']);
    expect(Object.keys(reads.calendar!)).toEqual(['all']);
    expect(Object.keys(reads.items)).not.toContain('commit');
    // @ts-expect-error the roster's reads are no roster: a dry run cannot be handed UnitRepository.update.
    const _units: UnitRepository = reads.units;
    const recorder = new DryRunRecorder();
    const dry = dryRunAdapters(reads, recorder);
    const unit = ledger.state.units.get('a')!;
    await dry.units.update(unit, { ...unit, name: '乙县' }, { seq: 1 } as never);
    await dry.calendar!.put({ year: 2027, holidays: [], workdays: [] } as never);
    expect(ledger.state.units.get('a')!.name).toBe('甲县');
    expect(arrangements.size).toBe(0);
    expect(recorder.withheld).toEqual({ 'units.update': 1, 'calendar.put': 1 });
  });
});
