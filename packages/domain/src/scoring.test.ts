import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankNominations, scoreSheetProblems, summarizeScores, weightedTotal } from './scoring.ts';
import { DEFAULT_REVIEW_CRITERIA, type ReviewCriterion } from './selection.ts';

const full = (value: number) => Object.fromEntries(DEFAULT_REVIEW_CRITERIA.map((c) => [c.key, value]));

describe('weighted total of one score sheet', () => {
  it('weights each criterion by its share of the weights, on a 0–100 scale', () => {
    // venue 20, content 25, items 20, management 15, openness 20 (sum 100)
    const scores = { venue: 80, content: 90, items: 70, management: 60, openness: 100 };
    expect(weightedTotal(DEFAULT_REVIEW_CRITERIA, scores)).toBe((80 * 20 + 90 * 25 + 70 * 20 + 60 * 15 + 100 * 20) / 100);
  });

  it('scales scores by each criterion’s maximum and relative weights that need not sum to 100', () => {
    const criteria: ReviewCriterion[] = [
      { key: 'a', label: 'A', weight: 1, maxScore: 10 },
      { key: 'b', label: 'B', weight: 3, maxScore: 5 },
    ];
    // a: 5/10 = 0.5 × 1, b: 5/5 = 1 × 3 → 3.5 / 4 = 87.5
    expect(weightedTotal(criteria, { a: 5, b: 5 })).toBe(87.5);
  });

  it('is null while a criterion is blank, so a half-filled sheet never reads as a low score', () => {
    const { openness: _, ...partial } = full(80);
    expect(weightedTotal(DEFAULT_REVIEW_CRITERIA, partial)).toBeNull();
  });

  it('reports blanks only when submitting, and out-of-range or unknown scores always', () => {
    expect(scoreSheetProblems(DEFAULT_REVIEW_CRITERIA, { venue: 50 }, { isComplete: false })).toEqual([]);
    expect(scoreSheetProblems(DEFAULT_REVIEW_CRITERIA, { venue: 50 }, { isComplete: true })).toHaveLength(4);
    expect(scoreSheetProblems(DEFAULT_REVIEW_CRITERIA, { venue: 101, bogus: 1 }, { isComplete: false })).toEqual([
      { key: 'bogus', message: expect.stringContaining('不在本轮评分表中') },
      { key: 'venue', message: '“独立展馆或相对独立的展示空间”的分数须在 0–100 之间' },
    ]);
  });

  it('stays between 0 and 100 and equals the common score when every criterion has the same share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 5, maxLength: 5 }), (score, weights) => {
        const criteria = DEFAULT_REVIEW_CRITERIA.map((c, i) => ({ ...c, weight: weights[i]! }));
        expect(weightedTotal(criteria, full(score))).toBeCloseTo(score, 6);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }), (values) => {
        const total = weightedTotal(DEFAULT_REVIEW_CRITERIA, Object.fromEntries(DEFAULT_REVIEW_CRITERIA.map((c, i) => [c.key, values[i]!])))!;
        expect(total).toBeGreaterThanOrEqual(Math.min(...values) - 0.005);
        expect(total).toBeLessThanOrEqual(Math.max(...values) + 0.005);
      }),
    );
  });
});

describe('summary of one nomination’s scores', () => {
  it('uses the plain mean below five scores', () => {
    expect(summarizeScores([70, 80, 90, 100], 20)).toEqual({ count: 4, mean: 85, trimmedMean: null, rankingScore: 85, spread: 30, isDisagreement: true });
  });

  it('drops exactly one highest and one lowest from five scores on, even when they repeat', () => {
    expect(summarizeScores([10, 80, 82, 84, 100], 50)).toMatchObject({ mean: 71.2, trimmedMean: 82, rankingScore: 82 });
    expect(summarizeScores([90, 90, 70, 70, 80], 50)).toMatchObject({ trimmedMean: 80 });
    expect(summarizeScores([60, 60, 60, 60, 60, 99], 50)).toMatchObject({ trimmedMean: 60 });
  });

  it('flags a disagreement when the spread reaches the threshold, never with one score', () => {
    expect(summarizeScores([70, 89.99], 20).isDisagreement).toBe(false);
    expect(summarizeScores([70, 90], 20).isDisagreement).toBe(true);
    expect(summarizeScores([5], 0).isDisagreement).toBe(false);
    expect(summarizeScores([], 20)).toMatchObject({ count: 0, mean: null, rankingScore: null, isDisagreement: false });
  });

  it('keeps the trimmed mean within the scores and ignores the order they came in', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 5, maxLength: 30 }), (totals) => {
        const summary = summarizeScores(totals, 20);
        const sorted = [...totals].sort((a, b) => a - b);
        expect(summary.trimmedMean!).toBeGreaterThanOrEqual(sorted[1]! - 0.01);
        expect(summary.trimmedMean!).toBeLessThanOrEqual(sorted.at(-2)! + 0.01);
        expect(summarizeScores([...totals].reverse(), 20)).toEqual(summary);
      }),
    );
  });

  it('is not moved by one outlier once trimmed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 40, max: 60 }), { minLength: 4, maxLength: 10 }), fc.integer({ min: 0, max: 100 }), (scores, outlier) => {
        const withHigh = summarizeScores([...scores, 100, outlier], 20);
        const withoutOutlier = summarizeScores([...scores, 100, 0], 20);
        if (outlier <= Math.min(...scores)) expect(withHigh.trimmedMean).toBe(withoutOutlier.trimmedMean);
      }),
    );
  });
});

describe('ranking', () => {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

  it('sorts by ranking score, shares the rank on ties (1, 1, 3) and puts unscored nominations last', () => {
    const ranked = rankNominations(
      [
        { name: 'd', totals: [] },
        { name: 'b', totals: [80, 90] },
        { name: 'a', totals: [85] },
        { name: 'c', totals: [70] },
      ],
      20,
      byName,
    );
    expect(ranked.map((r) => [r.name, r.rank, r.rankingScore])).toEqual([
      ['a', 1, 85],
      ['b', 1, 85],
      ['c', 3, 70],
      ['d', null, null],
    ]);
  });

  it('ranks by the trimmed mean when there are five scores, not by the mean', () => {
    const ranked = rankNominations(
      [
        { name: 'steady', totals: [80, 80, 80, 80, 80] },
        { name: 'one-outlier', totals: [0, 82, 82, 82, 100] },
      ],
      20,
      byName,
    );
    expect(ranked.map((r) => r.name)).toEqual(['one-outlier', 'steady']);
    expect(ranked[0]).toMatchObject({ mean: 69.2, trimmedMean: 82, isDisagreement: true });
  });

  it('never lets a lower score outrank a higher one, whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string(), totals: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 7 }) }), { maxLength: 15 }), (items) => {
        const ranked = rankNominations(items, 20, byName);
        for (let i = 1; i < ranked.length; i++) {
          const [prev, cur] = [ranked[i - 1]!, ranked[i]!];
          if (cur.rankingScore !== null) expect(prev.rankingScore!).toBeGreaterThanOrEqual(cur.rankingScore);
          if (cur.rank !== null) expect(cur.rank).toBe(prev.rankingScore === cur.rankingScore ? prev.rank : i + 1);
        }
      }),
    );
  });
});
