import { searchIndex } from '@ssb/api';
import type { Database } from '@ssb/db';
import { createEmbeddedEngine, createMeilisearchEngine, type SearchEngine } from '@ssb/search';
import type { FastifyInstance } from 'fastify';
import type { Env } from './env.ts';

/** Meilisearch when MEILISEARCH_URL is set, else the embedded engine in the platform's database. */
export function createSearchEngine(env: Env, db: Database): SearchEngine {
  return env.MEILISEARCH_URL ? createMeilisearchEngine({ url: env.MEILISEARCH_URL, apiKey: env.MEILISEARCH_KEY }) : createEmbeddedEngine(db);
}

/**
 * Starts the search outbox worker next to the job worker. An empty index (first start, a new
 * Meilisearch) is rebuilt from the database in the background; an engine that is down only delays
 * indexing — the outbox keeps the updates and the worker retries with back-off.
 */
export function startSearch(server: FastifyInstance, db: Database, engine: SearchEngine) {
  const log = server.log;
  void (async () => {
    try {
      await engine.setup();
      if ((await engine.count()) === 0) {
        const result = await searchIndex.reindexSearch(db, engine);
        log.info({ ...result, engine: engine.name }, 'search index rebuilt');
      }
    } catch (error) {
      log.warn({ err: error, engine: engine.name }, 'search engine not ready; updates wait in the outbox');
    }
  })();
  const worker = searchIndex.startSearchOutboxWorker(db, engine, { onError: (error) => log.warn({ err: error }, 'search outbox') });
  server.addHook('onClose', async () => {
    await worker.stop();
    await engine.close?.();
  });
}
