import { describe, expect, it } from 'vitest';
import {
  DEDUCTIONS,
  GRADE_FLOORS,
  grades,
  assessUnit,
  emptyTally,
  itemChangeFacts,
  lateRectificationFact,
  notExcellentMark,
  noticeFact,
  noticeYearOf,
  onTimeRate,
  tallyUnits,
  type AssessmentFact,
  type Grade,
  type UnitTally,
} from '../../functions/domain/assessment';
import type { HistoryEvent } from '../../functions/domain/history';
import type { Item } from '../../functions/domain/items';
import type { Report } from '../../functions/domain/reports';

const item = (overrides: Partial<Item> = {}): Item => ({
  id: 'item-1',
  title: '推进老旧小区改造',
  description: '年内完成改造',
  source: 'work-report',
  sourceRef: '2026年政府工作报告 第3条',
  leadUnit: 'unit-a',
  coUnits: ['unit-b'],
  dueDate: '2026-12-31',
  requirements: ['改造进度'],
  projectType: false,
  milestones: [],
  status: 'closed',
  acknowledgements: [],
  progressByUnit: {},
  registeredAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2027-01-10T02:00:00.000Z',
  version: 6,
  lastSeq: 6,
  ...overrides,
});

const event = (type: string, at = '2027-01-10T02:00:00.000Z'): HistoryEvent => ({
  seq: 6,
  type,
  actor: { sub: 'o', role: 'office' },
  at,
  data: {},
});

const report = (overrides: Partial<Report> = {}): Report => ({
  id: 'rep-1',
  itemId: 'item-1',
  unitId: 'unit-b',
  submittedBy: 'b',
  submittedAt: '2026-11-26T02:00:00.000Z',
  summary: '已完成',
  percentComplete: 100,
  answers: [{ requirement: 0, answer: '已完成' }],
  onTime: true,
  ...overrides,
});

describe('itemChangeFacts: what a change of an item counts', () => {
  it('counts a report for the unit that made it, in the Shanghai year it was made', () => {
    // 2026-12-31T17:00Z is 01:00 on 2027-01-01 in Shanghai.
    const facts = itemChangeFacts(item({ status: 'in-progress' }), event('report.submitted', '2026-12-31T17:00:00.000Z'), [
      report({ id: 'rep-new-year', submittedAt: '2026-12-31T17:00:00.000Z', onTime: true }),
    ]);
    expect(facts).toEqual([{ year: 2027, kind: 'report-on-time', unitIds: ['unit-b'], ref: 'rep-new-year' }]);
  });

  it('counts a report late when it was stamped late, and one still in the old year before Shanghai midnight', () => {
    const facts = itemChangeFacts(item({ status: 'in-progress' }), event('report.submitted'), [
      report({ id: 'rep-late', unitId: 'unit-a', submittedAt: '2026-12-31T15:59:59.000Z', onTime: false }),
    ]);
    expect(facts).toEqual([{ year: 2026, kind: 'report-late', unitIds: ['unit-a'], ref: 'rep-late' }]);
  });

  it('counts an item closed on time, for its lead unit in the year of its deadline with its source, when completion was claimed by the deadline', () => {
    const after = item({ source: 'npc-suggestion', completionClaimedOn: '2026-12-31', dueDate: '2026-12-31' });
    expect(itemChangeFacts(after, event('verification.passed', '2027-01-10T02:00:00.000Z'), [])).toEqual([
      { year: 2026, kind: 'closed-on-time', unitIds: ['unit-a'], ref: 'item-1', source: 'npc-suggestion' },
    ]);
  });

  it('counts an item closed late when completion was claimed after the deadline', () => {
    const after = item({ completionClaimedOn: '2027-01-01', dueDate: '2026-12-31' });
    expect(itemChangeFacts(after, event('verification.passed'), [])).toEqual([
      { year: 2026, kind: 'closed-late', unitIds: ['unit-a'], ref: 'item-1', source: 'work-report' },
    ]);
  });

  it('falls back to the Shanghai date of the verification when no completion claim is recorded', () => {
    const after = item({ dueDate: '2026-12-31' });
    // 23:59 on the 31st in Shanghai: still on the deadline.
    expect(itemChangeFacts(after, event('verification.passed', '2026-12-31T15:59:00.000Z'), [])).toMatchObject([
      { kind: 'closed-on-time', year: 2026 },
    ]);
    // 00:30 on 2027-01-01 in Shanghai: a day past the deadline, yet the item still counts in the year of its deadline.
    expect(itemChangeFacts(after, event('verification.passed', '2026-12-31T16:30:00.000Z'), [])).toMatchObject([
      { kind: 'closed-late', year: 2026 },
    ]);
  });

  it('makes no item fact for any other event', () => {
    const after = item({ completionClaimedOn: '2026-12-01' });
    for (const type of [
      'item.registered',
      'item.acknowledged',
      'report.submitted',
      'completion.claimed',
      'verification.failed',
      'extension.approved',
    ]) {
      expect(itemChangeFacts(after, event(type), [])).toEqual([]);
    }
  });

  it('counts the reports and the closing of one change together', () => {
    const after = item({ completionClaimedOn: '2026-12-20' });
    const facts = itemChangeFacts(after, event('verification.passed'), [
      report({ id: 'r1' }),
      report({ id: 'r2', unitId: 'unit-a', onTime: false }),
    ]);
    expect(facts.map((f) => [f.kind, f.ref])).toEqual([
      ['report-on-time', 'r1'],
      ['report-late', 'r2'],
      ['closed-on-time', 'item-1'],
    ]);
  });
});

