import { rowsOf, type Database } from '@ssb/db';
import { sql } from 'drizzle-orm';
import { highlightSnippet } from '../highlight.ts';
import { emptyFacets, FACETS, normalisePaging, urlOf, type SearchDocument, type SearchEngine, type SearchQuery, type SearchResult } from '../port.ts';
import { normalise, queryTerms, tsqueryLiteral, tsvectorLiteral } from '../tokenize.ts';
import { CREATE_INDEX_TABLE, SEARCH_INDEXES, SETUP_LOCK_KEY, TRIGRAM_INDEX } from './ddl.ts';
import { buildSearchSql, type SqlSearchRow } from './query-sql.ts';
import { textArray } from './sql-values.ts';

const UPSERT_BATCH = 200;
const LATIN_WORDS = /[a-z0-9]+/g;

/** Latin words of a document, for the typo-tolerant trigram match (pinyin names, English titles). */
const latinText = (doc: SearchDocument) =>
  (normalise([doc.title, doc.scientists.join(' '), doc.baseName, doc.body].join(' ')).match(LATIN_WORDS) ?? []).join(' ').slice(0, 2000);

/**
 * The embedded engine: an index table in the platform's own PostgreSQL (PGlite or the server).
 * Words are matched through a tsvector of Han bigrams/unigrams, dictionary words and Latin words
 * (see tokenize.ts); Latin words with no exact or prefix match fall back to pg_trgm similarity.
 */
export function createEmbeddedEngine(db: Database): SearchEngine {
  let ready: Promise<void> | null = null;
  let hasTrigram = false;

  const setupOnce = async () => {
    try {
      await db.execute(sql`create extension if not exists pg_trgm`);
    } catch {
      // Without the privilege or (PGlite) the contrib module, typo tolerance is off; words still work.
    }
    hasTrigram = rowsOf(await db.execute(sql`select 1 from pg_extension where extname = 'pg_trgm'`)).length > 0;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      for (const statement of CREATE_INDEX_TABLE) await tx.execute(statement);
      if (hasTrigram) await tx.execute(TRIGRAM_INDEX.create);
    });
  };
  const ensureReady = () => {
    ready ??= setupOnce().catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  };

  const writeBatch = (batch: SearchDocument[]) =>
    db.transaction(async (tx) => {
      const narrow = batch.map(
        (d) => sql`(${d.id}::uuid, ${d.kind}, ${d.type}, ${d.districtCode}, ${d.baseId}::uuid,
          ${textArray(d.elements)}, ${textArray(d.scientists)}, ${textArray(d.audiences)}, ${d.sortAt}::timestamptz, ${tsvectorLiteral(d.title)}::tsvector)`,
      );
      await tx.execute(sql`
        insert into search_index (id, kind, type, district_code, base_id, elements, scientists, audiences, sort_at, title_tokens)
        values ${sql.join(narrow, sql`, `)}
        on conflict (id) do update set kind = excluded.kind, type = excluded.type, district_code = excluded.district_code,
          base_id = excluded.base_id, elements = excluded.elements, scientists = excluded.scientists,
          audiences = excluded.audiences, sort_at = excluded.sort_at, title_tokens = excluded.title_tokens`);
      const wide = batch.map(
        (d) => sql`(${d.id}::uuid, ${d.title}, ${d.body}, ${d.baseName},
          ${tsvectorLiteral(d.title, d.scientists.join(' '), d.baseName, d.body)}::tsvector, ${latinText(d)})`,
      );
      await tx.execute(sql`
        insert into search_text (id, title, body, base_name, tokens, latin)
        values ${sql.join(wide, sql`, `)}
        on conflict (id) do update set title = excluded.title, body = excluded.body, base_name = excluded.base_name,
          tokens = excluded.tokens, latin = excluded.latin`);
    });

  return {
    name: 'embedded',
    setup: ensureReady,

    async upsert(documents) {
      await ensureReady();
      for (let i = 0; i < documents.length; i += UPSERT_BATCH) await writeBatch(documents.slice(i, i + UPSERT_BATCH));
    },

    async remove(ids) {
      await ensureReady();
      if (ids.length) await db.execute(sql`delete from search_index where id = any(${textArray(ids)}::uuid[])`);
    },

    async clear() {
      await ensureReady();
      await db.execute(sql`truncate search_index, search_text`);
    },

    async rebuild(pages) {
      await ensureReady();
      // Bulk load without the secondary indexes, then build them once: much faster than
      // maintaining GIN entries row by row. Queries keep working (slower) meanwhile.
      await db.execute(sql`truncate search_index, search_text`);
      const indexes = [...SEARCH_INDEXES, ...(hasTrigram ? [TRIGRAM_INDEX] : [])];
      for (const index of indexes) await db.execute(sql.raw(`drop index if exists ${index.name}`));
      try {
        for await (const page of pages) for (let i = 0; i < page.length; i += UPSERT_BATCH) await writeBatch(page.slice(i, i + UPSERT_BATCH));
      } finally {
        for (const index of indexes) await db.execute(index.create);
        await db.execute(sql`analyze search_index`);
        await db.execute(sql`analyze search_text`);
      }
    },

    async listIds() {
      await ensureReady();
      return rowsOf<{ id: string; kind: 'resource' | 'base' }>(await db.execute(sql`select id, kind from search_index order by id`));
    },

    async count() {
      await ensureReady();
      return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from search_index`))[0]?.n ?? 0;
    },

    async query(query: SearchQuery): Promise<SearchResult> {
      const started = performance.now();
      await ensureReady();
      const { page, pageSize, offset } = normalisePaging(query);
      const terms = queryTerms(query.q ?? '');
      const tsquery = tsqueryLiteral(terms);
      const filters = query.filters ?? {};
      const hasWords = query.q.trim().length > 0;
      if (hasWords && !tsquery) {
        // Only punctuation or symbols: nothing can match.
        return { total: 0, page, pageSize, tookMs: Math.round(performance.now() - started), hits: [], facets: emptyFacets() };
      }
      const run = async (fuzzy: string | null) =>
        rowsOf<SqlSearchRow>(await db.execute(buildSearchSql({ tsquery, fuzzy, filters, limit: pageSize, offset })))[0]!;
      let row = await run(null);
      if (row.total === 0 && hasTrigram && terms.latin.length > 0 && terms.required.every((r) => r.prefix)) {
        row = await run(terms.latin.join(' '));
      }
      const facets = emptyFacets();
      for (const name of FACETS) facets[name] = row[`f_${name}`] ?? [];
      return {
        total: row.total,
        page,
        pageSize,
        tookMs: Math.round((performance.now() - started) * 100) / 100,
        hits: row.hits.map((h) => ({
          id: h.id,
          kind: h.kind,
          title: h.title,
          snippet: highlightSnippet(h.body || h.title, terms.highlight),
          type: h.type,
          districtCode: h.district_code,
          baseId: h.base_id,
          baseName: h.base_name,
          url: urlOf(h.kind, h.id),
        })),
        facets,
      };
    },
  };
}
