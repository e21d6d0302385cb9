/**
 * Near-duplicate detection for progress reports (against 纸面销号, "paper
 * closure"): a report or completion claim whose text is near-identical to an
 * earlier one is accepted but flagged for the office. Pure functions, no I/O.
 *
 * Unit of comparison: character bigrams of the normalised text.
 *   Chinese has no spaces, so there are no words to compare without a
 *   segmenter (a dictionary far too big for a Lambda, and wrong on names of
 *   places and projects). Single characters are too coarse: two reports on
 *   the same subject use the same few hundred characters whatever they say.
 *   Bigrams capture most two-character words (改造, 资金, 进度) and the order of
 *   characters, and are the usual unit for Chinese near-duplicate detection;
 *   trigrams separate different reports a little more (0.03 against 0.08 in
 *   the tests) but every edited character then breaks three shingles, not
 *   two, so edited copies fall further, while bigrams already leave a wide gap between copies and honest reports.
 *
 * Numbers: kept, but as their own shingles. Recycling last period's report
 * with new figures is exactly the case to catch, so a changed number must
 * lower the score only slightly. With raw digits in the bigrams, a changed
 * figure breaks every bigram touching its digits (3000→3600 breaks four), and
 * a short report that is mostly figures falls far (0.67 for a 45-character
 * report with its five figures and dates changed). So the bigrams are taken
 * over the text with each number folded to one placeholder "#", and each
 * distinct number adds one shingle of its own ("#3000"): a changed figure
 * leaves the words around it intact and costs one shingle on each side,
 * whatever its length (that short report then scores 0.85, a full report
 * with all eleven figures changed 0.94). Numbers still count, so an unchanged
 * resubmission scores 1 and one with updated figures a little less, which is
 * information for the office; dropping them altogether would hide that.
 *
 * Measure: Jaccard similarity of the shingle sets, |A ∩ B| / |A ∪ B|.
 *   Symmetric, in [0, 1], 1 only for the same set, and 1 − J is a metric.
 *   It asks "are these the same text", which is the question. Containment
 *   (|A ∩ B| / min(|A|, |B|)) was rejected: it scores 1 whenever the shorter
 *   text is inside the longer one, so a new report that restates last month's
 *   and adds a page of new progress, or any long report that quotes a short
 *   stock paragraph, would be flagged — a report that adds real content is
 *   not paper closure. Adding or removing a sentence still scores high under
 *   Jaccard (one sentence is a small part of the union). Sets rather than
 *   multisets: the stock words repeated throughout every report (完成, 推进)
 *   then count once, so they do not inflate the score of different reports.
 */

/**
 * Two texts at or above this similarity are near-identical. Chosen from the
 * tests (tests/unit/similarity.test.ts): every copy there scores 0.71 or more
 * (two of thirteen sentences rewritten 0.71, a third of a short report cut
 * 0.75, a short report with its figures changed 0.85, one sentence added or
 * removed 0.91, all figures and dates changed 0.94, another county's report
 * with the name swapped 0.96), while honest reports by different units score
 * at most 0.32 (two short reports filling the same 工作进展/存在问题/下步措施
 * template; full reports on the same subject 0.08–0.14, different subjects
 * under 0.05). 0.6 sits just above the middle of that gap. Read as rules: a
 * copy is caught until about a fifth of its sentences are rewritten (in a
 * trial, three of thirteen scored 0.59), and a report that repeats an
 * earlier one in full is flagged while what it adds is under two thirds of
 * the earlier text (1/0.6 − 1), i.e. while most of it is old text.
 */
export const NEAR_IDENTICAL = 0.6;

/**
 * A text with fewer distinct shingles than this is never flagged, in either
 * role (the new report or the earlier one). Short texts are stock phrases
 * that units legitimately repeat: "已完成" (2 bigrams), "按计划推进中" (5),
 * "已按照督查要求完成全部整改任务申请销号" (18). One stock sentence of Chinese
 * officialese runs to about twenty characters, so 20 distinct shingles (about
 * 21 characters of non-repetitive text, more than one such sentence) is where
 * identity starts to mean copying rather than idiom: "已完成改造3000户，完成投资
 * 1.2亿元，完成进度100%…" (30) is a specific claim and is compared. Counting
 * distinct shingles rather than characters also keeps "已完成已完成…" out.
 */