describe('noticeFact: a notice counts against every unit it names', () => {
  it('is notice-office for an office notice, naming all its units, in the Shanghai year it was issued', () => {
    expect(noticeFact({ id: 'n1', level: 'office', unitIds: ['unit-a', 'unit-b'], issuedAt: '2026-11-26T02:00:00.000Z' })).toEqual({
      year: 2026,
      kind: 'notice-office',
      ref: 'n1',
      unitIds: ['unit-a', 'unit-b'],
    });
  });

  it('is notice-government for a government-level notice', () => {
    expect(noticeFact({ id: 'n2', level: 'government', unitIds: ['unit-c'], issuedAt: '2026-12-31T16:00:00.000Z' })).toEqual({
      year: 2027, // 00:00 on 2027-01-01 in Shanghai
      kind: 'notice-government',
      ref: 'n2',
      unitIds: ['unit-c'],
    });
  });

  it('does not share the notice its unit list', () => {
    const unitIds = ['unit-a'];
    const fact = noticeFact({ id: 'n1', level: 'office', unitIds, issuedAt: '2026-11-26T02:00:00.000Z' });
    unitIds.push('unit-z');
    expect(fact.unitIds).toEqual(['unit-a']);
  });
});

describe('late rectification (rule 3) and the not-excellent mark (rule 4)', () => {
  it('counts in the year of the notice, a week before the rectification was due', () => {
    expect(noticeYearOf({ due: '2027-01-05' })).toBe(2026); // notice of 2026-12-29
    expect(noticeYearOf({ due: '2027-01-07' })).toBe(2026); // notice of 2026-12-31
    expect(noticeYearOf({ due: '2027-01-08' })).toBe(2027); // notice of 2027-01-01
  });

  it('is one fact per notice and unit, for that unit', () => {
    expect(lateRectificationFact({ noticeId: 'n1', unitId: 'unit-a', due: '2027-01-05' })).toEqual({
      year: 2026,
      kind: 'rectification-late',
      ref: 'n1#unit-a',
      unitIds: ['unit-a'],
    });
  });

  it('marks a unit for a year', () => {
    expect(notExcellentMark('unit-a', 2026)).toEqual({ on: { unit: 'unit-a' }, what: ['not-excellent', '2026'] });
  });
});

