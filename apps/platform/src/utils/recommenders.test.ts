import { describe, expect, it } from 'vitest';
import { quotaShape, summariseRecommenders } from './recommenders.ts';

describe('summariseRecommenders', () => {
  it('groups by kind in the notice order with the quota range', () => {
    const summary = summariseRecommenders([
      { name: '区科协', kind: 'district', defaultQuotaMin: 1, defaultQuotaMax: 2 },
      { name: '市科协', kind: 'municipal', defaultQuotaMin: 0, defaultQuotaMax: 3 },
      { name: '市教委', kind: 'municipal', defaultQuotaMin: 0, defaultQuotaMax: 3 },
    ]);
    expect(summary.map((s) => [s.kind, s.count, s.quotaMin, s.quotaMax])).toEqual([
      ['municipal', 2, 0, 3],
      ['district', 1, 1, 2],
    ]);
  });
});

describe('quotaShape', () => {
  it('reads the notice quotas the way the notice says them', () => {
    expect(quotaShape(0, 3).key).toBe('upTo');
    expect(quotaShape(1, 2).key).toBe('range');
    expect(quotaShape(0, 1)).toEqual({ key: 'exactly', min: 1, max: 1 });
  });
});
