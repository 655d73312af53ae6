import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type AnnualReport = RouterOutputs['evaluation']['report'];
export type MyEvaluation = RouterOutputs['evaluation']['mine'];
export type SaveReportInput = RouterInputs['evaluation']['saveReport'];

export function useMyAnnualReports() {
  const session = useSessionStore();
  return useQuery({ queryKey: computed(() => ['evaluation', 'mine', session.me?.id ?? null]), queryFn: () => trpc.evaluation.mine.query() });
}
export const useAnnualReport = (reportId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['evaluation', 'report', toValue(reportId)]), queryFn: () => trpc.evaluation.report.query({ reportId: toValue(reportId) }) });

export const evaluationApi = {
  start: (input: RouterInputs['evaluation']['startReport']) => trpc.evaluation.startReport.mutate(input),
  save: (input: SaveReportInput) => trpc.evaluation.saveReport.mutate(input),
  submit: (input: RouterInputs['evaluation']['submitReport']) => trpc.evaluation.submitReport.mutate(input),
  answer: (input: RouterInputs['evaluation']['answerRectification']) => trpc.evaluation.answerRectification.mutate(input),
};