describe('tallyUnits: what the assessment counts per unit', () => {
  const fact = (kind: AssessmentFact['kind'], ref: string, unitIds: string[]): AssessmentFact => ({ year: 2026, kind, ref, unitIds });

  it('counts each fact once for every unit it names, and ignores units not assessed', () => {
    const tallies = tallyUnits(
      ['unit-a', 'unit-b'],
      [
        fact('notice-office', 'n1', ['unit-a', 'unit-b', 'unit-z']),
        fact('notice-government', 'n2', ['unit-b']),
        fact('closed-on-time', 'i1', ['unit-a']),
        fact('closed-late', 'i2', ['unit-a']),
        fact('report-on-time', 'r1', ['unit-a']),
        fact('report-late', 'r2', ['unit-b']),
        fact('rectification-late', 'n1#unit-b', ['unit-b']),
        fact('closed-late', 'i9', ['unit-z']),
      ],
      [],
      new Set(),
      '2026-11-26',
    );
    expect([...tallies.keys()]).toEqual(['unit-a', 'unit-b']);
    expect(tallies.get('unit-a')).toEqual({
      ...emptyTally(),
      itemsLed: 2,
      closedOnTime: 1,
      closedLate: 1,
      reportsOnTime: 1,
      noticesOffice: 1,
    });
    expect(tallies.get('unit-b')).toEqual({
      ...emptyTally(),
      noticesOffice: 1,
      noticesGovernment: 1,
      reportsLate: 1,
      rectificationsLate: 1,
    });
  });

  it('counts a fact that names the same unit twice only once', () => {
    const tallies = tallyUnits(['unit-a'], [fact('notice-office', 'n1', ['unit-a', 'unit-a'])], [], new Set(), '2026-11-26');
    expect(tallies.get('unit-a')?.noticesOffice).toBe(1);
  });

  it('counts open items due before asOf as openLate and the rest (due that day or later) as openOnSchedule, for their lead unit', () => {
    const tallies = tallyUnits(
      ['unit-a', 'unit-b'],
      [fact('closed-on-time', 'i1', ['unit-a'])],
      [
        { leadUnit: 'unit-a', dueDate: '2026-03-01', status: 'in-progress' },
        { leadUnit: 'unit-a', dueDate: '2026-11-25', status: 'in-progress' },
        { leadUnit: 'unit-a', dueDate: '2026-11-26', status: 'in-progress' },
        { leadUnit: 'unit-a', dueDate: '2026-12-31', status: 'in-progress' },
        { leadUnit: 'unit-b', dueDate: '2026-12-31', status: 'in-progress' },
        { leadUnit: 'unit-z', dueDate: '2026-01-01', status: 'in-progress' },
      ],
      new Set(),
      '2026-11-26',
    );
    expect(tallies.get('unit-a')).toMatchObject({ openLate: 2, openOnSchedule: 2, closedOnTime: 1, itemsLed: 5 });
    expect(tallies.get('unit-b')).toMatchObject({ openLate: 0, openOnSchedule: 1, itemsLed: 1 });
    expect(tallies.has('unit-z')).toBe(false);
  });

  it('does not count as late an item whose completion was claimed by its deadline and awaits verification; a late claim is late', () => {
    const tallies = tallyUnits(
      ['unit-a'],
      [],
      [
        { leadUnit: 'unit-a', dueDate: '2026-03-10', status: 'completion-claimed', completionClaimedOn: '2026-03-08' },
        { leadUnit: 'unit-a', dueDate: '2026-03-10', status: 'completion-claimed', completionClaimedOn: '2026-03-10' },
        { leadUnit: 'unit-a', dueDate: '2026-03-10', status: 'completion-claimed', completionClaimedOn: '2026-03-11' },
      ],
      new Set(),
      '2026-11-26',
    );
    expect(tallies.get('unit-a')).toMatchObject({ openLate: 1, openOnSchedule: 2, itemsLed: 3 });
  });

  it('counts items led as closed plus open, never reports or notices', () => {
    const tallies = tallyUnits(
      ['unit-a'],
      [fact('closed-late', 'i1', ['unit-a']), fact('report-on-time', 'r1', ['unit-a']), fact('notice-office', 'n1', ['unit-a'])],
      [{ leadUnit: 'unit-a', dueDate: '2026-01-10', status: 'in-progress' }],
      new Set(),
      '2026-11-26',
    );
    expect(tallies.get('unit-a')?.itemsLed).toBe(2);
  });

  it('carries the not-excellent mark of the units marked, and gives an empty tally to a unit with nothing', () => {
    const tallies = tallyUnits(['unit-a', 'unit-b'], [], [], new Set(['unit-b', 'unit-z']), '2026-11-26');
    expect(tallies.get('unit-a')).toEqual(emptyTally());
    expect(tallies.get('unit-b')).toEqual({ ...emptyTally(), markedNotExcellent: true });
  });
});

