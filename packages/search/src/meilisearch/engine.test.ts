import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { runSearchEngineContract } from '../contract.ts';
import { createMeilisearchEngine } from './engine.ts';

const url = process.env.MEILISEARCH_URL;

if (url) {
  runSearchEngineContract('meilisearch', async () => {
    const indexUid = `ssb_contract_${randomBytes(4).toString('hex')}`;
    const engine = createMeilisearchEngine({ url, apiKey: process.env.MEILISEARCH_KEY, indexUid });
    return {
      engine,
      cleanup: async () => {
        const { Meilisearch } = await import('meilisearch');
        await new Meilisearch({ host: url, apiKey: process.env.MEILISEARCH_KEY }).deleteIndexIfExists(indexUid);
      },
    };
  });
} else {
  describe('SearchEngine contract: meilisearch', () => {
    it.skip('skipped: MEILISEARCH_URL is not set (set it to run the contract against a Meilisearch server)', () => {});
  });
}
