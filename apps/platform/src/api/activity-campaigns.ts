import type { RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';

export type PublicActivityCampaign = RouterOutputs['activityCampaigns']['list'][number];

export const useActivityCampaigns = () => useQuery({ queryKey: ['activity-campaigns', 'list'], queryFn: () => trpc.activityCampaigns.list.query() });
export const useActivityCampaign = (id: Ref<string>) =>
  useQuery({ queryKey: computed(() => ['activity-campaigns', 'get', id.value]), queryFn: () => trpc.activityCampaigns.get.query({ id: id.value }) });
