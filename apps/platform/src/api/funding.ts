import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';

export const usePublicFundingCalls = () => useQuery({ queryKey: ['funding', 'calls'], queryFn: () => trpc.funding.calls.query() });
export const useFundedProjects = () => useQuery({ queryKey: ['funding', 'funded'], queryFn: () => trpc.funding.funded.query() });
