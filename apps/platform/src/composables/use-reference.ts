import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';

/** The public reference data the home page shows; cached, and refetched on retry. */
export const useCampaigns = () =>
  useQuery({ queryKey: ['reference', 'campaigns'], queryFn: () => trpc.reference.campaigns.query(), staleTime: 5 * 60_000 });

export const useRecommendingBodies = () =>
  useQuery({
    queryKey: ['reference', 'recommendingBodies'],
    queryFn: () => trpc.reference.recommendingBodies.query(),
    staleTime: 5 * 60_000,
  });