describe('assessUnit: 100 points less the deductions, graded', () => {
  const tally = (overrides: Partial<UnitTally>): UnitTally => ({ ...emptyTally(), ...overrides });

  it('deducts as the table says', () => {
    // The rule, row by row: a change to it must change this test.
    expect(DEDUCTIONS).toEqual({
      closedLate: 5, //          督查事项逾期办结, each
      openLate: 8, //            督查事项逾期未办结, each
      reportsLate: 2, //         逾期报送进展, each
      noticesOffice: 5, //       被督查室通报批评, each
      noticesGovernment: 10, //  被以政府名义通报, each
      rectificationsLate: 10, // 未按期报送整改报告, each
    });
    expect(grades).toEqual(['优秀', '良好', '合格', '不合格', '未参评']);
    expect(GRADE_FLOORS).toEqual([
      ['优秀', 90],
      ['良好', 80],
      ['合格', 60],
      ['不合格', 0],
    ]);
  });

  it.each<[string, Partial<UnitTally>, number]>([
    ['nothing to deduct', { itemsLed: 1, openOnSchedule: 1 }, 100],
    ['what was done on time costs nothing', { itemsLed: 6, closedOnTime: 4, openOnSchedule: 2, reportsOnTime: 12 }, 100],
    ['督查事项逾期办结: 5 each', { closedLate: 1 }, 100 - 5],
    ['督查事项逾期办结 ×3', { closedLate: 3 }, 100 - 3 * 5],
    ['督查事项逾期未办结: 8 each', { openLate: 1 }, 100 - 8],
    ['督查事项逾期未办结 ×2', { openLate: 2 }, 100 - 2 * 8],
    ['逾期报送进展: 2 each', { reportsLate: 1 }, 100 - 2],
    ['逾期报送进展 ×4', { reportsLate: 4 }, 100 - 4 * 2],
    ['被督查室通报批评: 5 each', { noticesOffice: 1 }, 100 - 5],
    ['被督查室通报批评 ×2', { noticesOffice: 2 }, 100 - 2 * 5],
    ['被以政府名义通报: 10 each', { noticesGovernment: 1 }, 100 - 10],
    ['被以政府名义通报 ×2', { noticesGovernment: 2 }, 100 - 2 * 10],
    ['未按期报送整改报告: 10 each', { rectificationsLate: 1 }, 100 - 10],
    ['未按期报送整改报告 ×2', { rectificationsLate: 2 }, 100 - 2 * 10],
    [
      'every row at once, summed',
      { closedLate: 1, openLate: 1, reportsLate: 1, noticesOffice: 1, noticesGovernment: 1, rectificationsLate: 1 },
      100 - (5 + 8 + 2 + 5 + 10 + 10),
    ],
    ['the not-excellent mark itself deducts nothing', { markedNotExcellent: true }, 100],
  ])('%s', (_rule, overrides, score) => {
    expect(assessUnit(tally(overrides)).score).toBe(score);
  });

  it('does not assess a unit for which nothing counted in the year (未参评: no score, never 优秀)', () => {
    expect(assessUnit(tally({}))).toEqual({ score: null, grade: '未参评', excellentEligible: false });
    // A notice alone counts: the unit is assessed, and criticised.
    expect(assessUnit(tally({ noticesOffice: 1 }))).toEqual({ score: 95, grade: '良好', excellentEligible: false });
    expect(assessUnit(tally({ reportsOnTime: 1 })).grade).toBe('优秀');
  });

  it('never scores below 0', () => {
    expect(assessUnit(tally({ closedLate: 20 }))).toEqual({ score: 0, grade: '不合格', excellentEligible: true }); // exactly 100 deducted
    expect(assessUnit(tally({ openLate: 20, rectificationsLate: 3 }))).toEqual({ score: 0, grade: '不合格', excellentEligible: true }); // 190 deducted
  });

  it.each<[number, Partial<UnitTally>, Grade]>([
    [100, { itemsLed: 1, closedOnTime: 1 }, '优秀'],
    [90, { closedLate: 2 }, '优秀'], // 100 - 2×5
    [89, { closedLate: 1, reportsLate: 3 }, '良好'], // 100 - 5 - 3×2
    [80, { closedLate: 4 }, '良好'], // 100 - 4×5
    [79, { closedLate: 3, reportsLate: 3 }, '合格'], // 100 - 3×5 - 3×2
    [60, { openLate: 5 }, '合格'], // 100 - 5×8
    [59, { openLate: 2, closedLate: 5 }, '不合格'], // 100 - 2×8 - 5×5
    [0, { openLate: 13 }, '不合格'],
  ])('grades a score of %i by the floors 90/80/60', (score, overrides, grade) => {
    expect(assessUnit(tally(overrides))).toEqual({ score, grade, excellentEligible: true });
  });
});

