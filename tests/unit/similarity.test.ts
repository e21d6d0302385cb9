import { describe, expect, it } from 'vitest';
import {
  MIN_SHINGLES,
  NEAR_IDENTICAL,
  isNearIdentical,
  mostSimilar,
  normalise,
  reportText,
  shingles,
  similarity,
} from '../../functions/domain/similarity';

/** 汉滨区's 老旧小区改造 report; the figures are the only thing that changes from one period to the next. */
function hanbinReport(f: {
  month: number;
  started: number;
  finished: number;
  households: number;
  invest: string;
  percent: number;
  central: number;
  bonds: number;
  pipes: string;
  lifts: number;
  parking: number;
  deadline: number;
}): string {
  return `一、工作进展。2026年以来，汉滨区紧紧围绕市政府下达的老旧小区改造目标任务，成立了由区政府分管领导任组长的工作专班，按照“一小区一方案”的要求，全面推进改造工作。截至${f.month}月底，全区计划改造的42个老旧小区已开工${f.started}个，完工${f.finished}个，惠及居民${f.households}户；累计完成投资${f.invest}亿元，占年度计划的${f.percent}%。其中，争取中央预算内资金${f.central}万元，地方政府专项债券资金${f.bonds}万元，已全部拨付到位。同步完成雨污分流管网改造${f.pipes}公里，加装电梯${f.lifts}部，新增停车位${f.parking}个。
二、存在问题。一是部分小区居民意见不统一，加装电梯等项目协调难度大，影响施工进度；二是个别施工单位组织不力，人员和机械投入不足，存在赶工期现象；三是改造后长效管理机制尚不健全，部分小区物业管理缺位。
三、下步措施。一是加大入户宣传力度，发挥社区网格员作用，逐户做好群众工作，力争${f.deadline}月底前化解全部矛盾；二是实行周调度、月通报制度，对进度滞后的施工单位约谈问责；三是加快制定老旧小区改造后长效管理办法，引导成立业主委员会，确保改造成果“改得好、管得住”。`;
}

const october = hanbinReport({
  month: 10,
  started: 38,
  finished: 21,
  households: 3000,
  invest: '1.2',
  percent: 65,
  central: 4800,
  bonds: 5200,
  pipes: '12.6',
  lifts: 17,
  parking: 560,
  deadline: 11,
});

/** Every figure and date changed: 10月→11月, 65%→70%, 1.2亿→1.5亿, 3000户→3600户, … */
const november = hanbinReport({
  month: 11,
  started: 41,
  finished: 29,
  households: 3600,
  invest: '1.5',
  percent: 70,
  central: 5600,
  bonds: 6300,
  pipes: '15.3',
  lifts: 23,
  parking: 710,
  deadline: 12,
});

/** 石泉县, same subject and vocabulary (改造, 推进, 资金, 进度), its own content. */
const shiquan = `一、工作进展。今年我县老旧小区改造任务为城关镇片区15个小区，涉及居民1860户。县住建局牵头，会同城关镇、县财政局等单位，采取“先地下、后地上”的方式组织实施，目前已完成供水、供气、强弱电等地下管网改造，正在开展外墙保温和屋面防水施工，整体完成进度58%，完成投资6300万元。为解决资金缺口，我县探索引入社会资本参与，与县城投公司合作建设便民服务中心2处、充电桩120个，通过运营收益平衡部分改造投入。
二、存在问题。上级补助资金到位较慢，县级财政配套压力较大；部分楼栋产权复杂，房屋安全鉴定工作滞后；冬季临近，外墙施工窗口期短。
三、下步措施。县财政局积极向省市争取资金，确保年底前配套资金足额到位；委托第三方机构集中开展房屋安全鉴定；倒排工期、挂图作战，合理安排冬季施工，确保年底前主体工程全部完工。`;

