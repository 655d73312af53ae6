import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type FundingCallRow = RouterOutputs['funding']['officeCalls'][number];
export type FundingRecommendationRow = RouterOutputs['funding']['recommendation'][number];
export type FundingLedger = RouterOutputs['funding']['ledger'];
export type FundingReviewFile = RouterOutputs['funding']['reviewFile'];

export const useFundingCallsQuery = () => useQuery({ queryKey: ['funding', 'calls'], queryFn: () => trpc.funding.officeCalls.query() });
export const useFundingReviewersQuery = () => useQuery({ queryKey: ['funding', 'reviewers'], queryFn: () => trpc.funding.reviewers.query() });
export const useFundingCallQuery = (callId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['funding', 'call', toValue(callId)]), queryFn: () => trpc.funding.officeCall.query({ callId: toValue(callId) }) });
export const useCallApplicationsQuery = (callId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['funding', 'applications', toValue(callId)]), queryFn: () => trpc.funding.callApplications.query({ callId: toValue(callId) }) });
export const useRecommendationQuery = (callId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['funding', 'recommendation', toValue(callId)]), queryFn: () => trpc.funding.recommendation.query({ callId: toValue(callId) }) });
export const useLedgerQuery = (callId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['funding', 'ledger', toValue(callId)]), queryFn: () => trpc.funding.ledger.query({ callId: toValue(callId) }) });
export const useFundingDeskQuery = (enabled: MaybeRefOrGetter<boolean> = true) =>
  useQuery({ queryKey: ['funding', 'desk'], queryFn: () => trpc.funding.desk.query(), enabled: computed(() => toValue(enabled)) });
export const useReviewFileQuery = (applicationId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['funding', 'review-file', toValue(applicationId)]), queryFn: () => trpc.funding.reviewFile.query({ applicationId: toValue(applicationId) }) });

export const createFundingCall = (input: RouterInputs['funding']['createCall']) => trpc.funding.createCall.mutate(input);
export const setFundingCallStatus = (input: RouterInputs['funding']['setCallStatus']) => trpc.funding.setCallStatus.mutate(input);
export const previewFundingAssignment = (input: RouterInputs['funding']['previewAssignment']) => trpc.funding.previewAssignment.query(input);
export const assignFunding = (input: RouterInputs['funding']['assign']) => trpc.funding.assign.mutate(input);
export const decideFunding = (input: RouterInputs['funding']['decide']) => trpc.funding.decide.mutate(input);
export const recordTranche = (input: RouterInputs['funding']['recordTranche']) => trpc.funding.recordTranche.mutate(input);
export const saveFundingReview = (input: RouterInputs['funding']['saveReview']) => trpc.funding.saveReview.mutate(input);
export const declareFundingConflict = (input: RouterInputs['funding']['declareConflict']) => trpc.funding.declareConflict.mutate(input);
