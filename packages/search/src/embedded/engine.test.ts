import { rowsOf } from '@ssb/db';
import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { sql } from 'drizzle-orm';
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

  it('replaces the tables of an older layout, leaving an empty index for the server to rebuild', async () => {
    const handle = await createTestDatabase(kind);
    try {
      await handle.db.execute(sql`create table search_index (id uuid primary key, title_tokens tsvector)`);
      await handle.db.execute(sql`insert into search_index (id) values ('00000000-0000-4000-8000-000000000001')`);
      const engine = createEmbeddedEngine(handle.db);
      await engine.setup();
      expect(await engine.count()).toBe(0);
      const tables = rowsOf<{ name: string }>(await handle.db.execute(sql`select tablename as name from pg_tables where tablename like 'search\_%' order by 1`)).map((t) => t.name);
      expect(tables).toEqual(['search_docs', 'search_layout', 'search_outbox', 'search_removed', 'search_state', 'search_words']);
      await engine.upsert([CONTRACT_DOCS.tuExhibit]);
      // A second process starting on the current layout keeps what is there.
      const again = createEmbeddedEngine(handle.db);
      await again.setup();
      expect((await again.query({ q: '青蒿素' })).total).toBe(1);
    } finally {
      await handle.close();
    }
  });
});
