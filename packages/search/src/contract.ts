import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from './port.ts';
import { CONTRACT_DOCS } from './testing/fixtures.ts';

export type EngineUnderTest = { engine: SearchEngine; cleanup: () => Promise<void> };

const D = CONTRACT_DOCS;
const ALL = Object.values(D);
const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id).sort();
const facet = (list: Array<{ value: string; count: number }>) => Object.fromEntries(list.map((f) => [f.value, f.count]));

/**
 * The behaviour every SearchEngine must have. Each engine's test file calls this with a factory
 * for a fresh, empty engine; the same expectations then hold for the embedded and Meilisearch engines.
 */
export function runSearchEngineContract(label: string, create: () => Promise<EngineUnderTest>) {
  describe(`SearchEngine contract: ${label}`, () => {
    let subject: EngineUnderTest;
    let engine: SearchEngine;
    beforeAll(async () => {
      subject = await create();
      engine = subject.engine;
      await engine.setup();
      await engine.setup(); // idempotent
      await engine.clear();
      await engine.upsert(ALL);
    });
    afterAll(async () => subject?.cleanup());

    it('finds a scientist from part of the name (钱学 → 钱学森), titles first, with <mark> in snippets', async () => {
      const result = await engine.query({ q: '钱学' });
      expect(ids(result.hits)).toEqual(ids([D.qianManuscripts, D.qianVideo, D.spaceBase]));
      expect(result.total).toBe(3);
      expect(result.hits.at(-1)?.id).toBe(D.spaceBase.id); // body-only match ranks last
      const first = result.hits.find((h) => h.id === D.qianManuscripts.id)!;
      expect(first.snippet).toContain('<mark>钱学</mark>');
      expect(first.url).toBe(`/resources/${D.qianManuscripts.id}`);
      expect(first).toMatchObject({ kind: 'resource', type: 'exhibit', districtCode: '110108', baseId: D.spaceBase.id, baseName: '航天科学家纪念馆（测试）' });
      expect(first.cover).toBe(D.qianManuscripts.cover);
      expect(result.hits.find((h) => h.kind === 'base')?.cover).toBeNull();
      expect(result.hits.find((h) => h.kind === 'base')?.url).toBe(`/bases/${D.spaceBase.id}`);
    });

    it('finds words inside longer text and needs every word of the query', async () => {
      expect(ids((await engine.query({ q: '青蒿素' })).hits)).toEqual([D.tuExhibit.id]);
      expect(ids((await engine.query({ q: '地质力学' })).hits)).toEqual([D.liCourse.id]);
      expect(ids((await engine.query({ q: '钱学森 核武器' })).hits)).toEqual([]);
      expect(ids((await engine.query({ q: '邓稼先 核武器' })).hits)).toEqual([D.dengLecture.id]);
      expect((await engine.query({ q: '不存在的词语组合' })).total).toBe(0);
    });

    it('matches Latin words by prefix and tolerates a typo', async () => {
      expect(ids((await engine.query({ q: 'docu' })).hits)).toEqual([D.qianVideo.id]);
      expect(ids((await engine.query({ q: 'documentry' })).hits)).toEqual([D.qianVideo.id]);
    });

    it('finds Chinese titles and names from their pinyin, as an English reader types them', async () => {
      const qian = ids([D.qianManuscripts, D.qianVideo, D.spaceBase]);
      expect(ids((await engine.query({ q: 'Qian' })).hits)).toEqual(qian);
      expect(ids((await engine.query({ q: 'qianxuesen' })).hits)).toEqual(qian);
      expect(ids((await engine.query({ q: 'Qian Xuesen' })).hits)).toEqual(qian);
      expect(ids((await engine.query({ q: 'Xuesen' })).hits)).toEqual(qian);
      expect(ids((await engine.query({ q: 'qianxusen' })).hits)).toEqual(qian); // a typo
      expect(ids((await engine.query({ q: 'Deng Jiaxian' })).hits)).toEqual([D.dengLecture.id]);
      expect(ids((await engine.query({ q: 'qinghaosu' })).hits)).toEqual([D.tuExhibit.id]);
      expect(ids((await engine.query({ q: 'xishan' })).hits)).toEqual(ids([D.liCourse, D.qianVideo]));
    });

    it('escapes HTML in snippets and marks only the matched words', async () => {
      const [hit] = (await engine.query({ q: '手稿' })).hits;
      expect(hit?.snippet).toContain('<mark>手稿</mark>');
      expect(hit?.snippet).toContain('&lt;script&gt;');
      expect(hit?.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    });

    it('browses everything newest first when there are no words, with facet counts', async () => {
      const result = await engine.query({ q: '' });
      expect(result.total).toBe(ALL.length);
      expect(result.hits.map((h) => h.id)).toEqual([...ALL].sort((a, b) => b.sortAt.localeCompare(a.sortAt)).map((d) => d.id));
      expect(facet(result.facets.type)).toEqual({ exhibit: 2, lecture: 1, course: 1, video: 1 });
      expect(facet(result.facets.district)).toEqual({ '110108': 3, '110105': 2, '110102': 1 });
      expect(facet(result.facets.element)).toEqual({ patriotism: 2, innovation: 3, dedication: 2, truth_seeking: 1 });
      expect(facet(result.facets.scientist)).toEqual({ 钱学森: 3, 邓稼先: 1, 李四光: 1, 屠呦呦: 1 });
      expect(facet(result.facets.audience)).toEqual({ secondary: 2, public: 2, university: 1, primary: 1, teachers: 1 });
      expect(result.facets.element[0]).toEqual({ value: 'innovation', count: 3 }); // most frequent first
    });

    it('filters: OR within a facet, AND across facets; facets count under the other filters', async () => {
      const byType = await engine.query({ q: '', filters: { type: ['exhibit'] } });
      expect(ids(byType.hits)).toEqual(ids([D.qianManuscripts, D.tuExhibit]));
      // The type facet ignores its own filter, so other types stay choosable with their counts…
      expect(facet(byType.facets.type)).toEqual({ exhibit: 2, lecture: 1, course: 1, video: 1 });
      // …while the other facets follow it.
      expect(facet(byType.facets.district)).toEqual({ '110108': 1, '110102': 1 });

      const either = await engine.query({ q: '', filters: { audience: ['primary', 'university'] } });
      expect(ids(either.hits)).toEqual(ids([D.dengLecture, D.liCourse]));

      const both = await engine.query({ q: '', filters: { element: ['innovation'], district: ['110105'] } });
      expect(ids(both.hits)).toEqual([D.qianVideo.id]);
      expect(facet(both.facets.district)).toEqual({ '110108': 1, '110105': 1, '110102': 1 });
      expect(facet(both.facets.element)).toEqual({ innovation: 1, truth_seeking: 1 });

      const withWords = await engine.query({ q: '钱学森', filters: { scientist: ['钱学森'], type: ['video'] } });
      expect(ids(withWords.hits)).toEqual([D.qianVideo.id]);
      expect(facet(withWords.facets.type)).toEqual({ exhibit: 1, video: 1 });
    });

    it('filters by kind', async () => {
      expect(ids((await engine.query({ q: '', filters: { kind: 'base' } })).hits)).toEqual([D.spaceBase.id]);
      const resources = await engine.query({ q: '钱学森', filters: { kind: 'resource' } });
      expect(ids(resources.hits)).toEqual(ids([D.qianManuscripts, D.qianVideo]));
    });

    it('pages through results with a stable total', async () => {
      const first = await engine.query({ q: '', page: 1, pageSize: 4 });
      const second = await engine.query({ q: '', page: 2, pageSize: 4 });
      expect(first.hits).toHaveLength(4);
      expect(second.hits).toHaveLength(2);
      expect(second.total).toBe(ALL.length);
      expect(new Set([...ids(first.hits), ...ids(second.hits)]).size).toBe(ALL.length);
      expect(second.page).toBe(2);
      expect(second.pageSize).toBe(4);
      expect((await engine.query({ q: '', page: 9, pageSize: 4 })).hits).toEqual([]);
    });

    it('finds nothing for a query of punctuation only', async () => {
      expect((await engine.query({ q: '！？…' })).total).toBe(0);
    });

    it('replaces a document on upsert and forgets it on remove', async () => {
      await engine.upsert([{ ...D.tuExhibit, title: '中医药与青蒿素', body: '改写后的说明' }]);
      expect((await engine.query({ q: '屠呦呦与' })).total).toBe(0);
      expect(ids((await engine.query({ q: '中医药' })).hits)).toContain(D.tuExhibit.id);
      await engine.remove([D.tuExhibit.id, '00000000-0000-4000-8000-00000000ffff']);
      expect((await engine.query({ q: '青蒿素' })).total).toBe(0);
      expect(await engine.listIds()).toEqual(
        ALL.filter((d) => d.id !== D.tuExhibit.id)
          .map((d) => ({ id: d.id, kind: d.kind }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      expect(await engine.count()).toBe(ALL.length - 1);
      await engine.upsert([D.tuExhibit]);
      expect(await engine.count()).toBe(ALL.length);
    });
  });
}
