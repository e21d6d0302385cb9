import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAnswer, checkReport, QUALITY_THRESHOLDS, relevance } from '../../functions/domain/report-quality';
import { half, measure, tune } from '../../functions/domain/report-quality-measure';
import { assessUnit, emptyTally, withReportQuality } from '../../functions/domain/assessment';
import { LABELLED_ANSWERS, labelledAnswers } from '../../scripts/bench/report-quality';

const kinds = (text: string, requirement?: string) => checkAnswer(text, 0, requirement).map((f) => f.kind);

describe('a report’s content against the notice’s rules (报送内容)', () => {
  it('calls empty words empty, and names them; the same words beside facts pass', () => {
    const empty = checkAnswer('我局高度重视，精心组织，强化措施，狠抓落实，取得明显成效。', 0, '工作进展情况');
    expect(empty).toEqual([{ kind: 'boilerplate', where: 0, words: expect.arrayContaining(['高度重视', '精心组织', '取得明显成效']) }]);
    expect(kinds('我局高度重视，已完成主干管铺设3.2公里，完成投资860万元，6月30日前通水。', '工作进展情况')).toEqual([]);
  });

  it('calls an excuse an excuse unless the answer says what is done about it and by when', () => {
    const excuse = checkAnswer('受连续降雨影响，加之征地拆迁难度大，工程推进缓慢。', 0, '存在问题');
    expect(excuse).toEqual([{ kind: 'excuse', where: 0, words: expect.arrayContaining(['受连续降雨影响', '加之']) }]);
    expect(kinds('受连续降雨影响停工5天，已增加两个施工班组，确保6月30日前完成。', '存在问题')).toEqual([]);
  });

  it('calls an answer about something else beside the point, naming the requirement’s words it lacks', () => {
    const beside = checkAnswer('组织干部参加业务培训两次，开展志愿服务活动。', 0, '群众满意度调查结果');
    expect(beside.map((f) => f.kind)).toEqual(['off-point']);
    expect(relevance('资金到位情况', '组织干部参加业务培训两次').missing).toEqual(['资金', '到位']);
    // The topic in other words is an answer: a 资金 requirement answered in 万元.
    expect(kinds('省级补助1200万元已拨付，市级配套300万元本月底前拨付。', '资金到位情况')).toEqual([]);
  });

  it('finds one answer given to two requirements, and a length beyond what a requirement needs', () => {
    const same = '已完成3个小区的管网改造，受益群众1200户。';
    const findings = checkReport(['工程进度', '受益群众人数'], {
      summary: '按计划完成本月任务。',
      answers: [
        { requirement: 0, answer: same },
        { requirement: 1, answer: same },
      ],
    });
    expect(findings).toContainEqual({ kind: 'repeated', where: 1, words: ['工程进度'] });
    expect(kinds(`已完成3个小区的管网改造。${'其中'.repeat(QUALITY_THRESHOLDS.verboseOver)}`, '工程进度')).toContain('verbose');
  });
});

describe('报送内容 in the assessment', () => {
  const tally = { ...emptyTally(), reportsOnTime: 8, reportsLate: 2, reportsWithFindings: 4 };
  it('counts for nothing at weight 0; at a weight, blends the share of reports with no finding into the score', () => {
    const own = assessUnit(tally); // 100 − 2 × 2 = 96
    expect(withReportQuality(own, tally, 0)).toEqual(own);
    expect(withReportQuality(own, tally, 0.2)).toEqual({
      score: 88.8, // 0.8 × 96 + 0.2 × 100 × 0.6, to one decimal
      grade: '良好',
      excellentEligible: true,
      reportQuality: { cleanShare: 0.6, weight: 0.2, scoreBefore: 96 },
    });
    // No report in the year: nothing to judge, the score stands.
    const none = { ...emptyTally(), closedOnTime: 1 };
    expect(withReportQuality(assessUnit(none), none, 0.5)).toEqual(assessUnit(none));
  });
});

describe.runIf(LABELLED_ANSWERS.every((f) => existsSync(f)))('measured on the labelled answers (tests/fixtures/report-quality)', () => {
  const all = LABELLED_ANSWERS.every((f) => existsSync(f)) ? labelledAnswers() : [];
  const heldOut = all.filter((a) => half(a.id) === 'held-out');

  it('holds at least 200 answers, split in a tuning and a held-out part that each hold every label', () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
    for (const label of ['good', 'boilerplate', 'excuse', 'off-point'])
      for (const part of ['tuning', 'held-out'])
        expect(all.filter((a) => a.label === label && half(a.id) === part).length).toBeGreaterThan(10);
  });

  it('uses the thresholds the tuning half chose', () => {
    expect(tune(all.filter((a) => half(a.id) === 'tuning'))).toEqual(QUALITY_THRESHOLDS);
  });

  // The goal is 0.85 each, reached by one check: measured on 2026-12-08 on the held-out half of the second
  // set (114 answers by another hand): boilerplate 0.862 / 0.926, excuse 1 / 0.818, off-point 0.826 / 0.613 (the
  // closing note of issue 27). This floor keeps what was reached from slipping back.
  it('keeps precision and recall of at least 0.6 for each check on the held-out half', () => {
    for (const score of measure(heldOut)) {
      expect(score.precision, `${score.check} precision`).toBeGreaterThanOrEqual(0.6);
      expect(score.recall, `${score.check} recall`).toBeGreaterThanOrEqual(0.6);
    }
  });
});
