import type { RecommenderKind } from '@ssb/domain/organizations';

/** The order the notice names the recommenders in. */
export const KIND_ORDER: RecommenderKind[] = ['municipal', 'district', 'society', 'grassroots', 'cas'];

export type BodyLike = { name: string; kind: RecommenderKind; defaultQuotaMin: number; defaultQuotaMax: number };

export type KindSummary = { kind: RecommenderKind; count: number; quotaMin: number; quotaMax: number; names: string[] };

/** One line per kind of recommender: how many bodies, and the quota each has per campaign. */
export function summariseRecommenders(bodies: readonly BodyLike[]): KindSummary[] {
  return KIND_ORDER.flatMap((kind) => {
    const ofKind = bodies.filter((b) => b.kind === kind);
    if (ofKind.length === 0) return [];
    return [
      {
        kind,
        count: ofKind.length,
        quotaMin: Math.min(...ofKind.map((b) => b.defaultQuotaMin)),
        quotaMax: Math.max(...ofKind.map((b) => b.defaultQuotaMax)),
        names: ofKind.map((b) => b.name),
      },
    ];
  });
}

/** How a quota reads: "up to 3", "1–2", or exactly "1". */
export function quotaShape(min: number, max: number): { key: 'upTo' | 'range' | 'exactly'; min: number; max: number } {
  if (max <= 1) return { key: 'exactly', min: max, max };
  if (min >= 1 && min < max) return { key: 'range', min, max };
  return { key: 'upTo', min, max };
}
