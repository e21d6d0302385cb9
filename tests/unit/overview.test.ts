import { describe, expect, it } from 'vitest';
import type { AssessmentFact } from '../../functions/domain/assessment';
import { UNITS_WITH_MOST_RED, mondayOf, overviewOf, type OpenItem } from '../../functions/domain/overview';

describe('mondayOf: weeks run Monday to Sunday', () => {
  it('gives the Monday for each day of the week, Sunday included', () => {
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']) {
      expect(mondayOf(day)).toBe('2026-11-23');
    }
    expect(mondayOf('2026-11-30')).toBe('2026-11-30'); // the next Monday starts the next week
  });

  it('reaches back across a month and a year', () => {
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
    expect(mondayOf('2026-12-31')).toBe('2026-12-28');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28'); // a Sunday
    expect(mondayOf('2026-03-01')).toBe('2026-02-23'); // a Sunday after February
  });
});

const asOf = '2026-11-26'; // a Thursday; its week is 2026-11-23 to 2026-11-29

const open = (id: string, overrides: Partial<OpenItem>): OpenItem => ({
  id,
  title: `事项 ${id}`,
  source: 'work-report',
  leadUnit: 'unit-a',
  dueDate: '2027-06-30',
  status: 'in-progress',
  ...overrides,
});

const openItems: OpenItem[] = [
  open('a1', { leadUnit: 'unit-a', dueDate: '2026-11-20', source: 'work-report', status: 'in-progress' }), // red, 6 days
  open('a2', { leadUnit: 'unit-a', dueDate: '2026-11-25', source: 'media-report', status: 'assigned' }), // red, 1 day, this week
  open('b1', { leadUnit: 'unit-b', dueDate: '2026-10-26', source: 'npc-suggestion', status: 'acknowledged' }), // red, 31 days
  open('c0', { leadUnit: 'unit-c', dueDate: '2025-12-30', source: 'leader-instruction', status: 'in-progress' }), // red, last year's
  open('w1', { leadUnit: 'unit-b', dueDate: '2026-11-29', source: 'work-report', status: 'completion-claimed' }), // yellow, Sunday of this week
  open('w2', { leadUnit: 'unit-c', dueDate: '2026-11-23', source: 'cppcc-proposal', status: 'in-progress' }), // red, 3 days, Monday of this week
  open('w3', { leadUnit: 'unit-a', dueDate: '2026-11-30', source: 'leader-assignment', status: 'assigned', nextReportDue: '2026-11-20' }), // yellow, next week
  open('g1', { leadUnit: 'unit-b', dueDate: '2027-03-01', source: 'meeting-decision', status: 'in-progress' }), // green
];

const facts: AssessmentFact[] = [
  { year: 2026, kind: 'closed-on-time', ref: 'x1', unitIds: ['unit-a'], source: 'work-report' },
  { year: 2026, kind: 'closed-late', ref: 'x2', unitIds: ['unit-b'], source: 'meeting-decision' },
  { year: 2026, kind: 'report-on-time', ref: 'r1', unitIds: ['unit-a'] },
  { year: 2026, kind: 'report-late', ref: 'r2', unitIds: ['unit-a'] },
  { year: 2026, kind: 'notice-office', ref: 'n1', unitIds: ['unit-a', 'unit-b'] },
  { year: 2026, kind: 'rectification-late', ref: 'n1#unit-a', unitIds: ['unit-a'] },
];

