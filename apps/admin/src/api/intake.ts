import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type NominationCampaign = RouterOutputs['intake']['campaigns'][number];
export type IntakeList = RouterOutputs['intake']['list'];
export type IntakeRow = IntakeList['items'][number];
export type IntakeDetail = RouterOutputs['intake']['detail'];
export type IntakeListQuery = RouterInputs['intake']['list'];
export type BulkPreview = RouterOutputs['intake']['previewBulkAccept'];
export type ManualChecklistKey = RouterInputs['intake']['setChecklistItem']['key'];

/** Intake, paper and statistics all read the nominations: a change in one refreshes the others. */
export const NOMINATIONS_KEY = 'nominations';

function compact<T extends Record<string, unknown>>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== undefined && v !== null && v !== false)) as T;
}

export const useNominationCampaignsQuery = () =>
  useQuery({ queryKey: [NOMINATIONS_KEY, 'campaigns'], queryFn: () => trpc.intake.campaigns.query(), staleTime: 60_000 });

export const useIntakeListQuery = (input: MaybeRefOrGetter<IntakeListQuery>) =>
  useQuery({
    queryKey: computed(() => [NOMINATIONS_KEY, 'intake', compact(toValue(input))]),
    queryFn: () => trpc.intake.list.query(compact(toValue(input))),
    enabled: computed(() => !!toValue(input).campaignId),
    placeholderData: keepPreviousData,
  });

export const useIntakeDetailQuery = (applicationId: MaybeRefOrGetter<string | null>) =>
  useQuery({
    queryKey: computed(() => [NOMINATIONS_KEY, 'intake-detail', toValue(applicationId)]),
    queryFn: () => trpc.intake.detail.query({ applicationId: toValue(applicationId)! }),
    enabled: computed(() => !!toValue(applicationId)),
  });

export const previewBulkAccept = (input: RouterInputs['intake']['previewBulkAccept']) => trpc.intake.previewBulkAccept.query(input);

function useNominationMutation<TInput, TOutput>(call: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => queryClient.invalidateQueries({ queryKey: [NOMINATIONS_KEY] }) });
}

export const useSetChecklistItem = () => useNominationMutation((input: RouterInputs['intake']['setChecklistItem']) => trpc.intake.setChecklistItem.mutate(input));
export const useRequestCorrection = () => useNominationMutation((input: RouterInputs['intake']['requestCorrection']) => trpc.intake.requestCorrection.mutate(input));
export const useAcceptNomination = () => useNominationMutation((input: RouterInputs['intake']['accept']) => trpc.intake.accept.mutate(input));
export const useRejectNomination = () => useNominationMutation((input: RouterInputs['intake']['reject']) => trpc.intake.reject.mutate(input));
export const useApplyBulkAccept = () => useNominationMutation((input: RouterInputs['intake']['applyBulkAccept']) => trpc.intake.applyBulkAccept.mutate(input));