export const MIN_SHINGLES = 20;

export interface ReportTextParts {
  summary: string;
  answers?: readonly string[];
  difficulties?: string;
}

/** The text a report is compared by: its summary, answers and difficulties, in that order. */
export function reportText(parts: ReportTextParts): string {
  return [parts.summary, ...(parts.answers ?? []), parts.difficulties ?? ''].filter((part) => part.trim() !== '').join('\n');
}

/**
 * NFKC (full-width letters and digits to half-width, ㎡ to m2, ① to 1),
 * lower case, and only letters, combining marks and numbers kept: whitespace,
 * Chinese and ASCII punctuation (。，、；：？！“”‘’（）《》【】—… and
 * !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~), symbols and invisible format characters
 * (zero-width spaces) all go. "1.2亿" becomes "12亿", which is fine for
 * comparison.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

/**
 * The shingles of a text: the character bigrams of its normalised text with
 * every number folded to one placeholder "#", plus one shingle per distinct
 * number ("#3000"). So a changed figure leaves the words around it intact and
 * costs exactly one shingle on each side, however many digits it has: see the
 * module comment. Characters are code points, so CJK extension characters
 * count as one. Bigrams never contain a digit and number shingles always do,
 * so the two kinds cannot collide.
 */
export function shingles(text: string): Set<string> {
  const normalised = normalise(text);
  const result = new Set<string>();
  const chars = Array.from(normalised.replace(/[0-9]+/g, '#'));
  for (let i = 0; i + 1 < chars.length; i++) result.add(chars[i]! + chars[i + 1]!);
  for (const number of normalised.match(/[0-9]+/g) ?? []) result.add(`#${number}`);
  return result;
}

/** Jaccard similarity of two shingle sets; 0 when either is empty (nothing to compare). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}

/**
 * How alike two texts are, in [0, 1]: Jaccard similarity of their shingle
 * sets. Symmetric. 1 for texts equal after normalisation; 0 when either has
 * no shingle (empty, punctuation only, or a single non-digit character):
 * there is nothing to compare. Judging whether a score means copying is
 * isNearIdentical's and mostSimilar's job, not this one's.
 */
export function similarity(a: string, b: string): number {
  return jaccard(shingles(a), shingles(b));
}

/** Whether two texts are near-identical: both long enough to mean something, and similar at or above the threshold. */
export function isNearIdentical(a: string, b: string): boolean {
  const sa = shingles(a);
  const sb = shingles(b);
  return sa.size >= MIN_SHINGLES && sb.size >= MIN_SHINGLES && jaccard(sa, sb) >= NEAR_IDENTICAL;
}

/**
 * The earlier text most similar to `text`, if at or above NEAR_IDENTICAL;
 * undefined when none is, or when `text` is too short to judge. Earlier
 * texts too short to judge are skipped. On a tie the first in `earlier` wins:
 * pass them oldest first to point at the original.
 */
export function mostSimilar(
  text: string,
  earlier: readonly { id: string; text: string }[],
): { id: string; similarity: number } | undefined {
  const mine = shingles(text);
  if (mine.size < MIN_SHINGLES) return undefined;
  let best: { id: string; similarity: number } | undefined;
  for (const candidate of earlier) {
    const theirs = shingles(candidate.text);
    if (theirs.size < MIN_SHINGLES) continue;
    // Jaccard cannot exceed min/max of the sizes: skip what cannot reach the threshold or beat the best.
    const bound = Math.min(mine.size, theirs.size) / Math.max(mine.size, theirs.size);
    if (bound < NEAR_IDENTICAL || (best !== undefined && bound <= best.similarity)) continue;
    const score = jaccard(mine, theirs);
    if (score >= NEAR_IDENTICAL && (best === undefined || score > best.similarity)) {
      best = { id: candidate.id, similarity: score };
    }
  }
  return best;
}