/** 旬阳市, same subject, and written to the same template as 汉滨区 (一是…二是…, 工作专班-style stock phrases): the hardest honest neighbour. */
const xunyang = `一、工作进展。旬阳市今年承担老旧小区改造任务27个，涉及楼栋96栋、居民2150户，总投资9800万元。市政府成立了老旧小区改造工作领导小组，印发了实施方案，明确了各部门职责分工。目前已完成项目立项和施工图审查，27个小区全部进场施工，完成屋面防水改造4.2万平方米、外墙改造6.8万平方米，硬化道路3.1万平方米，完成投资5400万元，完成进度55%。
二、存在问题。一是资金压力较大，中央和省级补助资金仅到位60%；二是部分小区地下管网情况复杂，图纸资料缺失，施工中多次变更设计；三是群众参与度不高，少数居民对施工带来的不便有抵触情绪。
三、下步措施。一是积极对接上级部门，加快补助资金拨付，同时统筹市级财力予以保障；二是组织设计单位驻场服务，及时解决施工中的技术问题；三是坚持共同缔造理念，召开居民议事会，充分听取群众意见，确保改造工作按期完成。`;

/** A different subject altogether. */
const safety = `全县安全生产大检查工作进展情况：按照市安委会统一部署，我县组织应急管理、交通运输、市场监管等部门组成8个检查组，对全县危险化学品、非煤矿山、道路交通、建筑施工、消防等重点行业领域开展拉网式排查。共检查生产经营单位426家，发现隐患1138条，已整改1024条，整改率90%，对12家单位立案处罚，罚款金额86万元，停产整顿3家。针对检查中发现的企业主体责任落实不到位、从业人员安全培训不足等共性问题，县安委办下发督办通知，明确整改时限，实行隐患清单化管理、销号式推进。下一步，我县将持续开展“回头看”，对重大隐患实行挂牌督办，确保各类隐患按期整改到位。`;

