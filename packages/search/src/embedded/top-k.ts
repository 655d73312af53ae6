/**
 * The k best (item, score) pairs of a stream, best first, without sorting the whole stream: a
 * bounded binary heap whose root is the worst pair kept. Items are numbers (document numbers), so
 * scanning a hundred thousand candidates allocates nothing.
 */
export function topK(k: number, better: (a: number, scoreA: number, b: number, scoreB: number) => boolean) {
  const items = new Int32Array(Math.max(k, 0));
  const scores = new Float64Array(Math.max(k, 0));
  let size = 0;
  const worse = (i: number, j: number) => better(items[j]!, scores[j]!, items[i]!, scores[i]!);
  const swap = (i: number, j: number) => {
    const item = items[i]!;
    const score = scores[i]!;
    items[i] = items[j]!;
    scores[i] = scores[j]!;
    items[j] = item;
    scores[j] = score;
  };
  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      let worst = i;
      if (left < size && worse(left, worst)) worst = left;
      if (left + 1 < size && worse(left + 1, worst)) worst = left + 1;
      if (worst === i) return;
      swap(i, worst);
      i = worst;
    }
  };

  return {
    offer(item: number, score: number) {
      if (size < k) {
        items[size] = item;
        scores[size] = score;
        for (let i = size++; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      } else if (k > 0 && better(item, score, items[0]!, scores[0]!)) {
        items[0] = item;
        scores[0] = score;
        siftDown(0);
      }
    },
    /** The kept items, best first. */
    sorted(): number[] {
      const order = Array.from({ length: size }, (_, i) => i);
      order.sort((i, j) => (better(items[i]!, scores[i]!, items[j]!, scores[j]!) ? -1 : better(items[j]!, scores[j]!, items[i]!, scores[i]!) ? 1 : 0));
      return order.map((i) => items[i]!);
    },
  };
}