describe('overviewOf: where the ledger stands on a day', () => {
  const overview = overviewOf(openItems, facts, asOf);

  it('counts every open item and the items closed this year, not reports or notices', () => {
    expect(overview.asOf).toBe(asOf);
    expect(overview.total).toBe(8 + 2);
  });

  it('counts by status, closed items as closed', () => {
    expect(overview.byStatus).toEqual({ 'in-progress': 4, assigned: 2, acknowledged: 1, 'completion-claimed': 1, closed: 2 });
  });

  it('counts by source, closed items with their own source', () => {
    expect(overview.bySource).toEqual({
      'work-report': 3,
      'media-report': 1,
      'npc-suggestion': 1,
      'leader-instruction': 1,
      'cppcc-proposal': 1,
      'leader-assignment': 1,
      'meeting-decision': 2,
    });
  });

  it('counts by light, closed items as green', () => {
    expect(overview.byLight).toEqual({ red: 5, yellow: 2, green: 1 + 2 });
  });

  it('lists the open items due Monday to Sunday of the week, both ends included, by date', () => {
    expect(overview.dueThisWeek.from).toBe('2026-11-23');
    expect(overview.dueThisWeek.to).toBe('2026-11-29');
    expect(overview.dueThisWeek.items.map((i) => [i.id, i.dueDate, i.light])).toEqual([
      ['w2', '2026-11-23', 'red'],
      ['a2', '2026-11-25', 'red'],
      ['w1', '2026-11-29', 'yellow'],
    ]);
    expect(overview.dueThisWeek.items[2]).toEqual({
      id: 'w1',
      title: '事项 w1',
      source: 'work-report',
      leadUnit: 'unit-b',
      dueDate: '2026-11-29',
      status: 'completion-claimed',
      light: 'yellow',
      lightReason: '距完成时限2026年11月29日还有3天',
    });
  });

  it('orders items due the same day by id', () => {
    const { dueThisWeek } = overviewOf(
      [open('z', { dueDate: '2026-11-27' }), open('m', { dueDate: '2026-11-27' }), open('k', { dueDate: '2026-11-28' })],
      [],
      asOf,
    );
    expect(dueThisWeek.items.map((i) => i.id)).toEqual(['m', 'z', 'k']);
  });

  it('lists the red items longest late first, with the days late', () => {
    expect(overview.redItems.map((i) => [i.id, i.daysLate])).toEqual([
      ['c0', 331],
      ['b1', 31],
      ['a1', 6],
      ['w2', 3],
      ['a2', 1],
    ]);
    expect(overview.redItems.every((i) => i.light === 'red')).toBe(true);
  });

  it('ranks lead units by red items, most first, then by id', () => {
    expect(overview.unitsWithMostRed).toEqual([
      { unitId: 'unit-a', redItems: 2 },
      { unitId: 'unit-c', redItems: 2 },
      { unitId: 'unit-b', redItems: 1 },
    ]);
  });

  it('gives the completion of the year of asOf only: an item late since last year is red but not this year’s openLate', () => {
    expect(overview.completion).toEqual({ year: 2026, closedOnTime: 1, closedLate: 1, openLate: 4, onTimeRate: 0.167 }); // 1 / (1 + 1 + 4)
  });
});

describe('overviewOf: edges', () => {
  it('keeps only the top units with the most red items, ties by id', () => {
    expect(UNITS_WITH_MOST_RED).toBe(5);
    const red = (id: string, leadUnit: string) => open(id, { leadUnit, dueDate: '2026-11-01' });
    const items = [
      red('1', 'u7'),
      red('2', 'u7'),
      red('3', 'u7'),
      red('4', 'u2'),
      red('5', 'u2'),
      red('6', 'u5'),
      red('7', 'u5'),
      red('8', 'u1'),
      red('9', 'u3'),
      red('10', 'u4'),
      red('11', 'u6'),
    ];
    expect(overviewOf(items, [], asOf).unitsWithMostRed).toEqual([
      { unitId: 'u7', redItems: 3 },
      { unitId: 'u2', redItems: 2 },
      { unitId: 'u5', redItems: 2 },
      { unitId: 'u1', redItems: 1 },
      { unitId: 'u3', redItems: 1 },
    ]);
  });

  it('orders red items late the same number of days by id', () => {
    const { redItems } = overviewOf([open('b', { dueDate: '2026-11-20' }), open('a', { dueDate: '2026-11-20' })], [], asOf);
    expect(redItems.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('is empty for an empty ledger, with no on-time rate', () => {
    expect(overviewOf([], [], '2026-11-29')).toEqual({
      asOf: '2026-11-29',
      total: 0,
      byStatus: {},
      bySource: {},
      byLight: {},
      dueThisWeek: { from: '2026-11-23', to: '2026-11-29', items: [] },
      completion: { year: 2026, closedOnTime: 0, closedLate: 0, openLate: 0, onTimeRate: null },
      redItems: [],
      unitsWithMostRed: [],
      unitsWithReportFindings: [],
    });
  });

  it('ranks the units by their reports with findings this year, with their returned ones; a unit with none is not listed', () => {
    const fact = (kind: 'report-with-findings' | 'report-returned', ref: string, unit: string) => ({
      year: 2026,
      kind,
      ref,
      unitIds: [unit],
    });
    const overview = overviewOf([], [], asOf, [
      fact('report-with-findings', 'r1', 'unit-a'),
      fact('report-with-findings', 'r2', 'unit-b'),
      fact('report-with-findings', 'r3', 'unit-b'),
      fact('report-returned', 'r3', 'unit-b'),
      fact('report-returned', 'r9', 'unit-c'),
    ]);
    expect(overview.unitsWithReportFindings).toEqual([
      { unitId: 'unit-b', reportsWithFindings: 2, reportsReturned: 1 },
      { unitId: 'unit-a', reportsWithFindings: 1, reportsReturned: 0 },
    ]);
  });

  it('has no closed status count when nothing closed this year', () => {
    const overview = overviewOf([open('g', {})], [{ year: 2026, kind: 'notice-office', ref: 'n1', unitIds: ['unit-a'] }], asOf);
    expect(overview.byStatus).toEqual({ 'in-progress': 1 });
    expect(overview.total).toBe(1);
  });

  it('does not count an item due today as late', () => {
    const overview = overviewOf([open('t', { dueDate: asOf })], [], asOf);
    expect(overview.redItems).toEqual([]);
    expect(overview.completion.openLate).toBe(0);
    expect(overview.byLight).toEqual({ yellow: 1 });
  });
});
