import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type PoolExpert = RouterOutputs['review']['experts'][number];
export type ExpertCandidate = RouterOutputs['review']['expertCandidates'][number];
export type ReviewRound = RouterOutputs['review']['rounds'][number];
export type RoundInput = RouterInputs['review']['createRound'];
export type RoundUpdate = RouterInputs['review']['updateRound'];
export type AssignmentPreview = RouterOutputs['review']['previewAssignment'];
export type RoundProgress = RouterOutputs['review']['progress'];
export type RankingRow = RouterOutputs['review']['ranking']['rows'][number];
export type MyAssignment = RouterOutputs['review']['myAssignments'][number];
export type ExpertAssignment = RouterOutputs['review']['assignment'];
export type ScoreSheetInput = RouterInputs['review']['saveScores'];

/** Everything under this key changes together when assignments, scores or rounds change. */
const REVIEW_KEY = ['review'] as const;

function useReviewMutation<TInput, TOutput>(call: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => queryClient.invalidateQueries({ queryKey: REVIEW_KEY }) });
}

const enabledFor = (id: MaybeRefOrGetter<string | null | undefined>) => computed(() => !!toValue(id));

// The office: pool.
export const useExpertsQuery = () => useQuery({ queryKey: [...REVIEW_KEY, 'experts'], queryFn: () => trpc.review.experts.query() });
export const useExpertCandidatesQuery = () => useQuery({ queryKey: [...REVIEW_KEY, 'expert-candidates'], queryFn: () => trpc.review.expertCandidates.query() });
export const useAddExpert = () => useReviewMutation((input: RouterInputs['review']['addExpert']) => trpc.review.addExpert.mutate(input));
export const useUpdateExpert = () => useReviewMutation((input: RouterInputs['review']['updateExpert']) => trpc.review.updateExpert.mutate(input));

// The office: rounds.
export const useRoundsQuery = (campaignId: MaybeRefOrGetter<string | null>) =>
  useQuery({
    queryKey: computed(() => [...REVIEW_KEY, 'rounds', toValue(campaignId)]),
    queryFn: () => trpc.review.rounds.query({ campaignId: toValue(campaignId)! }),
    enabled: enabledFor(campaignId),
  });
export const useCreateRound = () => useReviewMutation((input: RoundInput) => trpc.review.createRound.mutate(input));
export const useUpdateRound = () => useReviewMutation((input: RoundUpdate) => trpc.review.updateRound.mutate(input));
export const useOpenRound = () => useReviewMutation((roundId: string) => trpc.review.openRound.mutate({ roundId }));
export const useCloseRound = () => useReviewMutation((roundId: string) => trpc.review.closeRound.mutate({ roundId }));

// The office: assignment. The preview is fetched on demand, never cached: it must reflect the state now.
export const fetchAssignmentPreview = (roundId: string, carryOverTopN?: number) => trpc.review.previewAssignment.query({ roundId, carryOverTopN });
export const useApplyAssignment = () => useReviewMutation((input: RouterInputs['review']['applyAssignment']) => trpc.review.applyAssignment.mutate(input));
export const useAssignExpert = () => useReviewMutation((input: RouterInputs['review']['assign']) => trpc.review.assign.mutate(input));
export const useUnassignExpert = () => useReviewMutation((assignmentId: string) => trpc.review.unassign.mutate({ assignmentId }));

// The office: progress and ranking.
export const useProgressQuery = (roundId: MaybeRefOrGetter<string | null>) =>
  useQuery({
    queryKey: computed(() => [...REVIEW_KEY, 'progress', toValue(roundId)]),
    queryFn: () => trpc.review.progress.query({ roundId: toValue(roundId)! }),
    enabled: enabledFor(roundId),
  });
export const useSendReminders = () => useReviewMutation((roundId: string) => trpc.review.sendReminders.mutate({ roundId }));
export const useRankingQuery = (roundId: MaybeRefOrGetter<string | null>) =>
  useQuery({
    queryKey: computed(() => [...REVIEW_KEY, 'ranking', toValue(roundId)]),
    queryFn: () => trpc.review.ranking.query({ roundId: toValue(roundId)! }),
    enabled: enabledFor(roundId),
  });
export const exportRanking = (roundId: string) => trpc.review.exportRanking.mutate({ roundId });

// Experts.
export const useMyAssignmentsQuery = () => useQuery({ queryKey: [...REVIEW_KEY, 'mine'], queryFn: () => trpc.review.myAssignments.query() });
export const useExpertAssignmentQuery = (assignmentId: MaybeRefOrGetter<string>) =>
  useQuery({
    queryKey: computed(() => [...REVIEW_KEY, 'assignment', toValue(assignmentId)]),
    queryFn: () => trpc.review.assignment.query({ assignmentId: toValue(assignmentId) }),
    enabled: enabledFor(assignmentId),
    // A sheet being typed must not be replaced by a background refetch.
    refetchOnWindowFocus: false,
  });
export const useSaveScores = () => useReviewMutation((input: ScoreSheetInput) => trpc.review.saveScores.mutate(input));
export const useSubmitScores = () => useReviewMutation((input: ScoreSheetInput) => trpc.review.submitScores.mutate(input));
export const useDeclareConflict = () => useReviewMutation((input: RouterInputs['review']['declareConflict']) => trpc.review.declareConflict.mutate(input));
