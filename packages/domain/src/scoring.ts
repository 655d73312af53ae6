import type { ReviewCriterion } from './selection.ts';

/**
 * The maths of expert review, shared by the server (ranking, submission) and the score-sheet page
 * (live total), so both always agree.
 */

/** A trimmed mean drops one highest and one lowest score, once a nomination has this many. */
export const TRIMMED_MEAN_MIN_SCORES = 5;

/** Weighted totals are shown and compared on a 0–100 scale, to two decimals. */
const round2 = (value: number) => Math.round(value * 100) / 100;

export type ScoreProblem = { key: string; message: string };

/**
 * What is wrong with a score sheet: unknown criteria, scores out of range or not numbers, and —
 * when the sheet is to be submitted — criteria left blank. A draft may be incomplete.
 */
export function scoreSheetProblems(criteria: ReviewCriterion[], scores: Record<string, number>, options: { isComplete: boolean }): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const known = new Set(criteria.map((c) => c.key));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) problems.push({ key, message: `评分项“${key}”不在本轮评分表中` });
  }
  for (const criterion of criteria) {
    const value = scores[criterion.key];
    if (value === undefined || value === null) {
      if (options.isComplete) problems.push({ key: criterion.key, message: `请为“${criterion.label}”打分` });
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > criterion.maxScore) {
      problems.push({ key: criterion.key, message: `“${criterion.label}”的分数须在 0–${criterion.maxScore} 之间` });
    }
  }
  return problems;
}

/**
 * One expert's weighted total on a 0–100 scale: each score as a share of its maximum, weighted by
 * the criterion's relative weight. Null while any criterion is blank, so a half-filled sheet never
 * looks like a low score.
 */
export function weightedTotal(criteria: ReviewCriterion[], scores: Record<string, number>): number | null {
  const weightSum = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (criteria.length === 0 || weightSum <= 0) return null;
  let total = 0;
  for (const criterion of criteria) {
    const value = scores[criterion.key];
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    total += (value / criterion.maxScore) * criterion.weight;
  }
  return round2((total / weightSum) * 100);
}

export type ScoreSummary = {
  count: number;
  mean: number | null;
  /** Mean without the single highest and single lowest score; null below five scores. */
  trimmedMean: number | null;
  /** What the ranking sorts by: the trimmed mean when there is one, else the mean. */
  rankingScore: number | null;
  /** Highest minus lowest weighted total. */
  spread: number | null;
  isDisagreement: boolean;
};

/** Summarises the submitted weighted totals of one nomination. */
export function summarizeScores(totals: number[], disagreementThreshold: number): ScoreSummary {
  const count = totals.length;
  if (count === 0) return { count, mean: null, trimmedMean: null, rankingScore: null, spread: null, isDisagreement: false };
  const sorted = [...totals].sort((a, b) => a - b);
  const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
  const mean = round2(sum(sorted) / count);
  const trimmedMean = count >= TRIMMED_MEAN_MIN_SCORES ? round2(sum(sorted.slice(1, -1)) / (count - 2)) : null;
  const spread = round2(sorted[count - 1]! - sorted[0]!);
  return { count, mean, trimmedMean, rankingScore: trimmedMean ?? mean, spread, isDisagreement: count >= 2 && spread >= disagreementThreshold };
}

export type RankedNomination<T> = T & ScoreSummary & { rank: number | null };

/**
 * Orders nominations by ranking score, highest first. Equal scores share a rank (1, 1, 3) and keep
 * the order of `tieBreak`; nominations without any submitted score come last, unranked.
 */
export function rankNominations<T extends { totals: number[] }>(items: T[], disagreementThreshold: number, tieBreak: (a: T, b: T) => number): Array<RankedNomination<T>> {
  const summarized = items.map((item) => ({ ...item, ...summarizeScores(item.totals, disagreementThreshold) }));
  summarized.sort((a, b) => {
    if (a.rankingScore === null || b.rankingScore === null) {
      if (a.rankingScore !== b.rankingScore) return a.rankingScore === null ? 1 : -1;
      return tieBreak(a, b);
    }
    return b.rankingScore - a.rankingScore || tieBreak(a, b);
  });
  let previous: { score: number; rank: number } | null = null;
  return summarized.map((item, index) => {
    if (item.rankingScore === null) return { ...item, rank: null };
    const rank = previous && previous.score === item.rankingScore ? previous.rank : index + 1;
    previous = { score: item.rankingScore, rank };
    return { ...item, rank };
  });
}
