import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';

export const usePublicEvaluationSummary = () => useQuery({ queryKey: ['evaluation', 'summary'], queryFn: () => trpc.evaluation.summary.query() });
