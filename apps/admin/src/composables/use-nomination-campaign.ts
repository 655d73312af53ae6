import { computed, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useNominationCampaignsQuery } from '#/api/intake.ts';

/**
 * The campaign the intake, paper and statistics pages work on, kept in the address (`?campaign=`)
 * so a link or a reload shows the same one. Without it: the newest campaign that has nominations.
 */
export function useNominationCampaign() {
  const route = useRoute();
  const router = useRouter();
  const campaigns = useNominationCampaignsQuery();
  const campaignId = computed<string>({
    get: () => (typeof route.query.campaign === 'string' ? route.query.campaign : ''),
    set: (value) => void router.replace({ query: { ...route.query, campaign: value } }),
  });
  watch(
    () => campaigns.data.value,
    (list) => {
      if (!list?.length || list.some((c) => c.id === campaignId.value)) return;
      campaignId.value = (list.find((c) => c.nominations > 0) ?? list[0]!).id;
    },
    { immediate: true },
  );
  return { campaigns, campaignId };
}