describe('rule 4: a unit criticised in a notice that year cannot be 优秀', () => {
  const tally = (overrides: Partial<UnitTally>): UnitTally => ({ ...emptyTally(), ...overrides });

  it('stops an office-criticised unit at 良好 although its score reaches 优秀', () => {
    expect(assessUnit(tally({ noticesOffice: 1 }))).toEqual({ score: 95, grade: '良好', excellentEligible: false }); // 100 - 5
  });

  it('stops a unit criticised at government level at 良好 too', () => {
    expect(assessUnit(tally({ noticesGovernment: 1 }))).toEqual({ score: 90, grade: '良好', excellentEligible: false }); // 100 - 10
  });

  it('stops a unit marked by the one-week check at 良好 with a full score', () => {
    expect(assessUnit(tally({ markedNotExcellent: true }))).toEqual({ score: 100, grade: '良好', excellentEligible: false });
  });

  it('does not lift or lower a criticised unit graded below 优秀 by its score', () => {
    expect(assessUnit(tally({ noticesOffice: 1, closedLate: 2 }))).toEqual({ score: 85, grade: '良好', excellentEligible: false }); // 100 - 5 - 2×5
    expect(assessUnit(tally({ noticesOffice: 1, closedLate: 5 }))).toEqual({ score: 70, grade: '合格', excellentEligible: false }); // 100 - 5 - 5×5
    expect(assessUnit(tally({ noticesGovernment: 2, openLate: 3, markedNotExcellent: true }))).toEqual({
      score: 56,
      grade: '不合格',
      excellentEligible: false,
    }); // 100 - 2×10 - 3×8
  });

  it('leaves a unit without notice or mark eligible, whatever its score', () => {
    expect(assessUnit(tally({ closedLate: 1, reportsLate: 2, rectificationsLate: 0 })).excellentEligible).toBe(true);
    expect(assessUnit(tally({ openLate: 10 })).excellentEligible).toBe(true);
  });
});

describe('onTimeRate', () => {
  it('is null when no deadline has come', () => {
    expect(onTimeRate({ closedOnTime: 0, closedLate: 0, openLate: 0 })).toBeNull();
  });

  it('is closed on time over closed and open late, rounded to 3 decimals', () => {
    expect(onTimeRate({ closedOnTime: 1, closedLate: 1, openLate: 1 })).toBe(0.333);
    expect(onTimeRate({ closedOnTime: 2, closedLate: 0, openLate: 1 })).toBe(0.667);
    expect(onTimeRate({ closedOnTime: 1, closedLate: 5, openLate: 0 })).toBe(0.167);
    expect(onTimeRate({ closedOnTime: 7, closedLate: 0, openLate: 0 })).toBe(1);
    expect(onTimeRate({ closedOnTime: 0, closedLate: 1, openLate: 2 })).toBe(0);
  });

  it('counts open late items against the rate', () => {
    expect(onTimeRate({ closedOnTime: 3, closedLate: 0, openLate: 1 })).toBe(0.75);
  });
});
