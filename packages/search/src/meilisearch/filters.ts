import type { FacetName, SearchFilters } from '../port.ts';

/** The document attribute behind each facet. */
export const FACET_ATTRIBUTE: Record<FacetName, string> = {
  type: 'type',
  district: 'districtCode',
  element: 'elements',
  scientist: 'scientists',
  audience: 'audiences',
};

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A Meilisearch filter expression: OR within a facet (IN), AND across facets; one facet left out. */
export function filterExpression(filters: SearchFilters, except: FacetName | null = null): string[] {
  const parts: string[] = [];
  if (filters.kind) parts.push(`kind = ${quote(filters.kind)}`);
  for (const [name, attribute] of Object.entries(FACET_ATTRIBUTE) as Array<[FacetName, string]>) {
    const values = filters[name];
    if (name === except || !values?.length) continue;
    parts.push(`${attribute} IN [${values.map(quote).join(', ')}]`);
  }
  return parts;
}
