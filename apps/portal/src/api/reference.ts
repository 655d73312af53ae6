import { trpc } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed } from 'vue';
import { currentCampaign } from '@ssb/domain/campaign-timetable';

export function useCampaigns() {
  return useQuery({
    queryKey: ['reference', 'campaigns'],
    queryFn: () => trpc.reference.campaigns.query(),
    staleTime: 5 * 60_000,
  });
}

/** The current campaign, by the one rule the server's `campaigns.current` and the public site follow. */
export function useCurrentCampaign() {
  const query = useCampaigns();
  return { ...query, campaign: computed(() => currentCampaign(query.data.value)) };
}
