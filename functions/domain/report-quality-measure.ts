/**
 * How well the report checks (report-quality.ts) agree with people, on a labelled set of answers: precision and
 * recall of each check, and the thresholds that do best on a tuning half. Used by the bench that prints the
 * figures (`npm run bench -- report-quality`) and by the unit test that holds the code's thresholds to them.
 */
import {
  type AnswerFeatures,
  featuresOf,
  findingsOf,
  type QualityKind,
  QUALITY_THRESHOLDS,
  type QualityThresholds,
} from './report-quality';

export type Label = 'good' | 'boilerplate' | 'excuse' | 'off-point';
export interface LabelledAnswer {
  id: string;
  requirement: string;
  answer: string;
  label: Label;
}

/** The checks the set measures: those a label names. */
export const MEASURED: readonly Extract<QualityKind, Label>[] = ['boilerplate', 'excuse', 'off-point'];

/**
 * Which part of the labelled answers an answer belongs to. The first set (ids a…, written with the checks in view)
 * and the third (ids t…, written later to widen the tuning) are for tuning; the second (ids h…, written by another
 * hand that saw neither the checks nor the first set) is split in halves by id alone (FNV-1a): one half joins the
 * tuning, the other is held out, blind to the label, and never read when the checks change.
 */
export function half(id: string): 'tuning' | 'held-out' {
  if (!id.startsWith('h')) return 'tuning';
  let hash = 0x811c9dc5;
  for (const c of id) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return hash % 2 === 0 ? 'tuning' : 'held-out';
}

export interface Score {
  check: QualityKind;
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Each check's precision and recall on `answers`: a finding of a kind is right on an answer labelled that kind. */
export function measure(answers: readonly LabelledAnswer[], thresholds: QualityThresholds = QUALITY_THRESHOLDS): Score[] {
  return scored(
    answers,
    answers.map((a) => featuresOf(a.answer, a.requirement)),
    thresholds,
  );
}

function scored(answers: readonly LabelledAnswer[], features: readonly AnswerFeatures[], thresholds: QualityThresholds): Score[] {
  const found = features.map((f) => new Set(findingsOf(f, 0, thresholds).map((x) => x.kind)));
  return MEASURED.map((check) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    answers.forEach((a, i) => {
      const said = found[i]!.has(check);
      if (said && a.label === check) tp += 1;
      else if (said) fp += 1;
      else if (a.label === check) fn += 1;
    });
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return { check, precision: round(tp / Math.max(1, tp + fp)), recall: round(tp / Math.max(1, tp + fn)), tp, fp, fn };
  });
}

/**
 * The thresholds that do best on `answers` over a small grid, all at once (empty words and answers beside the point
 * interact: one answer is named for one of them): the largest worst figure of the three checks, then the largest
 * mean F1. The features are measured once; only the thresholds vary.
 */
export function tune(answers: readonly LabelledAnswer[]): QualityThresholds {
  const features = answers.map((a) => featuresOf(a.answer, a.requirement));
  let best: QualityThresholds = { ...QUALITY_THRESHOLDS };
  let bestScore = [-1, -1];
  for (const share of [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4])
    for (const facts of [0, 1, 2])
      for (let below = 0.1; below <= 0.71; below += 0.05) {
        const t = {
          ...QUALITY_THRESHOLDS,
          boilerplateShare: share,
          boilerplateFactsAtMost: facts,
          relevanceBelow: Math.round(below * 100) / 100,
        };
        const scores = scored(answers, features, t);
        const worst = Math.min(...scores.map((s) => Math.min(s.precision, s.recall)));
        const f1 = scores.reduce((n, s) => n + (2 * s.precision * s.recall) / Math.max(1e-9, s.precision + s.recall), 0) / scores.length;
        if (worst > bestScore[0]! || (worst === bestScore[0] && f1 > bestScore[1]!)) [best, bestScore] = [t, [worst, f1]];
      }
  return best;
}
