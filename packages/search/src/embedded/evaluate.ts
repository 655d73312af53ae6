import { FACET_LIMIT, FACETS, type FacetCounts, type FacetName, type SearchFilters } from '../port.ts';
import { KIND_CODES, LIST_FACETS, SCALAR_FACETS, type DocStore, type ListFacet, type ScalarFacet } from './doc-store.ts';
import { topK } from './top-k.ts';

/** Matching documents: every document when browsing, else document numbers with a rank function. */
export type Candidates = { all: true } | { all: false; seqs: ArrayLike<number>; rank: (seq: number, i: number) => number };

export type Evaluation = {
  total: number;
  /** Document numbers of the requested page, in order. */
  page: number[];
  facets: FacetCounts;
};

type ScalarFilter = { facet: ScalarFacet; list: false; column: Int32Array; allowed: Uint8Array };
type ListFilter = { facet: ListFacet; list: true; start: Int32Array; length: Uint8Array; pool: Int32Array; allowed: Uint8Array };
type ActiveFilter = ScalarFilter | ListFilter;

function allowedCodes(store: DocStore, facet: FacetName, wanted: string[]) {
  const dictionary = store.dictionaries[facet];
  const allowed = new Uint8Array(dictionary.size);
  for (const value of wanted) {
    const code = dictionary.find(value);
    if (code !== undefined) allowed[code] = 1;
  }
  return allowed;
}

function activeFilters(store: DocStore, filters: SearchFilters): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const facet of SCALAR_FACETS) {
    const wanted = filters[facet];
    if (wanted?.length) out.push({ facet, list: false, column: store.scalar[facet], allowed: allowedCodes(store, facet, wanted) });
  }
  for (const facet of LIST_FACETS) {
    const wanted = filters[facet];
    const column = store.lists[facet];
    if (wanted?.length) out.push({ facet, list: true, start: column.start, length: column.length, pool: column.pool, allowed: allowedCodes(store, facet, wanted) });
  }
  return out;
}

function passes(filter: ActiveFilter, seq: number): boolean {
  if (!filter.list) {
    const code = filter.column[seq]!;
    return code >= 0 && filter.allowed[code] === 1;
  }
  const start = filter.start[seq]!;
  const end = start + filter.length[seq]!;
  for (let i = start; i < end; i++) if (filter.allowed[filter.pool[i]!] === 1) return true;
  return false;
}

/**
 * One pass over the candidates: filters (OR within a facet, AND across facets), the total, the
 * page of hits, and facet counts in which each facet ignores its own filter — a document failing
 * exactly one facet's filter still counts for that facet, so other values stay choosable.
 */
export function evaluate(store: DocStore, candidates: Candidates, filters: SearchFilters, offset: number, limit: number): Evaluation {
  const active = activeFilters(store, filters);
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Int32Array(store.dictionaries[f].size)])) as Record<FacetName, Int32Array>;
  const { alive, kind, sortAt, info } = store;
  const type = store.scalar.type;
  const district = store.scalar.district;
  const lists = LIST_FACETS.map((facet) => ({ counts: counts[facet], start: store.lists[facet].start, length: store.lists[facet].length, pool: store.lists[facet].pool }));
  const wantedKind = filters.kind ? KIND_CODES[filters.kind] : -1;
  // Higher rank first, then newest, then id: the same order on every engine replica.
  const best = topK(offset + limit, (a, ra, b, rb) =>
    ra !== rb ? ra > rb : sortAt[a] !== sortAt[b] ? sortAt[a]! > sortAt[b]! : info[a]!.id < info[b]!.id,
  );

  const countFacet = (facet: FacetName, seq: number) => {
    if (facet === 'type' || facet === 'district') {
      const code = store.scalar[facet][seq]!;
      if (code >= 0) counts[facet][code]!++;
      return;
    }
    const column = store.lists[facet];
    const start = column.start[seq]!;
    for (let i = start, end = start + column.length[seq]!; i < end; i++) counts[facet][column.pool[i]!]!++;
  };

  let total = 0;
  const all = candidates.all;
  const n = all ? store.maxSeq + 1 : candidates.seqs.length;
  for (let i = 0; i < n; i++) {
    const seq = all ? i : candidates.seqs[i]!;
    if (alive[seq] !== 1 || (wantedKind >= 0 && kind[seq] !== wantedKind)) continue;
    let failed = -1;
    for (let f = 0; f < active.length; f++) {
      if (passes(active[f]!, seq)) continue;
      failed = failed === -1 ? f : -2;
      if (failed === -2) break;
    }
    if (failed === -2) continue; // fails two facets: counts nowhere
    if (failed >= 0) {
      countFacet(active[failed]!.facet, seq);
      continue;
    }
    total++;
    best.offer(seq, all ? 0 : candidates.rank(seq, i));
    const t = type[seq]!;
    if (t >= 0) counts.type[t]!++;
    counts.district[district[seq]!]!++;
    for (const list of lists) {
      const start = list.start[seq]!;
      for (let j = start, end = start + list.length[seq]!; j < end; j++) list.counts[list.pool[j]!]!++;
    }
  }

  const facets = {} as FacetCounts;
  for (const facet of FACETS) {
    const values = store.dictionaries[facet].values;
    const list: Array<{ value: string; count: number }> = [];
    counts[facet].forEach((count, code) => count > 0 && list.push({ value: values[code]!, count }));
    list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    facets[facet] = list.slice(0, FACET_LIMIT);
  }
  return { total, page: best.sorted().slice(offset), facets };
}
