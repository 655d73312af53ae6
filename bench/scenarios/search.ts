import { appRouter, createCallerFactory, createContext, createEmlMailer, searchIndex } from '@ssb/api';
import { rowsOf, schema } from '@ssb/db';
import { seedOrganization, seedReferenceData } from '@ssb/db/seed';
import { createTestDatabase } from '@ssb/db/testing';
import { createEmbeddedEngine } from '@ssb/search';
import { bodiesSql, matchSql, stateSql } from '@ssb/search/embedded/query-sql';
import { queryTerms, tsqueryLiteral } from '@ssb/search/tokenize';
import { createLocalFileStore } from '@ssb/storage';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBases, makeQueries, makeResource, prng } from './search/corpus.ts';
import { percentile } from './stats.ts';

/**
 * quality.md "search": 100 000 resources with Chinese text, 1 000 queries from a fixed set with
 * facets, through `search.query` (tRPC caller → embedded engine: segmentation, SQL, snippets).
 * Baseline: the same engine's SQL statements run bare through the same driver, the query's tsquery
 * prepared beforehand: the index state check, the word match (document numbers), and the bodies
 * of one page of hits. (Filters, facets and ranking run in the engine's memory; see doc-store.ts.) Both run one query at a time, interleaved, after a warm-up pass.
 * PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, else PGlite.
 * BENCH_SEARCH_RESOURCES changes the corpus size (default 100 000).
 */
export async function searchScenario() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) process.env.TEST_DATABASE_URL = url;
  const resourceCount = Number(process.env.BENCH_SEARCH_RESOURCES ?? 100_000);
  const handle = await createTestDatabase(url ? 'postgres' : 'pglite');
  const { db } = handle;

  const seedStarted = performance.now();
  await seedReferenceData(db);
  const org = await seedOrganization(db, { name: '压测基地单位' });
  const bases = makeBases(300);
  const baseRows = await db
    .insert(schema.bases)
    .values(
      bases.map((b, i) => ({
        number: `压测-${i}`,
        organizationId: org.id,
        name: b.name,
        batchYear: 2022,
        category: '科技馆',
        districtCode: b.districtCode,
        namedOn: '2022-10-01',
        validUntil: '2027-09-30',
        introduction: b.introduction,
        scientists: b.scientists,
      })),
    )
    .returning({ id: schema.bases.id });
  const random = prng(7);
  for (let i = 0; i < resourceCount; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, resourceCount - i) }, (_, j) => {
      const r = makeResource(random, baseRows.length, i + j);
      return { ...r, baseId: baseRows[r.baseIndex]!.id, status: 'published' as const };
    });
    await db.insert(schema.resources).values(batch.map(({ baseIndex: _, ...r }) => r));
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const engine = createEmbeddedEngine(db);
  const reindexStarted = performance.now();
  const indexed = await searchIndex.reindexSearch(db, engine);
  const reindexSeconds = (performance.now() - reindexStarted) / 1000;

  const deps = {
    db,
    mailer: createEmlMailer(mkdtempSync(join(tmpdir(), 'bench-mail-'))),
    files: createLocalFileStore(mkdtempSync(join(tmpdir(), 'bench-files-'))),
    config: { publicUrl: 'http://localhost' },
    search: engine,
  };
  const caller = createCallerFactory(appRouter)(await createContext(deps, { sessionToken: null, cookies: { set() {}, clear() {} }, ip: '127.0.0.1', userAgent: 'bench' }));

  const queries = makeQueries(1000);
  const bare = queries.map((query) => {
    const tsquery = tsqueryLiteral(queryTerms(query.q));
    const newest = Array.from({ length: query.pageSize }, (_, i) => i + 1);
    return async () => {
      await db.execute(stateSql());
      const seqs = tsquery ? (rowsOf<{ seqs: number[] }>(await db.execute(matchSql(tsquery)))[0]?.seqs ?? []) : newest;
      if (seqs.length) await db.execute(bodiesSql(seqs.slice(0, query.pageSize)));
    };
  });

  // Warm-up: one pass of each (caches, plans, JIT), not measured.
  for (let i = 0; i < queries.length; i += 5) {
    await caller.search.query(queries[i]!);
    await bare[i]!();
  }

  const engineMs: number[] = [];
  const bareMs: number[] = [];
  let engineTotal = 0;
  let hitsTotal = 0;
  for (let i = 0; i < queries.length; i++) {
    const runEngine = async () => {
      const t0 = performance.now();
      const result = await caller.search.query(queries[i]!);
      const ms = performance.now() - t0;
      engineMs.push(ms);
      engineTotal += ms;
      hitsTotal += result.total;
    };
    const runBare = async () => {
      const t0 = performance.now();
      await bare[i]!();
      bareMs.push(performance.now() - t0);
    };
    // Alternate the order so neither side always runs on a warmer cache.
    if (i % 2) {
      await runEngine();
      await runBare();
    } else {
      await runBare();
      await runEngine();
    }
  }
  engineMs.sort((a, b) => a - b);
  bareMs.sort((a, b) => a - b);
  await handle.close();
  const p95 = percentile(engineMs, 95);
  const baselineP95 = percentile(bareMs, 95);
  return {
    scenario: 'search',
    engine: url ? 'embedded/postgres' : 'embedded/pglite',
    resources: resourceCount,
    indexed: indexed.indexed,
    queries: queries.length,
    avg_total_hits: Math.round(hitsTotal / queries.length),
    p50_ms: percentile(engineMs, 50),
    p95_ms: p95,
    p99_ms: percentile(engineMs, 99),
    qps: Math.round((queries.length / engineTotal) * 1000 * 10) / 10,
    baseline_p50_ms: percentile(bareMs, 50),
    baseline_p95_ms: baselineP95,
    ratio: Math.round((p95 / baselineP95) * 100) / 100,
    seed_s: Math.round(seedSeconds),
    reindex_s: Math.round(reindexSeconds),
    bar: { p95_ms: 25, ratio: 1.5 },
  };
}
