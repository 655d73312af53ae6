import { TEST_ENGINES } from '@ssb/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainSearchOutbox } from '../services/search/process-outbox.ts';
import { searchEngineOf } from '../services/search/engine.ts';
import { searchWriters } from '../services/search/testing.ts';
import { createTestApi, type TestApi } from '../testing/harness.ts';

describe.each(TEST_ENGINES)('search.query on %s', (engine) => {
  let api: TestApi;
  let ids: { base: string; resource: string };
  beforeAll(async () => {
    api = await createTestApi(engine);
    const writers = searchWriters(api.db);
    const base = await writers.createBase({ name: '航天科学家纪念馆（测试）', districtCode: '110108', scientists: ['钱学森'] });
    const resource = await writers.createResource({
      baseId: base.id,
      type: 'lecture',
      title: '钱学森与中国航天',
      descriptionText: '讲座回顾钱学森回国后 <b>创建</b> 航天事业的历程。',
      scientists: ['钱学森'],
      elements: ['patriotism'],
      audiences: ['secondary'],
    });
    await writers.createResource({ baseId: base.id, title: '未发布的钱学森展品', status: 'draft', publishedAt: null });
    await drainSearchOutbox(api.db, searchEngineOf(api));
    ids = { base: base.id, resource: resource.id };
  });
  afterAll(async () => api?.close());

  it('answers an anonymous visitor with hits, escaped snippets and facets, in the agreed shape', async () => {
    const caller = await api.anonymous();
    const result = await caller.search.query({ q: '钱学', filters: { kind: 'resource' }, page: 1, pageSize: 10 });
    expect(result).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(typeof result.tookMs).toBe('number');
    expect(result.hits).toEqual([
      {
        id: ids.resource,
        kind: 'resource',
        title: '钱学森与中国航天',
        snippet: '讲座回顾<mark>钱学</mark>森回国后 &lt;b&gt;创建&lt;/b&gt; 航天事业的历程。',
        type: 'lecture',
        districtCode: '110108',
        baseId: ids.base,
        baseName: '航天科学家纪念馆（测试）',
        url: `/resources/${ids.resource}`,
        cover: null,
      },
    ]);
    expect(result.facets).toEqual({
      type: [{ value: 'lecture', count: 1 }],
      district: [{ value: '110108', count: 1 }],
      element: [{ value: 'patriotism', count: 1 }],
      scientist: [{ value: '钱学森', count: 1 }],
      audience: [{ value: 'secondary', count: 1 }],
    });
    const browse = await caller.search.query({ q: '' });
    expect(browse.hits.map((h) => h.url).sort()).toEqual([`/bases/${ids.base}`, `/resources/${ids.resource}`].sort());
  });

  it('refuses bad input with a clear message instead of failing', async () => {
    const caller = await api.anonymous();
    await expect(caller.search.query({ q: '钱', pageSize: 51 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('每页最多 50 条') });
    await expect(caller.search.query({ q: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.search.query({ q: '钱', page: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
