import type { FacetName, SearchKind } from '../port.ts';
import { normalise } from '../tokenize.ts';

/** Strings of one facet, numbered in order of first appearance. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  find(value: string): number | undefined {
    return this.codes.get(value);
  }

  get size() {
    return this.values.length;
  }
}

export const SCALAR_FACETS = ['type', 'district'] as const;
export const LIST_FACETS = ['element', 'scientist', 'audience'] as const;
export type ScalarFacet = (typeof SCALAR_FACETS)[number];
export type ListFacet = (typeof LIST_FACETS)[number];

/**
 * A list-valued facet column: each document's codes are a slice [start, start + length) of one
 * shared pool. A changed document appends a new slice; the pool is compacted when half is garbage.
 */
export class ListColumn {
  start = new Int32Array(0);
  length = new Uint8Array(0);
  pool = new Int32Array(1024);
  used = 0;
  private live = 0;

  grow(capacity: number) {
    this.start = resized(this.start, capacity);
    this.length = resized(this.length, capacity);
  }

  set(seq: number, all: number[], maxSeq: number) {
    const codes = all.length > 255 ? all.slice(0, 255) : all;
    this.clear(seq);
    if (this.used + codes.length > this.pool.length) this.compactOrGrow(codes.length, maxSeq);
    this.start[seq] = this.used;
    this.length[seq] = codes.length;
    this.pool.set(codes, this.used);
    this.used += codes.length;
    this.live += codes.length;
  }

  clear(seq: number) {
    this.live -= this.length[seq]!;
    this.length[seq] = 0;
  }

  private compactOrGrow(extra: number, maxSeq: number) {
    const size = Math.max(1024, (this.live + extra) * 2);
    const pool = new Int32Array(size);
    let used = 0;
    for (let seq = 0; seq <= maxSeq; seq++) {
      const n = this.length[seq]!;
      if (!n) continue;
      pool.set(this.pool.subarray(this.start[seq]!, this.start[seq]! + n), used);
      this.start[seq] = used;
      used += n;
    }
    this.pool = pool;
    this.used = used;
  }
}

function resized<T extends Int32Array | Uint8Array | Float64Array>(array: T, capacity: number): T {
  if (array.length >= capacity) return array;
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** What a hit shows and ranking reads, kept as one object per document. */
export type DocInfo = { id: string; baseId: string; baseName: string; title: string; titleKey: string; cover: string | null };

/** A row of search_docs as the sync reads it. */
export type DocRow = {
  seq: number;
  id: string;
  kind: SearchKind;
  type: string | null;
  district_code: string;
  base_id: string;
  base_name: string;
  elements: string[];
  scientists: string[];
  audiences: string[];
  sort_at: string | Date;
  title: string;
  cover: string | null;
};

export const KIND_CODES: Record<SearchKind, number> = { resource: 0, base: 1, event: 2 };
export const KINDS: SearchKind[] = ['resource', 'base', 'event'];

/**
 * The engine's in-memory copy of search_docs (without bodies), in columns of typed arrays
 * addressed by document number. It is what lets a search filter a hundred thousand documents and
 * count five facets in one tight pass, instead of five aggregations in SQL.
 * `generation`/`epoch` say which committed state of the tables it mirrors.
 */
export class DocStore {
  readonly dictionaries: Record<FacetName, Dictionary> = {
    type: new Dictionary(),
    district: new Dictionary(),
    element: new Dictionary(),
    scientist: new Dictionary(),
    audience: new Dictionary(),
  };
  alive = new Uint8Array(0);
  kind = new Uint8Array(0);
  /** Scalar facet codes; -1 when a document has none (a base has no resource type). */
  readonly scalar: Record<ScalarFacet, Int32Array> = { type: new Int32Array(0), district: new Int32Array(0) };
  readonly lists: Record<ListFacet, ListColumn> = { element: new ListColumn(), scientist: new ListColumn(), audience: new ListColumn() };
  sortAt = new Float64Array(0);
  info: Array<DocInfo | undefined> = [];
  /** Highest document number ever stored (numbers are never reused within an epoch). */
  maxSeq = 0;
  count = 0;
  generation = -1;
  epoch = -1;

  reset(epoch: number) {
    this.alive = new Uint8Array(0);
    this.info = [];
    this.maxSeq = 0;
    this.count = 0;
    this.epoch = epoch;
    this.generation = -1;
    for (const facet of LIST_FACETS) this.lists[facet] = new ListColumn();
  }

  private ensureCapacity(seq: number) {
    if (seq < this.alive.length) return;
    const capacity = Math.max(1024, 2 ** Math.ceil(Math.log2(seq + 1)));
    this.alive = resized(this.alive, capacity);
    this.kind = resized(this.kind, capacity);
    for (const facet of SCALAR_FACETS) this.scalar[facet] = resized(this.scalar[facet], capacity);
    for (const facet of LIST_FACETS) this.lists[facet].grow(capacity);
    this.sortAt = resized(this.sortAt, capacity);
  }

  put(row: DocRow) {
    const { seq } = row;
    const d = this.dictionaries;
    this.ensureCapacity(seq);
    this.maxSeq = Math.max(this.maxSeq, seq);
    if (!this.alive[seq]) this.count++;
    this.alive[seq] = 1;
    this.kind[seq] = KIND_CODES[row.kind];
    this.scalar.type[seq] = row.type === null ? -1 : d.type.code(row.type);
    this.scalar.district[seq] = d.district.code(row.district_code);
    this.lists.element.set(seq, row.elements.map((v) => d.element.code(v)), this.maxSeq);
    this.lists.scientist.set(seq, row.scientists.map((v) => d.scientist.code(v)), this.maxSeq);
    this.lists.audience.set(seq, row.audiences.map((v) => d.audience.code(v)), this.maxSeq);
    this.sortAt[seq] = new Date(row.sort_at).getTime();
    this.info[seq] = { id: row.id, baseId: row.base_id, baseName: row.base_name, title: row.title, titleKey: normalise(row.title), cover: row.cover };
  }

  delete(seq: number) {
    if (!this.alive[seq]) return;
    this.alive[seq] = 0;
    this.count--;
    for (const facet of LIST_FACETS) this.lists[facet].clear(seq);
    this.info[seq] = undefined;
  }
}
