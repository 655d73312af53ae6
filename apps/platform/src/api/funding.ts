import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';
import { computed } from 'vue';

export const usePublicFundingCalls = () => useQuery({ queryKey: ['funding', 'calls'], queryFn: () => trpc.funding.calls.query() });
export const useFundedProjects = () => useQuery({ queryKey: ['funding', 'funded'], queryFn: () => trpc.funding.funded.query() });
export const usePublicFundingCall = (callId: () => string) =>
  useQuery({ queryKey: computed(() => ['funding', 'call', callId()]), queryFn: () => trpc.funding.callPage.query({ callId: callId() }) });
