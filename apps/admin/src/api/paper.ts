import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { NOMINATIONS_KEY } from './intake.ts';

export type PaperCheck = RouterOutputs['paper']['check'];
export type PaperOverview = RouterOutputs['paper']['overview'];

export const usePaperOverviewQuery = (campaignId: MaybeRefOrGetter<string>) =>
  useQuery({
    queryKey: computed(() => [NOMINATIONS_KEY, 'paper', toValue(campaignId)]),
    queryFn: () => trpc.paper.overview.query({ campaignId: toValue(campaignId) }),
    enabled: computed(() => !!toValue(campaignId)),
  });

/** A check reads only; it is a mutation so that each scan is one request, never cached. */
export const useCheckPaper = () => useMutation({ mutationFn: (input: RouterInputs['paper']['check']) => trpc.paper.check.mutate(input) });

export const useMarkPaperReceived = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RouterInputs['paper']['markReceived']) => trpc.paper.markReceived.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [NOMINATIONS_KEY] }),
  });
};
