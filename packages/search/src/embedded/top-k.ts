/**
 * The k best documents of a stream, best first, without sorting the whole stream: a bounded
 * binary heap whose root is the worst document kept. Order: higher rank, then newer, then smaller
 * id — the same on every engine process. A class with its order built in (no comparator closure)
 * keeps the scanning loop's calls monomorphic, which a per-query closure would not.
 */
export class TopDocs {
  private readonly seqs: Int32Array;
  private readonly ranks: Float64Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly sortAt: Float64Array,
    private readonly info: ArrayLike<{ id: string } | undefined>,
  ) {
    this.seqs = new Int32Array(Math.max(k, 0));
    this.ranks = new Float64Array(Math.max(k, 0));
  }

  better(a: number, rankA: number, b: number, rankB: number): boolean {
    if (rankA !== rankB) return rankA > rankB;
    const at = this.sortAt[a]!;
    const bt = this.sortAt[b]!;
    if (at !== bt) return at > bt;
    return this.info[a]!.id < this.info[b]!.id;
  }

  offer(seq: number, rank: number) {
    const { seqs, ranks } = this;
    if (this.size < this.k) {
      let i = this.size++;
      seqs[i] = seq;
      ranks[i] = rank;
      // Sift up: the worst document rises to the root.
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.better(seqs[parent]!, ranks[parent]!, seqs[i]!, ranks[i]!)) break;
        this.swap(i, parent);
        i = parent;
      }
    } else if (this.k > 0 && this.better(seq, rank, seqs[0]!, ranks[0]!)) {
      seqs[0] = seq;
      ranks[0] = rank;
      this.siftDown(0);
    }
  }

  /** The kept document numbers, best first. */
  sorted(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    const { seqs, ranks } = this;
    order.sort((i, j) => (this.better(seqs[i]!, ranks[i]!, seqs[j]!, ranks[j]!) ? -1 : this.better(seqs[j]!, ranks[j]!, seqs[i]!, ranks[i]!) ? 1 : 0));
    return order.map((i) => seqs[i]!);
  }

  private worse(i: number, j: number) {
    return this.better(this.seqs[j]!, this.ranks[j]!, this.seqs[i]!, this.ranks[i]!);
  }

  private swap(i: number, j: number) {
    const { seqs, ranks } = this;
    const seq = seqs[i]!;
    const rank = ranks[i]!;
    seqs[i] = seqs[j]!;
    ranks[i] = ranks[j]!;
    seqs[j] = seq;
    ranks[j] = rank;
  }

  private siftDown(i: number) {
    for (;;) {
      const left = 2 * i + 1;
      let worst = i;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (left + 1 < this.size && this.worse(left + 1, worst)) worst = left + 1;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}
