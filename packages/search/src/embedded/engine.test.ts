import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { describe } from 'vitest';
import { runSearchEngineContract } from '../contract.ts';
import { createEmbeddedEngine } from './engine.ts';

describe.each(TEST_ENGINES)('embedded search engine on %s', (kind) => {
  runSearchEngineContract(`embedded (${kind})`, async () => {
    const handle = await createTestDatabase(kind);
    return { engine: createEmbeddedEngine(handle.db), cleanup: () => handle.close() };
  });
});
