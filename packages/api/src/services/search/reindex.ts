import type { Database } from '@ssb/db';
import type { SearchEngine } from '@ssb/search';
import { allSearchDocuments } from './documents.ts';

/**
 * Rebuilds the index from the database (`pnpm cli search:reindex`): empties it and loads every
 * searchable document. Pending outbox rows are left alone: applying them again is harmless (each
 * reads the current row), and marking them done could skip a change committed during the rebuild.
 */
export async function reindexSearch(db: Database, engine: SearchEngine, onProgress?: (indexed: number) => void) {
  await engine.setup();
  const counts = { indexed: 0, resource: 0, base: 0, event: 0 };
  async function* pages() {
    for await (const page of allSearchDocuments(db)) {
      yield page;
      for (const doc of page) counts[doc.kind]++;
      counts.indexed += page.length;
      onProgress?.(counts.indexed);
    }
  }
  if (engine.rebuild) {
    await engine.rebuild(pages());
  } else {
    await engine.clear();
    for await (const page of pages()) await engine.upsert(page);
  }
  return counts;
}
