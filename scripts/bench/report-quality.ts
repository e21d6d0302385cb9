/**
 * `npm run bench -- report-quality` (issue 27): the report checks against the labelled answers
 * (tests/fixtures/report-quality). The thresholds are chosen on the tuning part; the figures that
 * count are the held-out part's, with the thresholds the code holds (QUALITY_THRESHOLDS). One JSON line each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUALITY_THRESHOLDS } from '../../functions/domain/report-quality';
import { half, type LabelledAnswer, measure, tune } from '../../functions/domain/report-quality-measure';

const FIXTURES = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'report-quality');
/** The labelled sets (tests/fixtures/report-quality/README.md): the first and third for tuning, the second split in halves. */
export const LABELLED_ANSWERS = [
  join(FIXTURES, 'answers.jsonl'),
  join(FIXTURES, 'answers-holdout.jsonl'),
  join(FIXTURES, 'answers-third.jsonl'),
];

export const labelledAnswers = (): LabelledAnswer[] =>
  LABELLED_ANSWERS.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as LabelledAnswer),
  );

export async function reportQuality(): Promise<Record<string, unknown>[]> {
  const all = labelledAnswers();
  const tuning = all.filter((a) => half(a.id) === 'tuning');
  const heldOut = all.filter((a) => half(a.id) === 'held-out');
  const counts = (set: LabelledAnswer[]) =>
    Object.fromEntries(['good', 'boilerplate', 'excuse', 'off-point'].map((l) => [l, set.filter((a) => a.label === l).length]));
  const chosen = tune(tuning);
  return [
    { bench: 'report-quality', answers: all.length, tuning: counts(tuning), heldOut: counts(heldOut) },
    { bench: 'report-quality', thresholds: 'chosen on the tuning half', ...chosen },
    {
      bench: 'report-quality',
      thresholds: 'in the code',
      ...QUALITY_THRESHOLDS,
      same: JSON.stringify(chosen) === JSON.stringify(QUALITY_THRESHOLDS),
    },
    ...measure(tuning).map((s) => ({ bench: 'report-quality', half: 'tuning', ...s })),
    ...measure(heldOut).map((s) => ({ bench: 'report-quality', half: 'held-out', ...s })),
  ];
}
