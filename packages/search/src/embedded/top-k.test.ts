import { describe, expect, it } from 'vitest';
import { TopDocs } from './top-k.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `doc-${String(i).padStart(4, '0')}` }));

describe('TopDocs', () => {
  it('keeps the k best by rank, then newest, then id, whatever the arrival order', () => {
    const n = 500;
    const sortAt = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 53);
    const rank = (i: number) => (i * 31) % 5;
    const best = new TopDocs(25, sortAt, ids(n));
    for (let i = n - 1; i >= 0; i--) best.offer(i, rank(i));
    const expected = Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => rank(b) - rank(a) || sortAt[b]! - sortAt[a]! || a - b)
      .slice(0, 25);
    expect(best.sorted()).toEqual(expected);
  });

  it('returns everything when the stream is shorter than k, and nothing for k = 0', () => {
    const sortAt = Float64Array.from([3, 1, 2]);
    const few = new TopDocs(10, sortAt, ids(3));
    [0, 1, 2].forEach((seq) => few.offer(seq, 0));
    expect(few.sorted()).toEqual([0, 2, 1]);
    const none = new TopDocs(0, sortAt, ids(3));
    none.offer(0, 1);
    expect(none.sorted()).toEqual([]);
  });
});
