import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type CandidateQuery = RouterInputs['decisions']['candidates'];
export type CandidateList = RouterOutputs['decisions']['candidates'];
export type Candidate = CandidateList['items'][number];
export type DecisionRequest = RouterInputs['decisions']['preview'];
export type DecisionPlan = RouterOutputs['decisions']['preview'];

/** Decisions feed the notice and the register: a change in one refreshes the others. */
export const SELECTION_KEY = 'selection';

const compact = <T extends Record<string, unknown>>(input: T): T => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as T;

export const useCandidatesQuery = (input: MaybeRefOrGetter<CandidateQuery>) =>
  useQuery({
    queryKey: computed(() => [SELECTION_KEY, 'candidates', compact(toValue(input))]),
    queryFn: () => trpc.decisions.candidates.query(compact(toValue(input))),
    enabled: computed(() => !!toValue(input).campaignId),
    placeholderData: keepPreviousData,
  });

export const previewDecision = (input: DecisionRequest) => trpc.decisions.preview.mutate(input);

export function useConfirmDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RouterInputs['decisions']['confirm']) => trpc.decisions.confirm.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [SELECTION_KEY] }),
  });
}