/** Full-width digits and percent signs, ASCII commas and stops, extra spaces and line breaks. */
function retyped(text: string): string {
  return text
    .replace(/[0-9%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    .replaceAll('，', ', ')
    .replaceAll('。', '.\n  ')
    .replaceAll('；', ';  ')
    .replaceAll('“', '"')
    .replaceAll('”', '"');
}

const addedSentence = october.replace(
  '新增停车位560个。',
  '新增停车位560个。另外，区住建局会同区财政局对已完工的21个小区开展了竣工验收，验收合格率100%。',
);
const removedSentence = october.replace('同步完成雨污分流管网改造12.6公里，加装电梯17部，新增停车位560个。', '');
/** Two sentences of the October report rewritten, the rest kept. */
const twoRewritten = october
  .replace(
    '其中，争取中央预算内资金4800万元，地方政府专项债券资金5200万元，已全部拨付到位。',
    '资金方面，区财政统筹安排配套资金并实行专户管理，严格按工程进度拨付，未发生挤占挪用问题。',
  )
  .replace(
    '二是个别施工单位组织不力，人员和机械投入不足，存在赶工期现象；',
    '二是冬季低温天气将至，外墙保温和道路铺装等室外作业时间受限；',
  );

/** A short report, and the next period's with every figure and date changed. */
const shortOctober = '截至10月底，已完成改造3000户，完成投资1.2亿元，完成进度65%，剩余工程计划11月底前完工。';
const shortNovember = '截至11月底，已完成改造3600户，完成投资1.5亿元，完成进度70%，剩余工程计划12月底前完工。';

/** A short three-part report, and the same with its middle part cut. */
const threeParts =
  '一、工作进展。截至10月底，全区42个老旧小区已开工38个，完工21个，惠及居民3000户，累计完成投资1.2亿元，占年度计划的65%。二、存在问题。部分小区居民意见不统一，加装电梯协调难度大。三、下步措施。加大入户宣传力度，力争11月底前化解全部矛盾。';
const threePartsCut = threeParts.replace('二、存在问题。部分小区居民意见不统一，加装电梯协调难度大。', '');

/** Two units filling the same short template with their own (different) answers. */
const template = (progress: string, problems: string, measures: string) =>
  `一、工作进展情况。${progress}二、存在的主要问题。${problems}三、下一步工作措施。${measures}`;
const templateA = template('已完成年度任务的65%。', '资金到位较慢。', '加快资金拨付，确保按期完成。');
const templateB = template('项目已开工建设，完成投资3000万元。', '施工受雨季影响。', '倒排工期，确保按期完成。');

const hanyinCopy = october.replaceAll('汉滨区', '汉阴县').replaceAll('全区', '全县').replaceAll('区政府', '县政府');

describe('normalisation and shingles', () => {
  it('folds full width, case, whitespace and Chinese and ASCII punctuation', () => {
    expect(normalise('完成进度６５％，投资1.2亿元。 ＡＢＣ “改得好、管得住”（第一批）《方案》【附件】——…!?')).toBe(
      '完成进度65投资12亿元abc改得好管得住第一批方案附件',
    );
    expect(normalise('推\u200b进\t中\n')).toBe('推进中');
  });

  it('are the character bigrams of the normalised text, each number folded to "#" and kept as a shingle of its own', () => {
    expect(shingles('改造，完成65%')).toEqual(new Set(['改造', '造完', '完成', '成#', '#65']));
    expect(shingles('投资1.2亿元')).toEqual(new Set(['投资', '资#', '#亿', '亿元', '#12']));
    expect(shingles('改造3000户改造3600户')).toEqual(new Set(['改造', '造#', '#户', '户改', '#3000', '#3600']));
    expect(shingles('完成完成')).toEqual(new Set(['完成', '成完']));
    expect(shingles('。')).toEqual(new Set());
    expect(shingles('')).toEqual(new Set());
  });

  it('reportText joins summary, answers and difficulties', () => {
    const text = reportText({ summary: '进展顺利', answers: ['已开工38个', '完成投资1.2亿元'], difficulties: '资金缺口' });
    expect(text).toBe('进展顺利\n已开工38个\n完成投资1.2亿元\n资金缺口');
    expect(reportText({ summary: '进展顺利' })).toBe('进展顺利');
    expect(reportText({ summary: '进展顺利', answers: [], difficulties: '  ' })).toBe('进展顺利');
  });
});

describe('near-identical reports are flagged', () => {
  it('identical text scores 1', () => {
    expect(similarity(october, october)).toBe(1);
    expect(isNearIdentical(october, october)).toBe(true);
  });

  it('whitespace, punctuation and full-width differences make no difference', () => {
    expect(retyped(october)).not.toBe(october);
    expect(similarity(october, retyped(october))).toBe(1);
    expect(isNearIdentical(retyped(october), october)).toBe(true);
  });

  it("last period's report with only the figures and dates changed", () => {
    const score = similarity(october, november);
    expect(score).toBeLessThan(1);
    expect(score).toBeGreaterThan(0.9);
    expect(isNearIdentical(november, october)).toBe(true);
  });

  it('a short report with every figure changed still scores high: a number costs one shingle, not one per digit', () => {
    expect(similarity(shortOctober, shortNovember)).toBeGreaterThan(0.8);
    expect(isNearIdentical(shortNovember, shortOctober)).toBe(true);
  });

  it('one sentence added or removed', () => {
    expect(similarity(october, addedSentence)).toBeGreaterThan(0.85);
    expect(similarity(october, removedSentence)).toBeGreaterThan(0.85);
    expect(isNearIdentical(addedSentence, october)).toBe(true);
    expect(isNearIdentical(removedSentence, october)).toBe(true);
  });

  it('a copy with two sentences rewritten, or a third of a short report cut', () => {
    expect(similarity(october, twoRewritten)).toBeGreaterThan(NEAR_IDENTICAL);
    expect(isNearIdentical(twoRewritten, october)).toBe(true);
    expect(similarity(threeParts, threePartsCut)).toBeGreaterThan(0.7);
    expect(isNearIdentical(threePartsCut, threeParts)).toBe(true);
  });

  it("another county's report with the county's name swapped in", () => {
    expect(hanyinCopy).not.toContain('汉滨区');
    expect(similarity(october, hanyinCopy)).toBeGreaterThan(0.85);
    expect(isNearIdentical(hanyinCopy, october)).toBe(true);
  });

  it('a short but specific report copied word for word', () => {
    const specific = '已完成改造3000户，完成投资1.2亿元，完成进度100%，群众满意度调查达到96%。';
    expect(shingles(specific).size).toBeGreaterThanOrEqual(MIN_SHINGLES);
    expect(isNearIdentical(specific, specific)).toBe(true);
  });
});

describe('different reports are not', () => {
  it('two honest reports on the same subject by different units score well below the threshold', () => {
    for (const [a, b] of [
      [october, shiquan],
      [october, xunyang],
      [shiquan, xunyang],
    ] as const) {
      expect(similarity(a, b)).toBeLessThan(NEAR_IDENTICAL / 2);
      expect(isNearIdentical(a, b)).toBe(false);
    }
  });

  it('two short reports filling the same template with their own answers are not flagged', () => {
    expect(similarity(templateA, templateB)).toBeLessThan(0.4);
    expect(isNearIdentical(templateA, templateB)).toBe(false);
  });

  it('reports on different subjects score near 0', () => {
    expect(similarity(october, safety)).toBeLessThan(0.1);
    expect(similarity(shiquan, safety)).toBeLessThan(0.1);
  });

  it('short stock phrases are never flagged, even when identical', () => {
    for (const phrase of [
      '已完成',
      '按计划推进中',
      '正在按计划有序推进',
      '已按照督查要求完成全部整改任务，申请销号。',
      '已完成已完成已完成已完成已完成已完成',
    ]) {
      expect(shingles(phrase).size).toBeLessThan(MIN_SHINGLES);
      expect(isNearIdentical(phrase, phrase)).toBe(false);
      expect(mostSimilar(phrase, [{ id: 'r1', text: phrase }])).toBeUndefined();
    }
  });

  it('a report that restates an earlier one and adds as much new progress is new content', () => {
    const cumulative = `${removedSentence}\n${shiquan}`;
    expect(similarity(removedSentence, cumulative)).toBeLessThan(NEAR_IDENTICAL);
  });
});

describe('similarity is a sound measure', () => {
  const texts = [
    october,
    november,
    twoRewritten,
    shortOctober,
    shortNovember,
    threeParts,
    templateA,
    templateB,
    retyped(october),
    addedSentence,
    removedSentence,
    hanyinCopy,
    shiquan,
    xunyang,
    safety,
    '已完成',
    '。',
    '',
  ];

  it('is symmetric and within [0, 1]', () => {
    for (const a of texts) {
      for (const b of texts) {
        const score = similarity(a, b);
        expect(score).toBe(similarity(b, a));
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is 0 when either text has nothing to compare', () => {
    expect(similarity('', '')).toBe(0);
    expect(similarity('', october)).toBe(0);
    expect(similarity('。，！', '')).toBe(0);
    expect(similarity('是', '是')).toBe(0);
    expect(isNearIdentical('', '')).toBe(false);
  });
});

describe('mostSimilar', () => {
  it('picks the best candidate at or above the threshold', () => {
    const found = mostSimilar(november, [
      { id: 'shiquan-10', text: shiquan },
      { id: 'hanbin-09', text: removedSentence },
      { id: 'hanbin-10', text: october },
      { id: 'safety-10', text: safety },
    ]);
    expect(found?.id).toBe('hanbin-10');
    expect(found?.similarity).toBe(similarity(november, october));
  });

  it('on a tie, points at the first candidate given', () => {
    const found = mostSimilar(hanyinCopy, [
      { id: 'hanbin-10', text: october },
      { id: 'hanbin-10-resubmitted', text: retyped(october) },
    ]);
    expect(found?.id).toBe('hanbin-10');
  });

  it('returns undefined when no candidate reaches the threshold', () => {
    expect(
      mostSimilar(october, [
        { id: 'shiquan-10', text: shiquan },
        { id: 'xunyang-10', text: xunyang },
        { id: 'safety-10', text: safety },
      ]),
    ).toBeUndefined();
    expect(mostSimilar(october, [])).toBeUndefined();
    expect(mostSimilar('', [{ id: 'empty', text: '' }])).toBeUndefined();
  });

  it('skips earlier texts too short to judge', () => {
    expect(
      mostSimilar(october, [
        { id: 'short', text: '已完成' },
        { id: 'hanbin-10', text: october },
      ])?.id,
    ).toBe('hanbin-10');
  });
});
