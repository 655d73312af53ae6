import { sql, type SQL } from 'drizzle-orm';
import { FACET_LIMIT, type FacetName, type SearchFilters } from '../port.ts';
import { textArray } from './sql-values.ts';

export type SqlSearchParams = {
  /** tsquery literal, or null to browse (no words). */
  tsquery: string | null;
  /** Latin words for the trigram (typo) match used instead of the tsquery. */
  fuzzy?: string | null;
  filters: SearchFilters;
  limit: number;
  offset: number;
};

export type SqlSearchRow = {
  total: number;
  hits: Array<{ id: string; kind: 'resource' | 'base'; title: string; body: string; type: string | null; district_code: string; base_id: string; base_name: string }>;
} & Record<`f_${FacetName}`, Array<{ value: string; count: number }>>;

/** The condition of each facet's filter: OR within a facet, AND across facets. */
function facetConditions(filters: SearchFilters): Partial<Record<FacetName, SQL>> {
  const out: Partial<Record<FacetName, SQL>> = {};
  if (filters.type?.length) out.type = sql`type = any(${textArray(filters.type)})`;
  if (filters.district?.length) out.district = sql`district_code = any(${textArray(filters.district)})`;
  if (filters.element?.length) out.element = sql`elements && ${textArray(filters.element)}`;
  if (filters.scientist?.length) out.scientist = sql`scientists && ${textArray(filters.scientist)}`;
  if (filters.audience?.length) out.audience = sql`audiences && ${textArray(filters.audience)}`;
  return out;
}

const allExcept = (conditions: Partial<Record<FacetName, SQL>>, except: FacetName | null): SQL => {
  const parts = Object.entries(conditions)
    .filter(([name]) => name !== except)
    .map(([, condition]) => condition);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
};

const scalarFacet = (column: SQL, name: FacetName, conditions: Partial<Record<FacetName, SQL>>) => sql`(
  select coalesce(json_agg(x), '[]') from (
    select ${column} as value, count(*)::int as count from m
    where ${column} is not null and ${allExcept(conditions, name)}
    group by 1 order by 2 desc, 1 limit ${FACET_LIMIT}) x)`;

const arrayFacet = (column: SQL, name: FacetName, conditions: Partial<Record<FacetName, SQL>>) => sql`(
  select coalesce(json_agg(x), '[]') from (
    select v as value, count(*)::int as count from m cross join lateral unnest(${column}) v
    where ${allExcept(conditions, name)}
    group by 1 order by 2 desc, 1 limit ${FACET_LIMIT}) x)`;

/**
 * One statement answers a search: the matching rows (words and kind) are materialised once; hits
 * and the total apply every filter; each facet counts under the words and the OTHER facets'
 * filters, so choosing 讲座 still shows how many 展品 there would be. When browsing (no words) the
 * rows are not materialised: each count then reads the table through its own filters' indexes.
 */
export function buildSearchSql(params: SqlSearchParams): SQL {
  const { tsquery, fuzzy, filters } = params;
  const match = fuzzy
    ? sql`id in (select id from search_text where ${fuzzy} <% latin)`
    : tsquery
      ? sql`id in (select id from search_text where tokens @@ ${tsquery}::tsquery)`
      : sql`true`;
  // Title matches first (the title's own small vector), then newest; typo matches by similarity.
  const rank = fuzzy
    ? sql`(select word_similarity(${fuzzy}, t.latin) from search_text t where t.id = search_index.id)`
    : tsquery
      ? sql`ts_rank(title_tokens, ${tsquery}::tsquery)`
      : sql`0::real`;
  const kind = filters.kind ? sql`and kind = ${filters.kind}` : sql``;
  const conditions = facetConditions(filters);
  return sql`
    with m as ${tsquery || fuzzy ? sql`materialized` : sql`not materialized`} (
      select id, type, district_code, elements, scientists, audiences, sort_at, ${rank} as rank
      from search_index where ${match} ${kind}
    ),
    f as (select id, rank, sort_at from m where ${allExcept(conditions, null)})
    select
      (select count(*)::int from f) as total,
      (select coalesce(json_agg(h order by h.rank desc, h.sort_at desc, h.id), '[]') from (
        select s.id, s.kind, t.title, t.body, s.type, s.district_code, s.base_id, t.base_name, p.rank, p.sort_at
        from (select id, rank, sort_at from f order by rank desc, sort_at desc, id limit ${params.limit} offset ${params.offset}) p
        join search_index s on s.id = p.id join search_text t on t.id = p.id) h) as hits,
      ${scalarFacet(sql`type`, 'type', conditions)} as f_type,
      ${scalarFacet(sql`district_code`, 'district', conditions)} as f_district,
      ${arrayFacet(sql`elements`, 'element', conditions)} as f_element,
      ${arrayFacet(sql`scientists`, 'scientist', conditions)} as f_scientist,
      ${arrayFacet(sql`audiences`, 'audience', conditions)} as f_audience`;
}
