import { Meilisearch, type Task } from 'meilisearch';
import { highlightSnippet } from '../highlight.ts';
import { pinyinTerms } from '../pinyin.ts';
import { emptyFacets, FACET_LIMIT, FACETS, normalisePaging, urlOf, type FacetName, type SearchDocument, type SearchEngine, type SearchKind, type SearchResult } from '../port.ts';
import { queryTerms } from '../tokenize.ts';
import { FACET_ATTRIBUTE, filterExpression } from './filters.ts';

export type MeilisearchOptions = { url: string; apiKey?: string; indexUid?: string };

/** The documents' layout is in the index name: a new layout (2: pinyin; 3: bases typed 'base') starts empty and the server rebuilds it. */
// v4: events (kind 'event'), so an index built before them is rebuilt with them.
const DEFAULT_INDEX = 'ssb_search_v4';

/** `pinyin`: the pinyin terms of title, base and scientists (see pinyin.ts), searched, never shown. */
type MeiliDocument = SearchDocument & { sortAtTs: number; pinyin: string };

const SETTINGS = {
  searchableAttributes: ['title', 'scientists', 'baseName', 'pinyin', 'body'],
  filterableAttributes: ['kind', ...Object.values(FACET_ATTRIBUTE)],
  sortableAttributes: ['sortAtTs'],
  displayedAttributes: ['id', 'kind', 'title', 'body', 'type', 'districtCode', 'baseId', 'baseName', 'cover'],
  // Chinese text is segmented by Meilisearch's own tokenizer (charabia, jieba dictionary).
  localizedAttributes: [
    { attributePatterns: ['pinyin'], locales: ['eng' as const] },
    { attributePatterns: ['*'], locales: ['cmn' as const] },
  ],
  faceting: { maxValuesPerFacet: FACET_LIMIT, sortFacetValuesBy: { '*': 'count' as const } },
  pagination: { maxTotalHits: 100_000 },
};

const succeeded = (task: Task) => {
  if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
  return task;
};

const facetList = (distribution: Record<string, number> | undefined) =>
  Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, FACET_LIMIT);

/** The Meilisearch engine on the official client; used when MEILISEARCH_URL is set. */
export function createMeilisearchEngine(options: MeilisearchOptions): SearchEngine {
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey });
  const uid = options.indexUid ?? DEFAULT_INDEX;
  const index = client.index<MeiliDocument>(uid);
  let ready: Promise<void> | null = null;
  const setupOnce = async () => {
    await client.createIndex(uid, { primaryKey: 'id' }).waitTask(); // fails harmlessly when it exists
    succeeded(await index.updateSettings(SETTINGS).waitTask());
  };
  const ensureReady = () => {
    ready ??= setupOnce().catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  };

  return {
    name: 'meilisearch',
    setup: ensureReady,
    async upsert(documents) {
      await ensureReady();
      if (!documents.length) return;
      const docs = documents.map((d) => ({ ...d, sortAtTs: Date.parse(d.sortAt), pinyin: pinyinTerms(d).join(' ') }));
      succeeded(await index.addDocuments(docs, { primaryKey: 'id' }).waitTask());
    },
    async remove(ids) {
      await ensureReady();
      if (ids.length) succeeded(await index.deleteDocuments(ids).waitTask());
    },
    async clear() {
      await ensureReady();
      succeeded(await index.deleteAllDocuments().waitTask());
    },
    async listIds() {
      await ensureReady();
      const out: Array<{ id: string; kind: SearchKind }> = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await index.getDocuments({ fields: ['id', 'kind'], limit: 1000, offset });
        out.push(...page.results.map((d) => ({ id: String(d.id), kind: d.kind })));
        if (page.results.length < 1000) break;
      }
      return out.sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async count() {
      await ensureReady();
      return (await index.getStats()).numberOfDocuments;
    },
    async query(query): Promise<SearchResult> {
      const started = performance.now();
      await ensureReady();
      const { page, pageSize } = normalisePaging(query);
      const terms = queryTerms(query.q ?? '');
      const filters = query.filters ?? {};
      if (query.q.trim() && terms.required.length === 0) {
        return { total: 0, page, pageSize, tookMs: Math.round(performance.now() - started), hits: [], facets: emptyFacets() };
      }
      const q = query.q.trim();
      // Disjunctive facets: the main query counts facets without a filter of their own; each
      // filtered facet is counted again without its own filter.
      const filtered = FACETS.filter((name) => filters[name]?.length);
      const { results } = await client.multiSearch({
        queries: [
          {
            indexUid: uid,
            q,
            // Every word must match, as in the embedded engine (the default drops trailing words).
            matchingStrategy: 'all' as const,
            filter: filterExpression(filters),
            page,
            hitsPerPage: pageSize,
            facets: FACETS.filter((name) => !filtered.includes(name)).map((name) => FACET_ATTRIBUTE[name]),
            ...(q ? {} : { sort: ['sortAtTs:desc'] }),
          },
          ...filtered.map((name) => ({ indexUid: uid, q, matchingStrategy: 'all' as const, filter: filterExpression(filters, name), limit: 0, facets: [FACET_ATTRIBUTE[name]] })),
        ],
      });
      const main = results[0]!;
      const facets = emptyFacets();
      for (const name of FACETS) {
        const source = filtered.includes(name) ? results[1 + filtered.indexOf(name)]! : main;
        facets[name as FacetName] = facetList(source.facetDistribution?.[FACET_ATTRIBUTE[name]]);
      }
      const total = 'totalHits' in main && typeof main.totalHits === 'number' ? main.totalHits : (main.estimatedTotalHits ?? 0);
      return {
        total,
        page,
        pageSize,
        tookMs: Math.round((performance.now() - started) * 100) / 100,
        hits: main.hits.map((h) => {
          const d = h as unknown as MeiliDocument;
          return {
            id: d.id,
            kind: d.kind,
            title: d.title,
            snippet: highlightSnippet(d.body || d.title, terms.highlight),
            type: d.type ?? null,
            districtCode: d.districtCode,
            baseId: d.baseId,
            baseName: d.baseName,
            url: urlOf(d.kind, d.id),
            cover: d.cover ?? null,
          };
        }),
        facets,
      };
    },
  };
}
