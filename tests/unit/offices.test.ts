import { describe, expect, it } from 'vitest';
import { currentOffice, inOffice, inOfficeBelow, officeOfKey, officePrefix } from '../../functions/adapters/office-scope';
import { itemKey, scoped } from '../../functions/adapters/dynamodb/keys';
import { withSupervision } from '../../functions/domain/assessment';
import { render, signedBy } from '../../functions/domain/mail';
import { gradeFactors } from '../../functions/domain/assessment-sheet';
import { assertCascadable, childRegistration } from '../../functions/domain/cascade';
import { NotFound, RuleViolation } from '../../functions/domain/errors';
import type { Item } from '../../functions/domain/items';
import { childOfficeId, isOfficeId, isWithin, officeDepth, officePath, parentOfficeId, reachOf } from '../../functions/domain/offices';

describe('the tree of offices', () => {
  it('an office id is its path from the root; its subtree is every id under it, never a sibling sharing a prefix', () => {
    expect(childOfficeId('root', 'hanbin')).toBe('hanbin');
    expect(childOfficeId('hanbin', 'guanmiao')).toBe('hanbin/guanmiao');
    expect(officePath('hanbin/guanmiao')).toEqual(['root', 'hanbin', 'hanbin/guanmiao']);
    expect([parentOfficeId('hanbin/guanmiao'), parentOfficeId('hanbin'), parentOfficeId('root')]).toEqual(['hanbin', 'root', undefined]);
    expect(officeDepth('hanbin/guanmiao')).toBe(2);
    expect(isWithin('hanbin/guanmiao', 'hanbin')).toBe(true);
    expect(isWithin('hanbin2', 'hanbin')).toBe(false);
    expect(isWithin('shiquan', 'hanbin')).toBe(false);
    expect(isWithin('anything', 'root')).toBe(true);
    expect(['root', 'hanbin', 'ab/cd/ef'].map(isOfficeId)).toEqual([true, true, true]);
    expect(['', 'Hanbin', 'ab/cd/ef/gh', 'hanbin/root', 'x', 'hanbin/'].filter(isOfficeId)).toEqual([]);
  });

  it('another office is entered below (to read), directly above (as its unit), or not at all', () => {
    expect(reachOf('hanbin', 'hanbin')).toBe('own');
    expect(reachOf('root', 'hanbin/guanmiao')).toBe('below');
    expect(reachOf('hanbin/guanmiao', 'hanbin')).toBe('parent');
    expect(reachOf('hanbin/guanmiao', 'root')).toBe('outside');
    expect(reachOf('hanbin', 'shiquan')).toBe('outside');
  });
});

describe('keys in an office', () => {
  it("the root's keys are as they were; an office below prefixes every partition; the key names its office back", () => {
    expect(itemKey('i-1').PK).toBe('ITEM#i-1');
    expect(inOffice('hanbin/guanmiao', () => [itemKey('i-1').PK, scoped('LEDGER'), currentOffice()])).toEqual([
      'O#hanbin/guanmiao#ITEM#i-1',
      'O#hanbin/guanmiao#LEDGER',
      'hanbin/guanmiao',
    ]);
    expect(officeOfKey('O#hanbin/guanmiao#ITEM#i-1')).toEqual({ office: 'hanbin/guanmiao', rest: 'ITEM#i-1' });
    expect(officeOfKey('ITEM#i-1')).toEqual({ office: 'root', rest: 'ITEM#i-1' });
    expect(officePrefix('root')).toBe('');
  });

  it("reading down stays within the office's subtree: a county cannot enter its sibling's ledger", () => {
    expect(inOffice('root', () => inOfficeBelow('hanbin', () => currentOffice()))).toBe('hanbin');
    expect(() => inOffice('hanbin', () => inOfficeBelow('shiquan', () => currentOffice()))).toThrow(/outside the reach/);
    // Entered below, the reach stays the one that entered: from the county, not back up to the city.
    expect(() => inOffice('hanbin', () => inOfficeBelow('hanbin/guanmiao', () => inOfficeBelow('shiquan', () => 1)))).toThrow();
  });
});

