import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type Campaign = RouterOutputs['reference']['campaigns'][number];
export type Duplicate = RouterOutputs['applications']['duplicates'][number];
export type CreateCampaignInput = RouterInputs['campaigns']['create'];
export type UpdatePhasesInput = RouterInputs['campaigns']['updatePhases'];
export type AddFormFieldInput = RouterInputs['campaigns']['addFormField'];
export type SetQuotaInput = RouterInputs['campaigns']['setQuota'];
export type GrantExtensionInput = RouterInputs['campaigns']['grantExtension'];

/** The campaigns list is reference data the portal also reads; the office's edits invalidate it. */
const CAMPAIGNS_KEY = ['reference', 'campaigns'] as const;

export const useCampaignsQuery = () =>
  useQuery({
    queryKey: CAMPAIGNS_KEY,
    queryFn: () => trpc.reference.campaigns.query(),
  });

export const useDuplicatesQuery = (campaignId: MaybeRefOrGetter<string>) =>
  useQuery({
    queryKey: computed(() => ['campaigns', 'duplicates', toValue(campaignId)]),
    queryFn: () => trpc.applications.duplicates.query({ campaignId: toValue(campaignId) }),
    enabled: computed(() => !!toValue(campaignId)),
  });

/** After any change to a campaign, the list (phases, form) and the dashboard's timeline are stale. */
function useCampaignMutation<TInput, TOutput>(call: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY }), queryClient.invalidateQueries({ queryKey: ['admin', 'dashboard'] })]);
    },
  });
}

export const useCreateCampaign = () => useCampaignMutation((input: CreateCampaignInput) => trpc.campaigns.create.mutate(input));
export const useUpdatePhases = () => useCampaignMutation((input: UpdatePhasesInput) => trpc.campaigns.updatePhases.mutate(input));
export const useAddFormField = () => useCampaignMutation((input: AddFormFieldInput) => trpc.campaigns.addFormField.mutate(input));
export const useSetCategories = () => useCampaignMutation((input: RouterInputs['campaigns']['setCategories']) => trpc.campaigns.setCategories.mutate(input));
export type QuotaRow = RouterOutputs['campaigns']['quotaTable'][number];
const quotaTableKey = (campaignId: string) => ['campaigns', 'quota-table', campaignId] as const;

/** This campaign's quota, places used and extensions per recommending body, as the server holds them. */
export const useQuotaTableQuery = (campaignId: MaybeRefOrGetter<string>) =>
  useQuery({
    queryKey: computed(() => quotaTableKey(toValue(campaignId))),
    queryFn: () => trpc.campaigns.quotaTable.query({ campaignId: toValue(campaignId) }),
    enabled: computed(() => !!toValue(campaignId)),
  });

function useQuotaMutation<TInput extends { campaignId: string }>(call: (input: TInput) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (_result, input) => queryClient.invalidateQueries({ queryKey: quotaTableKey(input.campaignId) }),
  });
}
export const useSetQuota = () => useQuotaMutation((input: SetQuotaInput) => trpc.campaigns.setQuota.mutate(input));
export const useGrantExtension = () => useQuotaMutation((input: GrantExtensionInput) => trpc.campaigns.grantExtension.mutate(input));
