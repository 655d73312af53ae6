import { describe, expect, it } from 'vitest';
import { sameCriteria, withCriterionKeys, ZReviewCriteriaInput } from './review-criteria.ts';
import { DEFAULT_REVIEW_CRITERIA } from './selection.ts';

describe('score items as the office edits them', () => {
  it('keep their keys; new items get free ones', () => {
    const edited = [...DEFAULT_REVIEW_CRITERIA.slice(1), { label: '社会影响', weight: 10, maxScore: 100 }, { key: 'c1', label: '讲解质量', weight: 5, maxScore: 10 }, { label: '特色', weight: 5, maxScore: 10 }];
    const keyed = withCriterionKeys(edited);
    expect(keyed.map((c) => c.key)).toEqual(['content', 'items', 'management', 'openness', 'c2', 'c1', 'c3']);
    expect(sameCriteria(withCriterionKeys(DEFAULT_REVIEW_CRITERIA), DEFAULT_REVIEW_CRITERIA)).toBe(true);
    expect(sameCriteria(keyed, DEFAULT_REVIEW_CRITERIA)).toBe(false);
  });

  it('refuses two items of the same name', () => {
    const result = ZReviewCriteriaInput.safeParse([{ label: '社会影响', weight: 1, maxScore: 10 }, { label: '社会影响', weight: 2, maxScore: 10 }]);
    expect(result.error?.issues[0]?.message).toBe('评分项名称不能重复');
  });
});
