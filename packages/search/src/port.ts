/** What is searchable: a published resource, a base of the register, or a published event of one. */
export type SearchKind = 'resource' | 'base' | 'event';

/** One entry of the index, built from the database rows (packages/api/src/services/search/documents.ts). */
export type SearchDocument = {
  id: string;
  kind: SearchKind;
  title: string;
  /** Plain text shown in snippets and searched (description, introduction, address…). */
  body: string;
  /** Resource type key; 'base' for a base, 'event' for an event. */
  type: string | null;
  districtCode: string;
  /** The base a resource belongs to; a base's own id for a base. */
  baseId: string;
  baseName: string;
  elements: string[];
  scientists: string[];
  audiences: string[];
  /** Newest first when browsing without words (published / named date, ISO). */
  sortAt: string;
  /** Path of the image shown on the hit's card (a resource's first image), if any. */
  cover?: string | null;
};

export type SearchFilters = {
  kind?: SearchKind;
  type?: string[];
  district?: string[];
  element?: string[];
  scientist?: string[];
  audience?: string[];
};

export type SearchQuery = { q: string; filters?: SearchFilters; page?: number; pageSize?: number };

export type SearchHit = {
  id: string;
  kind: SearchKind;
  title: string;
  /** HTML: only <mark> tags, everything else escaped. */
  snippet: string;
  type: string | null;
  districtCode: string;
  baseId: string;
  baseName: string;
  url: string;
  cover: string | null;
};

export const FACETS = ['type', 'district', 'element', 'scientist', 'audience'] as const;
export type FacetName = (typeof FACETS)[number];
export type FacetCounts = Record<FacetName, Array<{ value: string; count: number }>>;

export type SearchResult = {
  total: number;
  page: number;
  pageSize: number;
  tookMs: number;
  hits: SearchHit[];
  facets: FacetCounts;
};

/**
 * The port every engine implements; the contract suite (`contract.ts`) holds them to the same
 * behaviour. Writes are idempotent: upserting a document twice or removing a missing id is fine.
 */
export interface SearchEngine {
  readonly name: string;
  /** Creates the index (tables, settings) if missing; safe to call repeatedly. */
  setup(): Promise<void>;
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Empties the index. */
  clear(): Promise<void>;
  /** Optional fast path for a full rebuild: empties the index and bulk-loads these pages. */
  rebuild?(pages: AsyncIterable<SearchDocument[]>): Promise<void>;
  /** Every indexed id with its kind, for checks that the index equals the database. */
  listIds(): Promise<Array<{ id: string; kind: SearchKind }>>;
  /** How many documents are indexed (an empty index on start triggers a rebuild). */
  count(): Promise<number>;
  query(query: SearchQuery): Promise<SearchResult>;
  close?(): Promise<void>;
}

export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;
/** Values returned per facet, most frequent first. */
export const FACET_LIMIT = 50;

export const urlOf = (kind: SearchKind, id: string) => (kind === 'resource' ? `/resources/${id}` : kind === 'event' ? `/events/${id}` : `/bases/${id}`);

export function normalisePaging(query: SearchQuery) {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
  const page = Math.max(1, Math.floor(query.page ?? 1));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const emptyFacets = (): FacetCounts => ({ type: [], district: [], element: [], scientist: [], audience: [] });
