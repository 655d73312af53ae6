import type { Database } from '@ssb/db';
import { createEmbeddedEngine, type SearchEngine } from '@ssb/search';

const embedded = new WeakMap<Database, SearchEngine>();

/** The engine the deps name, or the embedded engine on the same database (tests, CLI defaults). */
export function searchEngineOf(deps: { db: Database; search?: SearchEngine }): SearchEngine {
  if (deps.search) return deps.search;
  let engine = embedded.get(deps.db);
  if (!engine) embedded.set(deps.db, (engine = createEmbeddedEngine(deps.db)));
  return engine;
}
