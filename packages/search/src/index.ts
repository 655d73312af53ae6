export * from './port.ts';
export { createEmbeddedEngine } from './embedded/engine.ts';
export { createMeilisearchEngine, type MeilisearchOptions } from './meilisearch/engine.ts';
export { highlightSnippet, escapeHtml } from './highlight.ts';
