import { schema, type DatabaseHandle } from '@ssb/db';
import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { createEmbeddedEngine, type SearchEngine } from '@ssb/search';
import { gt, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSearchDocuments } from './documents.ts';
import { drainSearchOutbox, pendingSearchUpdates, processSearchOutbox } from './process-outbox.ts';
import { reindexSearch } from './reindex.ts';
import { searchWriters, switchableEngine } from './testing.ts';

/** What the index must hold, computed from the database alone. */
async function expectedIds(handle: DatabaseHandle) {
  const out: Array<{ id: string; kind: string }> = [];
  for await (const page of allSearchDocuments(handle.db)) out.push(...page.map((d) => ({ id: d.id, kind: d.kind })));
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe.each(TEST_ENGINES)('search outbox on %s', (kind) => {
  let handle: DatabaseHandle;
  let inner: SearchEngine;
  let writers: ReturnType<typeof searchWriters>;
  const noBackoff = { backoffMs: () => 0 };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    inner = createEmbeddedEngine(handle.db);
    await inner.setup();
    writers = searchWriters(handle.db);
  });
  afterAll(async () => handle?.close());

  it('indexes only published resources of bases that are not revoked, and active or rectifying bases', async () => {
    const base = await writers.createBase({ name: '航天科学家纪念馆（测试）', scientists: ['钱学森'], introduction: '陈列钱学森等科学家的事迹' });
    const published = await writers.createResource({ baseId: base.id, title: '钱学森手稿展', descriptionText: '手稿与书信', scientists: ['钱学森'] });
    const draft = await writers.createResource({ baseId: base.id, title: '草稿中的展品', status: 'draft', publishedAt: null });
    await drainSearchOutbox(handle.db, inner);

    expect(await pendingSearchUpdates(handle.db)).toBe(0);
    const indexed = (await inner.listIds()).map((d) => d.id);
    expect(indexed).toEqual(expect.arrayContaining([base.id, published.id]));
    expect(indexed).not.toContain(draft.id);
    expect(await inner.listIds()).toEqual(await expectedIds(handle));

    // Rectification keeps the base listed; revocation removes it and its resources.
    await writers.updateBase(base.id, { status: 'rectification' });
    await drainSearchOutbox(handle.db, inner);
    expect((await inner.listIds()).map((d) => d.id)).toContain(base.id);
    await writers.updateBase(base.id, { status: 'revoked' });
    await drainSearchOutbox(handle.db, inner);
    const afterRevocation = (await inner.listIds()).map((d) => d.id);
    expect(afterRevocation).not.toContain(base.id);
    expect(afterRevocation).not.toContain(published.id);
    expect(await inner.listIds()).toEqual(await expectedIds(handle));
  });

  it('loses no update while the engine is down: writes succeed, and the index equals the database once it is back', async () => {
    const switchable = switchableEngine(inner);
    const base = await writers.createBase({ name: '西山地质陈列馆（测试）', scientists: ['李四光'] });
    const kept = await writers.createResource({ baseId: base.id, title: '地质学家李四光的故事', descriptionText: '地质力学' });
    const toArchive = await writers.createResource({ baseId: base.id, title: '岩石标本', descriptionText: '标本' });
    const toPublish = await writers.createResource({ baseId: base.id, title: '青蒿素的发现', status: 'draft', publishedAt: null });
    await drainSearchOutbox(handle.db, switchable.engine);
    expect(await pendingSearchUpdates(handle.db)).toBe(0);

    switchable.stop();
    // Every write commits although the engine is unreachable.
    await writers.updateResource(kept.id, { title: '李四光与地质力学', version: 2 });
    await writers.updateResource(toArchive.id, { status: 'archived' });
    await writers.updateResource(toPublish.id, { status: 'published', publishedAt: new Date() });
    const created = await writers.createResource({ baseId: base.id, title: '屠呦呦与青蒿素', descriptionText: '中医药' });
    await writers.updateBase(base.id, { name: '西山地质调查旧址陈列馆（测试）' });

    const failed = await drainSearchOutbox(handle.db, switchable.engine);
    expect(failed.failed).toBeGreaterThan(0);
    expect(failed.error).toContain('ECONNREFUSED');
    const pending = await handle.db.select().from(schema.searchOutbox).where(isNull(schema.searchOutbox.processedAt));
    expect(pending).toHaveLength(5);
    for (const row of pending) {
      expect(row.attempts).toBeGreaterThanOrEqual(1);
      expect(row.lastError).toContain('ECONNREFUSED');
      expect(row.availableAt.getTime()).toBeGreaterThan(Date.now()); // backed off
    }
    // Backed-off rows are not retried before their time.
    expect((await processSearchOutbox(handle.db, switchable.engine)).claimed).toBe(0);
    // Meanwhile the index still shows the old state.
    expect((await inner.query({ q: '李四光与地质力学' })).total).toBe(0);

    switchable.start();
    await handle.db.update(schema.searchOutbox).set({ availableAt: new Date() }).where(isNull(schema.searchOutbox.processedAt)); // the back-off elapses
    const recovered = await drainSearchOutbox(handle.db, switchable.engine, noBackoff);
    expect(recovered.failed).toBe(0);
    expect(await pendingSearchUpdates(handle.db)).toBe(0);

    const indexed = await inner.listIds();
    expect(indexed).toEqual(await expectedIds(handle));
    expect(indexed.map((d) => d.id)).toEqual(expect.arrayContaining([kept.id, toPublish.id, created.id]));
    expect(indexed.map((d) => d.id)).not.toContain(toArchive.id);
    const found = await inner.query({ q: '李四光与地质力学' });
    expect(found.hits.map((h) => h.id)).toEqual([kept.id]);
    expect(found.hits[0]!.baseName).toBe('西山地质调查旧址陈列馆（测试）');
  });

  it('applies a batch once when two workers race for it', async () => {
    const [{ before }] = [{ before: Math.max(0, ...(await handle.db.select({ id: schema.searchOutbox.id }).from(schema.searchOutbox)).map((r) => r.id)) }];
    const base = await writers.createBase({ name: '并发测试基地（测试）' });
    for (let i = 0; i < 6; i++) await writers.createResource({ baseId: base.id, title: `并发展品${i}` });
    const [a, b] = await Promise.all([processSearchOutbox(handle.db, inner, { batchSize: 4 }), processSearchOutbox(handle.db, inner, { batchSize: 4 })]);
    expect(a.claimed + b.claimed).toBeGreaterThan(0);
    await drainSearchOutbox(handle.db, inner);
    // Each row was claimed exactly once (a claim counts an attempt).
    const rows = await handle.db.select().from(schema.searchOutbox).where(gt(schema.searchOutbox.id, before));
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.attempts === 1 && r.processedAt)).toBe(true);
    expect(await pendingSearchUpdates(handle.db)).toBe(0);
    expect(await inner.listIds()).toEqual(await expectedIds(handle));
  });

  it('rebuilds the whole index from the database', async () => {
    await inner.clear();
    await inner.upsert([{ id: '00000000-0000-4000-8000-00000000dead', kind: 'resource', title: '不该存在', body: '', type: 'exhibit', districtCode: '110108', baseId: '00000000-0000-4000-8000-00000000beef', baseName: 'x', elements: [], scientists: [], audiences: [], sortAt: new Date().toISOString() }]);
    const result = await reindexSearch(handle.db, inner);
    const expected = await expectedIds(handle);
    expect(result.indexed).toBe(expected.length);
    expect(await inner.listIds()).toEqual(expected);
  });
});
