import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type FundingApplication = RouterOutputs['funding']['get'];
export type FundingFields = RouterInputs['funding']['saveDraft']['fields'];

const userKey = () => {
  const session = useSessionStore();
  return computed(() => session.me?.id ?? null);
};

export const useFundingCalls = () => useQuery({ queryKey: ['funding', 'calls'], queryFn: () => trpc.funding.calls.query() });
export function useMyFundingApplications() {
  const user = userKey();
  return useQuery({ queryKey: computed(() => ['funding', 'mine', user.value]), queryFn: () => trpc.funding.mine.query() });
}
export function useMyBases() {
  const user = userKey();
  return useQuery({ queryKey: computed(() => ['funding', 'bases', user.value]), queryFn: () => trpc.bases.mine.query() });
}
export const useFundingApplication = (applicationId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['funding', 'application', toValue(applicationId)]), queryFn: () => trpc.funding.get.query({ applicationId: toValue(applicationId) }) });

export const fundingApi = {
  create: (input: RouterInputs['funding']['create']) => trpc.funding.create.mutate(input),
  saveDraft: (input: RouterInputs['funding']['saveDraft']) => trpc.funding.saveDraft.mutate(input),
  submit: (applicationId: string) => trpc.funding.submit.mutate({ applicationId }),
  withdraw: (applicationId: string) => trpc.funding.withdraw.mutate({ applicationId }),
  confirmAgreement: (applicationId: string) => trpc.funding.confirmAgreement.mutate({ applicationId }),
  requestBudgetChange: (input: RouterInputs['funding']['requestBudgetChange']) => trpc.funding.requestBudgetChange.mutate(input),
  submitReport: (input: RouterInputs['funding']['submitReport']) => trpc.funding.submitReport.mutate(input),
};
