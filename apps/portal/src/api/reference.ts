import { trpc } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed } from 'vue';
import { latestCampaign } from '#/utils/campaign.ts';

export function useCampaigns() {
  return useQuery({
    queryKey: ['reference', 'campaigns'],
    queryFn: () => trpc.reference.campaigns.query(),
    staleTime: 5 * 60_000,
  });
}

/** The campaign of the latest year, as the programme office published it. */
export function useCurrentCampaign() {
  const query = useCampaigns();
  return { ...query, campaign: computed(() => latestCampaign(query.data.value)) };
}
