import { sql } from 'drizzle-orm';

/** Secondary indexes; a rebuild drops and recreates them around the bulk load. */
export const SEARCH_INDEXES = [
  { name: 'search_words_tokens_idx', create: sql`create index if not exists search_words_tokens_idx on search_words using gin (tokens)` },
  { name: 'search_docs_gen_idx', create: sql`create index if not exists search_docs_gen_idx on search_docs (gen)` },
];

export const TRIGRAM_INDEX = { name: 'search_words_latin_trgm_idx', create: sql`create index if not exists search_words_latin_trgm_idx on search_words using gin (latin gin_trgm_ops)` };

/**
 * The embedded engine's own tables, created by `setup()` with idempotent DDL rather than a
 * migration: they hold derived data (rebuilt by `pnpm cli search:reindex`), are not part of
 * backups, and need pg_trgm, which PGlite only has when the contrib extension is loaded.
 */
/**
 * The tables' layout. When it changes, `setup()` drops the engine's tables and creates them anew;
 * the server then finds the index empty and rebuilds it from the database. 3: pinyin terms; 4: bases typed 'base';
 * 5: events (kind 'event'), so an index built before them is rebuilt with them.
 */
export const LAYOUT_VERSION = 5;

export const LAYOUT_TABLE = sql`create table if not exists search_layout (version integer not null)`;

/** Every table any layout had, dropped when the layout changes. */
export const DROP_TABLES = sql`drop table if exists search_words, search_removed, search_docs, search_state, search_text, search_index cascade`;

export const CREATE_TABLES = [
  // Every write transaction takes the next generation on this one row, so writers commit in
  // generation order and a reader can catch up with "rows changed after the generation I have".
  sql`create table if not exists search_state (
    id integer primary key default 1 check (id = 1),
    generation bigint not null default 0,
    epoch bigint not null default 0
  )`,
  sql`insert into search_state (id) values (1) on conflict (id) do nothing`,
  // One row per document: what filters, facets, ranking and hits need. Each engine keeps these
  // columns (not the body) in memory, so counting facets never scans the table.
  sql`create table if not exists search_docs (
    seq integer generated always as identity primary key,
    id uuid not null unique,
    kind text not null,
    type text,
    district_code text not null,
    base_id uuid not null,
    base_name text not null,
    elements text[] not null default '{}',
    scientists text[] not null default '{}',
    audiences text[] not null default '{}',
    sort_at timestamptz not null,
    title text not null,
    body text not null,
    cover text,
    gen bigint not null
  )`,
  // What words match: only the document number and its terms, so a match of thousands reads few pages.
  sql`create table if not exists search_words (
    seq integer primary key references search_docs (seq) on delete cascade,
    tokens tsvector not null,
    latin text not null default ''
  )`,
  // Documents removed, by generation, so other engines' memory forgets them too.
  sql`create table if not exists search_removed (
    seq integer primary key,
    gen bigint not null
  )`,
  ...SEARCH_INDEXES.map((i) => i.create),
];

/** Serialises concurrent set-ups (replicas starting together). */
export const SETUP_LOCK_KEY = 7238101;
