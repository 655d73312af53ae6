import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';

export type ActivityCampaignRow = RouterOutputs['activityCampaigns']['officeList'][number];

export const useActivityCampaignsQuery = () => useQuery({ queryKey: ['activity-campaigns', 'office'], queryFn: () => trpc.activityCampaigns.officeList.query() });
export const createActivityCampaign = (input: RouterInputs['activityCampaigns']['create']) => trpc.activityCampaigns.create.mutate(input);
export const updateActivityCampaign = (input: RouterInputs['activityCampaigns']['update']) => trpc.activityCampaigns.update.mutate(input);
export const removeActivityCampaign = (id: string) => trpc.activityCampaigns.remove.mutate({ id });
