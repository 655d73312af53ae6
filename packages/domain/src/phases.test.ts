import { describe, expect, it } from 'vitest';
import { PHASE_KEYS, PHASE_LABELS, phaseMessages } from './phases.ts';

describe('the phases of a campaign', () => {
  it('have one name and description in each language, the notice’s words in Chinese', () => {
    for (const key of PHASE_KEYS) {
      expect(PHASE_LABELS[key].zh.name).toMatch(/\p{Script=Han}/u);
      expect(PHASE_LABELS[key].en.name).toMatch(/[A-Za-z]/);
    }
    expect(PHASE_KEYS.map((k) => PHASE_LABELS[k].zh.name)).toEqual(['动员申报', '组织推荐', '形式审查', '专家评审', '公示', '命名', '宣传展示']);
    expect(phaseMessages('en').review).toEqual(PHASE_LABELS.review.en);
  });
});
