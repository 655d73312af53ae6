import { RESOURCE_TYPES } from '@ssb/domain/bases';
import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { BASE_CATEGORIES } from '@ssb/domain/spirit';
import { prng } from '../search/corpus.ts';

export type ListRequest = { procedure: 'bases.directory' | 'search.query'; input: Record<string, unknown> };

/**
 * What visitors of the public site ask for, 20 per page: the directory of bases (by district,
 * category, "open now") and exhibits and other resources by type, newest first, with facets.
 */
export function makeListRequests(count: number, random = prng(2022)): ListRequest[] {
  return Array.from({ length: count }, (): ListRequest => {
    const page = random.next() < 0.8 ? 1 : 2;
    if (random.next() < 0.5) {
      const input: Record<string, unknown> = { page, pageSize: 20 };
      const roll = random.next();
      if (roll < 0.4) input.district = [random.pick(BEIJING_DISTRICTS).code];
      else if (roll < 0.7) input.category = [random.pick(BASE_CATEGORIES)];
      else if (roll < 0.85) input.isOpenNow = true;
      return { procedure: 'bases.directory', input };
    }
    const filters: Record<string, unknown> = { kind: 'resource', type: [random.next() < 0.5 ? 'exhibit' : random.pick(RESOURCE_TYPES)] };
    if (random.next() < 0.3) filters.district = [random.pick(BEIJING_DISTRICTS).code];
    return { procedure: 'search.query', input: { q: '', filters, page, pageSize: 20 } };
  });
}

/** The tRPC GET URL a browser sends (httpBatchLink off: one call per request). */
export const trpcPath = (r: ListRequest) => `/trpc/${r.procedure}?input=${encodeURIComponent(JSON.stringify(r.input))}`;

/** The bare route's URL for the same call. */
export const barePath = (r: ListRequest) => `/bare/${r.procedure}?input=${encodeURIComponent(JSON.stringify(r.input))}`;

/** The floor route's URL for the same call: one indexed SELECT … LIMIT 20. */
export const floorPath = (r: ListRequest) => `/floor/${r.procedure}?input=${encodeURIComponent(JSON.stringify(r.input))}`;
