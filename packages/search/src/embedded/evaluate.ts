import { FACET_LIMIT, FACETS, type FacetCounts, type FacetName, type SearchFilters } from '../port.ts';
import { KIND_CODES, type DocStore } from './doc-store.ts';
import { TopDocs } from './top-k.ts';

/** Matching documents: every document when browsing, else document numbers with a rank function. */
export type Candidates = { all: true } | { all: false; seqs: ArrayLike<number>; rank: (seq: number, i: number) => number };

export type Evaluation = {
  total: number;
  /** Document numbers of the requested page, in order. */
  page: number[];
  facets: FacetCounts;
};

function allowedCodes(store: DocStore, facet: FacetName, wanted: string[] | undefined): Uint8Array | null {
  if (!wanted?.length) return null;
  const dictionary = store.dictionaries[facet];
  const allowed = new Uint8Array(dictionary.size);
  for (const value of wanted) {
    const code = dictionary.find(value);
    if (code !== undefined) allowed[code] = 1;
  }
  return allowed;
}

/** Whether any code of a document's slice of a list column is allowed. */
function anyAllowed(pool: Int32Array, start: number, length: number, allowed: Uint8Array): boolean {
  for (let i = start, end = start + length; i < end; i++) if (allowed[pool[i]!] === 1) return true;
  return false;
}

function countSlice(pool: Int32Array, start: number, length: number, counts: Int32Array) {
  for (let i = start, end = start + length; i < end; i++) counts[pool[i]!]!++;
}

/**
 * One pass over the candidates: filters (OR within a facet, AND across facets), the total, the
 * page of hits, and facet counts in which each facet ignores its own filter — a document failing
 * exactly one facet's filter still counts for that facet, so other values stay choosable.
 */
export function evaluate(store: DocStore, candidates: Candidates, filters: SearchFilters, offset: number, limit: number): Evaluation {
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Int32Array(store.dictionaries[f].size)])) as Record<FacetName, Int32Array>;
  const { alive, kind, sortAt, info } = store;
  // Columns and filters held in locals: this loop runs over up to every document.
  const type = store.scalar.type;
  const district = store.scalar.district;
  const { element, scientist, audience } = store.lists;
  const [eStart, eLength, ePool] = [element.start, element.length, element.pool];
  const [sStart, sLength, sPool] = [scientist.start, scientist.length, scientist.pool];
  const [aStart, aLength, aPool] = [audience.start, audience.length, audience.pool];
  const [typeCounts, districtCounts, elementCounts, scientistCounts, audienceCounts] = FACETS.map((f) => counts[f]) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const typeOk = allowedCodes(store, 'type', filters.type);
  const districtOk = allowedCodes(store, 'district', filters.district);
  const elementOk = allowedCodes(store, 'element', filters.element);
  const scientistOk = allowedCodes(store, 'scientist', filters.scientist);
  const audienceOk = allowedCodes(store, 'audience', filters.audience);
  const wantedKind = filters.kind ? KIND_CODES[filters.kind] : -1;
  const best = new TopDocs(offset + limit, sortAt, info);

  let total = 0;
  const all = candidates.all;
  const n = all ? store.maxSeq + 1 : candidates.seqs.length;
  for (let i = 0; i < n; i++) {
    const seq = all ? i : candidates.seqs[i]!;
    if (alive[seq] !== 1 || (wantedKind >= 0 && kind[seq] !== wantedKind)) continue;
    const t = type[seq]!;
    const d = district[seq]!;
    // Which facet's filter the document fails: -1 none, 0…4 exactly that one, 5 two or more.
    let failed = -1;
    if (typeOk !== null && (t < 0 || typeOk[t] !== 1)) failed = 0;
    if (districtOk !== null && districtOk[d] !== 1) failed = failed === -1 ? 1 : 5;
    if (failed !== 5 && elementOk !== null && !anyAllowed(ePool, eStart[seq]!, eLength[seq]!, elementOk)) failed = failed === -1 ? 2 : 5;
    if (failed !== 5 && scientistOk !== null && !anyAllowed(sPool, sStart[seq]!, sLength[seq]!, scientistOk)) failed = failed === -1 ? 3 : 5;
    if (failed !== 5 && audienceOk !== null && !anyAllowed(aPool, aStart[seq]!, aLength[seq]!, audienceOk)) failed = failed === -1 ? 4 : 5;
    if (failed === 5) continue; // fails two facets: counts nowhere
    if (failed === -1) {
      total++;
      best.offer(seq, all ? 0 : candidates.rank(seq, i));
    }
    // A document passing every filter counts everywhere; failing one, only for that facet.
    if ((failed === -1 || failed === 0) && t >= 0) typeCounts[t]!++;
    if (failed === -1 || failed === 1) districtCounts[d]!++;
    if (failed === -1 || failed === 2) countSlice(ePool, eStart[seq]!, eLength[seq]!, elementCounts);
    if (failed === -1 || failed === 3) countSlice(sPool, sStart[seq]!, sLength[seq]!, scientistCounts);
    if (failed === -1 || failed === 4) countSlice(aPool, aStart[seq]!, aLength[seq]!, audienceCounts);
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
