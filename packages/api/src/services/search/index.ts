export { searchEngineOf } from './engine.ts';
export { loadSearchDocuments, allSearchDocuments } from './documents.ts';
export { drainSearchOutbox, pendingSearchUpdates, processSearchOutbox, startSearchOutboxWorker } from './process-outbox.ts';
export { reindexSearch } from './reindex.ts';
export { queueSearchUpdate } from './outbox.ts';
