import { rowsOf, type Database } from '@ssb/db';
import { sql } from 'drizzle-orm';
import { highlightSnippet } from '../highlight.ts';
import { emptyFacets, normalisePaging, urlOf, type SearchEngine, type SearchKind, type SearchQuery, type SearchResult } from '../port.ts';
import { queryTerms, tsqueryLiteral, type QueryTerms } from '../tokenize.ts';
import { CREATE_TABLES, DROP_TABLES, LAYOUT_TABLE, LAYOUT_VERSION, SEARCH_INDEXES, SETUP_LOCK_KEY, TRIGRAM_INDEX } from './ddl.ts';
import { DocStore, KINDS } from './doc-store.ts';
import { evaluate, type Candidates } from './evaluate.ts';
import { bodiesSql, fuzzySql, matchSql } from './query-sql.ts';
import { syncStore } from './sync.ts';
import { nextGeneration, removeDocuments, writeDocuments } from './writes.ts';

const WRITE_BATCH = 200;

/** Title matches first: how many of the query's terms the title holds. */
const titleRank = (store: DocStore, terms: QueryTerms) => {
  const words = terms.required.map((r) => r.term);
  return (seq: number) => {
    const title = store.info[seq]!.titleKey;
    let rank = 0;
    for (const word of words) if (title.includes(word)) rank++;
    return rank;
  };
};

/**
 * The embedded engine: its index lives in the platform's own PostgreSQL (PGlite or the server).
 * Words are matched in SQL through a tsvector of Han bigrams/unigrams, dictionary words and Latin
 * words (see tokenize.ts), with a pg_trgm fallback for misspelt Latin words. Filters, facet counts
 * and ranking run over an in-memory copy of the documents' columns (DocStore), kept in step with
 * the tables by generation, so several server processes can share one index.
 */
export function createEmbeddedEngine(db: Database): SearchEngine {
  let ready: Promise<void> | null = null;
  let hasTrigram = false;
  const store = new DocStore();
  let syncing: Promise<void> | null = null;

  const setupOnce = async () => {
    try {
      await db.execute(sql`create extension if not exists pg_trgm`);
    } catch {
      // Without the privilege or (PGlite) the contrib module, typo tolerance is off; words still work.
    }
    hasTrigram = rowsOf(await db.execute(sql`select 1 from pg_extension where extname = 'pg_trgm'`)).length > 0;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      await tx.execute(LAYOUT_TABLE);
      const [layout] = rowsOf<{ version: number }>(await tx.execute(sql`select version from search_layout`));
      if (layout?.version !== LAYOUT_VERSION) {
        await tx.execute(DROP_TABLES);
        await tx.execute(sql`delete from search_layout`);
        await tx.execute(sql`insert into search_layout (version) values (${LAYOUT_VERSION})`);
      }
      for (const statement of CREATE_TABLES) await tx.execute(statement);
      if (hasTrigram) await tx.execute(TRIGRAM_INDEX.create);
    });
    await sync();
  };
  const ensureReady = () => {
    ready ??= setupOnce().catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  };
  // Concurrent searches share one catch-up read.
  const sync = () => {
    syncing ??= syncStore(db, store).finally(() => {
      syncing = null;
    });
    return syncing;
  };

  const write = (documents: Parameters<SearchEngine['upsert']>[0]) =>
    db.transaction(async (tx) => writeDocuments(tx, documents, await nextGeneration(tx)));

  const matches = async (terms: QueryTerms, tsquery: string): Promise<Candidates> => {
    const [row] = rowsOf<{ seqs: number[] }>(await db.execute(matchSql(tsquery)));
    const seqs = row?.seqs ?? [];
    if (seqs.length === 0 && hasTrigram && terms.latin.length > 0 && terms.required.every((r) => r.prefix)) {
      const fuzzy = rowsOf<{ seq: number; rank: number }>(await db.execute(fuzzySql(terms.latin.join(' '))));
      return { all: false, seqs: fuzzy.map((f) => f.seq), rank: (_seq, i) => fuzzy[i]!.rank };
    }
    return { all: false, seqs, rank: titleRank(store, terms) };
  };

  return {
    name: 'embedded',
    setup: ensureReady,

    async upsert(documents) {
      await ensureReady();
      for (let i = 0; i < documents.length; i += WRITE_BATCH) await write(documents.slice(i, i + WRITE_BATCH));
    },

    async remove(ids) {
      await ensureReady();
      if (ids.length) await db.transaction(async (tx) => removeDocuments(tx, ids, await nextGeneration(tx)));
    },

    async clear() {
      await ensureReady();
      await db.transaction(async (tx) => {
        await nextGeneration(tx, { newEpoch: true });
        await tx.execute(sql`truncate search_docs, search_words, search_removed restart identity`);
      });
    },

    async rebuild(pages) {
      await this.clear();
      // Bulk load without the secondary indexes, then build them once: much faster than
      // maintaining GIN entries row by row. Searches keep working (slower) meanwhile.
      const indexes = [...SEARCH_INDEXES, ...(hasTrigram ? [TRIGRAM_INDEX] : [])];
      for (const index of indexes) await db.execute(sql.raw(`drop index if exists ${index.name}`));
      try {
        for await (const page of pages) for (let i = 0; i < page.length; i += WRITE_BATCH) await write(page.slice(i, i + WRITE_BATCH));
      } finally {
        for (const index of indexes) await db.execute(index.create);
        await db.execute(sql`analyze search_docs`);
        await db.execute(sql`analyze search_words`);
      }
    },

    async listIds() {
      await ensureReady();
      return rowsOf<{ id: string; kind: SearchKind }>(await db.execute(sql`select id, kind from search_docs order by id`));
    },

    async count() {
      await ensureReady();
      return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from search_docs`))[0]?.n ?? 0;
    },

    async query(query: SearchQuery): Promise<SearchResult> {
      const started = performance.now();
      await ensureReady();
      const { page, pageSize, offset } = normalisePaging(query);
      const terms = queryTerms(query.q ?? '');
      const tsquery = tsqueryLiteral(terms);
      const hasWords = query.q.trim().length > 0;
      const took = () => Math.round((performance.now() - started) * 100) / 100;
      if (hasWords && !tsquery) {
        // Only punctuation or symbols: nothing can match.
        return { total: 0, page, pageSize, tookMs: took(), hits: [], facets: emptyFacets() };
      }
      await sync();
      const candidates: Candidates = tsquery ? await matches(terms, tsquery) : { all: true };
      const result = evaluate(store, candidates, query.filters ?? {}, offset, pageSize);
      const bodies = new Map<number, string>();
      if (result.page.length) {
        for (const row of rowsOf<{ seq: number; body: string }>(await db.execute(bodiesSql(result.page)))) bodies.set(row.seq, row.body);
      }
      const { dictionaries } = store;
      return {
        total: result.total,
        page,
        pageSize,
        tookMs: took(),
        hits: result.page.map((seq) => {
          const info = store.info[seq]!;
          const kind = KINDS[store.kind[seq]!]!;
          const type = store.scalar.type[seq]!;
          return {
            id: info.id,
            kind,
            title: info.title,
            snippet: highlightSnippet(bodies.get(seq) || info.title, terms.highlight),
            type: type < 0 ? null : dictionaries.type.values[type]!,
            districtCode: dictionaries.district.values[store.scalar.district[seq]!]!,
            baseId: info.baseId,
            baseName: info.baseName,
            url: urlOf(kind, info.id),
            cover: info.cover,
          };
        }),
        facets: result.facets,
      };
    },
  };
}
