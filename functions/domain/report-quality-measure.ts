/**
 * How well the report checks (report-quality.ts) agree with people, on a labelled set of answers: precision and
 * recall of each check, and the thresholds that do best on a tuning half. Used by the bench that prints the
 * figures (`npm run bench -- report-quality`) and by the unit test that holds the code's thresholds to them.
 */
import { checkAnswer, type QualityKind, QUALITY_THRESHOLDS, type QualityThresholds } from './report-quality';

export type Label = 'good' | 'boilerplate' | 'excuse' | 'off-point';
export interface LabelledAnswer {
  id: string;
  requirement: string;
  answer: string;
  label: Label;
}

/** The checks the set measures: those a label names. */
export const MEASURED: readonly Extract<QualityKind, Label>[] = ['boilerplate', 'excuse', 'off-point'];

/** Which half an answer belongs to, by its id alone (FNV-1a): the same split on every run, blind to the label. */
export function half(id: string): 'tuning' | 'held-out' {
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
  const found = answers.map((a) => new Set(checkAnswer(a.answer, 0, a.requirement, thresholds).map((f) => f.kind)));
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

/** The thresholds that do best on `answers` (the larger of the two figures' minimum, then F1), over a small grid. */
export function tune(answers: readonly LabelledAnswer[]): QualityThresholds {
  const worst = (t: QualityThresholds, check: QualityKind) => {
    const s = measure(answers, t).find((x) => x.check === check)!;
    return [Math.min(s.precision, s.recall), (2 * s.precision * s.recall) / Math.max(1e-9, s.precision + s.recall)] as const;
  };
  const better = (a: readonly [number, number], b: readonly [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
  let best: QualityThresholds = { ...QUALITY_THRESHOLDS };
  let bestEmpty = worst(best, 'boilerplate');
  for (let share = 0; share <= 0.61; share += 0.05)
    for (const facts of [0, 1, 2]) {
      const t = { ...best, boilerplateShare: Math.round(share * 100) / 100, boilerplateFactsAtMost: facts };
      const s = worst(t, 'boilerplate');
      if (better(s, bestEmpty)) [best, bestEmpty] = [t, s];
    }
  let bestOff = worst(best, 'off-point');
  for (let below = 0.05; below <= 0.71; below += 0.05) {
    const t = { ...best, relevanceBelow: Math.round(below * 100) / 100 };
    const s = worst(t, 'off-point');
    if (better(s, bestOff)) [best, bestOff] = [t, s];
  }
  return best;
}