describe('一级抓一级 in the assessment', () => {
  it("blends the government's own score with its office's on-time rate; a criticised unit is still never 优秀", () => {
    const own = { score: 100, grade: '优秀' as const, excellentEligible: true };
    expect(withSupervision(own, { onTimeRate: 0.5 }, 0.2)).toEqual({
      score: 90,
      grade: '优秀',
      excellentEligible: true,
      supervision: { onTimeRate: 0.5, weight: 0.2, ownScore: 100 },
    });
    expect(withSupervision({ ...own, excellentEligible: false, grade: '良好' }, { onTimeRate: 1 }, 0.2)).toMatchObject({
      score: 100,
      grade: '良好',
    });
    expect(withSupervision({ score: 85, grade: '良好', excellentEligible: true }, { onTimeRate: 0.333 }, 0.3)).toMatchObject({
      score: 69.5,
      grade: '合格',
    });
    // No rate, no summary, no weight, or a unit not assessed: its own assessment stands.
    for (const [office, weight] of [
      [{ onTimeRate: null }, 0.2],
      [undefined, 0.2],
      [{ onTimeRate: 0 }, 0],
    ] as const)
      expect(withSupervision(own, office, weight)).toEqual(own);
    const unassessed = { score: null, grade: '未参评' as const, excellentEligible: false };
    expect(withSupervision(unassessed, { onTimeRate: 1 }, 0.2)).toEqual(unassessed);
  });

  it('says how the blend made the grade, in the words the assessment page and workbook show', () => {
    const none = { closedLate: 0, openLate: 0, reportsLate: 0, noticesOffice: 0, noticesGovernment: 0, rectificationsLate: 0 };
    const supervision = { onTimeRate: 0, weight: 0.2, ownScore: 100 };
    expect(gradeFactors({ ...none, score: 80, grade: '良好', supervision })).toBe(
      '100，无扣分；本级督查室按期办结率 0%（权重 20%），综合 100 × 80% + 0 × 20% = 80；80 分以上为良好',
    );
    expect(gradeFactors({ ...none, openLate: 1, score: 92, grade: '优秀' })).toBe('100 − 逾期未办结 1 × 8 = 92；90 分以上为优秀');
  });
});

describe("each office's mail in its own name", () => {
  it('signs as the office asked for while building, as the root otherwise, even after a build that throws', () => {
    const mail = () => render('【提醒】', { blocks: [{ p: '请按期办理。' }], signedOn: '2026-12-08' });
    expect(mail().text).toContain('市人民政府督查室\n2026年12月8日');
    const county = signedBy('汉滨区政府督查室', mail);
    expect(county.text).toContain('汉滨区政府督查室\n2026年12月8日');
    expect(county.text).not.toContain('市人民政府督查室');
    expect(county.html).toContain('汉滨区政府督查室<br>');
    expect(() =>
      signedBy('汉滨区政府督查室', () => {
        throw new Error('a build that fails');
      }),
    ).toThrow();
    expect(mail().text).toContain('市人民政府督查室');
    expect(signedBy(undefined, mail).text).toContain('市人民政府督查室');
  });
});

describe('分解下达', () => {
  const parent = {
    id: 'p-1',
    title: '汉江堤防加固',
    description: '',
    source: 'meeting-decision',
    sourceRef: '纪要〔2026〕30号',
    leadUnit: 'hanbin-gov',
    coUnits: ['shiquan-gov'],
    dueDate: '2026-12-31',
    requirements: ['每周报送进度'],
    projectType: true,
    milestones: [
      { title: '开工', dueDate: '2026-12-10' },
      { title: '完工', dueDate: '2026-12-31' },
    ],
    status: 'in-progress',
  } as unknown as Item;

  it("takes an open item the office's government answers for; any other is, to the county, no item at all", () => {
    expect(assertCascadable(parent, { unitId: 'shiquan-gov' }, 'p-1')).toBe(parent);
    expect(() => assertCascadable(parent, { unitId: 'ziyang-gov' }, 'p-1')).toThrow(NotFound);
    expect(() => assertCascadable(null, { unitId: 'hanbin-gov' }, 'p-1')).toThrow(NotFound);
    expect(() => assertCascadable({ ...parent, status: 'closed' }, { unitId: 'hanbin-gov' }, 'p-1')).toThrow(RuleViolation);
  });

  it("a child keeps the parent's source, 文号 and 督办要求, is due no later, and keeps only the milestones before its deadline", () => {
    const child = childRegistration(parent, 'root', { leadUnit: 'roads', dueDate: '2026-12-20' }, 0);
    expect(child).toMatchObject({
      title: '汉江堤防加固',
      sourceRef: '纪要〔2026〕30号',
      requirements: ['每周报送进度'],
      projectType: true,
      milestones: [{ title: '开工', dueDate: '2026-12-10' }],
      parent: { office: 'root', itemId: 'p-1' },
    });
    const late = (() => {
      try {
        childRegistration(parent, 'root', { leadUnit: 'roads', dueDate: '2027-01-01' }, 2);
      } catch (error) {
        return error as RuleViolation;
      }
    })();
    expect(late?.code).toBe('cascade-later-than-parent');
    expect(late?.details.map((d) => d.path)).toEqual(['children.2.dueDate']);
  });
});
