import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { describe, expect, it } from 'vitest';
import { runSearchEngineContract } from '../contract.ts';
import { CONTRACT_DOCS } from '../testing/fixtures.ts';
import { createEmbeddedEngine } from './engine.ts';

describe.each(TEST_ENGINES)('embedded search engine on %s', (kind) => {
  runSearchEngineContract(`embedded (${kind})`, async () => {
    const handle = await createTestDatabase(kind);
    return { engine: createEmbeddedEngine(handle.db), cleanup: () => handle.close() };
  });

  it('keeps two server processes sharing one index in step: writes through one are searched through the other', async () => {
    const handle = await createTestDatabase(kind);
    try {
      const writer = createEmbeddedEngine(handle.db);
      const reader = createEmbeddedEngine(handle.db);
      await writer.setup();
      await reader.setup();
      const D = CONTRACT_DOCS;
      expect((await reader.query({ q: '' })).total).toBe(0);

      await writer.upsert([D.qianManuscripts, D.qianVideo, D.tuExhibit]);
      const afterInsert = await reader.query({ q: '钱学森' });
      expect(afterInsert.total).toBe(2);
      expect(afterInsert.facets.type).toEqual([
        { value: 'exhibit', count: 1 },
        { value: 'video', count: 1 },
      ]);

      await writer.upsert([{ ...D.qianVideo, type: 'lecture', title: '钱学森讲座' }]);
      await writer.remove([D.qianManuscripts.id]);
      const afterChange = await reader.query({ q: '钱学森' });
      expect(afterChange.hits.map((h) => [h.id, h.type, h.title])).toEqual([[D.qianVideo.id, 'lecture', '钱学森讲座']]);
      expect((await reader.query({ q: '' })).facets.type).toEqual([
        { value: 'exhibit', count: 1 },
        { value: 'lecture', count: 1 },
      ]);

      // Concurrent writers through both processes: every write lands in both memories.
      const many = Array.from({ length: 40 }, (_, i) => ({ ...D.dengLecture, id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}` }));
      await Promise.all([writer.upsert(many.slice(0, 20)), reader.upsert(many.slice(20)), writer.remove([D.tuExhibit.id])]);
      for (const engine of [writer, reader]) {
        const all = await engine.query({ q: '', pageSize: 50 });
        expect(all.total).toBe(41);
        expect(all.facets.type).toEqual([
          { value: 'lecture', count: 41 },
        ]);
      }

      await reader.clear();
      expect((await writer.query({ q: '邓稼先' })).total).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
