import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type EvaluationRoundView = RouterOutputs['evaluation']['round'];
export type EvaluationRoundBaseRow = EvaluationRoundView['bases'][number];
export type AnnualReportView = RouterOutputs['evaluation']['report'];
export type OutcomePreview = RouterOutputs['evaluation']['previewOutcomes'];

export const useEvaluationRoundsQuery = () => useQuery({ queryKey: ['evaluation', 'rounds'], queryFn: () => trpc.evaluation.rounds.query() });
export const useEvaluationRoundQuery = (roundId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['evaluation', 'round', toValue(roundId)]), queryFn: () => trpc.evaluation.round.query({ roundId: toValue(roundId) }) });
export const useRectificationsQuery = () => useQuery({ queryKey: ['evaluation', 'rectifications'], queryFn: () => trpc.evaluation.rectifications.query() });
export const useMyEvaluationsQuery = () => useQuery({ queryKey: ['evaluation', 'mine'], queryFn: () => trpc.evaluation.myEvaluations.query() });
export const usePoolQuery = () => useQuery({ queryKey: ['review', 'experts'], queryFn: () => trpc.review.experts.query() });

export const fetchReport = (reportId: string) => trpc.evaluation.report.query({ reportId });
export const fetchScores = (input: RouterInputs['evaluation']['scores']) => trpc.evaluation.scores.query(input);
export const openRound = (input: RouterInputs['evaluation']['openRound']) => trpc.evaluation.openRound.mutate(input);
export const closeReporting = (roundId: string) => trpc.evaluation.closeReporting.mutate({ roundId });
export const closeRound = (roundId: string) => trpc.evaluation.closeRound.mutate({ roundId });
export const previewAssignment = (input: RouterInputs['evaluation']['previewAssignment']) => trpc.evaluation.previewAssignment.query(input);
export const assign = (input: RouterInputs['evaluation']['assign']) => trpc.evaluation.assign.mutate(input);
export const officeCheck = (input: RouterInputs['evaluation']['officeCheck']) => trpc.evaluation.officeCheck.mutate(input);
export const recordVisit = (input: RouterInputs['evaluation']['recordVisit']) => trpc.evaluation.recordVisit.mutate(input);
export const previewOutcomes = (input: RouterInputs['evaluation']['previewOutcomes']) => trpc.evaluation.previewOutcomes.query(input);
export const confirmOutcomes = (input: RouterInputs['evaluation']['confirmOutcomes']) => trpc.evaluation.confirmOutcomes.mutate(input);
export const recheck = (input: RouterInputs['evaluation']['recheck']) => trpc.evaluation.recheck.mutate(input);
export const saveScore = (input: RouterInputs['evaluation']['saveScore']) => trpc.evaluation.saveScore.mutate(input);
export const declareConflict = (input: RouterInputs['evaluation']['declareConflict']) => trpc.evaluation.declareConflict.mutate(input);
