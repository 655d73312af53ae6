import { TEST_ENGINES } from '@ssb/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { searchEngineOf } from './engine.ts';
import { drainSearchOutbox } from './process-outbox.ts';
import { searchWriters } from './testing.ts';

describe.each(TEST_ENGINES)('the search type facet on %s', (engine) => {
  let api: TestApi;
  let baseId: string;
  beforeAll(async () => {
    api = await createTestApi(engine);
    const writers = searchWriters(api.db);
    const base = await writers.createBase({ name: '地质科学家纪念馆（测试）', districtCode: '110109', scientists: ['李四光'] });
    await writers.createResource({ baseId: base.id, type: 'exhibit', title: '地质罗盘', scientists: ['李四光'] });
    await writers.createResource({ baseId: base.id, type: 'lecture', title: '李四光与地质力学', scientists: ['李四光'] });
    await drainSearchOutbox(api.db, searchEngineOf(api));
    baseId = base.id;
  });
  afterAll(async () => api?.close());

  it('counts bases as 基地, so its counts add up to the total, and choosing it finds the bases', async () => {
    const caller = await api.anonymous();
    const all = await caller.search.query({ q: '李四光' });
    expect(all.total).toBe(3);
    expect(all.facets.type).toContainEqual({ value: 'base', count: 1 });
    expect(all.facets.type.reduce((sum, f) => sum + f.count, 0)).toBe(all.total);
    const bases = await caller.search.query({ q: '李四光', filters: { type: ['base'] } });
    expect(bases.hits.map((h) => h.url)).toEqual([`/bases/${baseId}`]);
  });
});
