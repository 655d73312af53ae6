import { sql } from 'drizzle-orm';

/** Secondary indexes; a rebuild drops and recreates them around the bulk load. */
export const SEARCH_INDEXES = [
  { name: 'search_text_tokens_idx', create: sql`create index if not exists search_text_tokens_idx on search_text using gin (tokens)` },
  { name: 'search_index_sort_idx', create: sql`create index if not exists search_index_sort_idx on search_index (sort_at desc, id)` },
  { name: 'search_index_type_idx', create: sql`create index if not exists search_index_type_idx on search_index (type)` },
  { name: 'search_index_district_idx', create: sql`create index if not exists search_index_district_idx on search_index (district_code)` },
];

/**
 * The embedded engine's own index table, created by `setup()` with idempotent DDL rather than a
 * migration: it is derived data (rebuilt by `pnpm cli search:reindex`), not part of backups, and
 * it needs pg_trgm, which PGlite only has when the contrib extension is loaded.
 */
export const CREATE_INDEX_TABLE = [
  // What filters, facets and ranking read: narrow rows, so a match of thousands reads few pages.
  sql`create table if not exists search_index (
    id uuid primary key,
    kind text not null,
    type text,
    district_code text not null,
    base_id uuid not null,
    elements text[] not null default '{}',
    scientists text[] not null default '{}',
    audiences text[] not null default '{}',
    sort_at timestamptz not null,
    title_tokens tsvector not null
  )`,
  // What words match and hits show: wide rows, read through the GIN index and for one page of hits.
  sql`create table if not exists search_text (
    id uuid primary key references search_index (id) on delete cascade,
    title text not null,
    body text not null,
    base_name text not null,
    tokens tsvector not null,
    latin text not null default ''
  )`,
  ...SEARCH_INDEXES.map((i) => i.create),
];

export const TRIGRAM_INDEX = { name: 'search_text_latin_trgm_idx', create: sql`create index if not exists search_text_latin_trgm_idx on search_text using gin (latin gin_trgm_ops)` };

/** Serialises concurrent set-ups (replicas starting together). */
export const SETUP_LOCK_KEY = 7238101;
