import { describe, expect, it } from 'vitest';
import { topK } from './top-k.ts';

const byScoreThenItem = (a: number, sa: number, b: number, sb: number) => (sa !== sb ? sa > sb : a < b);

describe('topK', () => {
  it('keeps the k best of a stream, best first, whatever the arrival order', () => {
    const scores = Array.from({ length: 500 }, (_, i) => (i * 7919) % 97);
    const best = topK(25, byScoreThenItem);
    scores.forEach((score, item) => best.offer(item, score));
    const expected = scores
      .map((score, item) => ({ score, item }))
      .sort((a, b) => b.score - a.score || a.item - b.item)
      .slice(0, 25)
      .map((x) => x.item);
    expect(best.sorted()).toEqual(expected);
  });

  it('returns everything when the stream is shorter than k, and nothing for k = 0', () => {
    const few = topK(10, byScoreThenItem);
    [3, 1, 2].forEach((item) => few.offer(item, 0));
    expect(few.sorted()).toEqual([1, 2, 3]);
    const none = topK(0, byScoreThenItem);
    none.offer(1, 1);
    expect(none.sorted()).toEqual([]);
  });
});
