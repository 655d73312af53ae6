import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { csrfHeaders } from '@ssb/ui/csrf';
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
  myAlliances: () => trpc.alliances.mine.query(),
};

export type FundingFile = FundingApplication['files'][number];
export const fundingFileUrl = (applicationId: string, fileId: string) => `/files/funding/${applicationId}/files/${fileId}`;
export const removeFundingFile = (applicationId: string, fileId: string) => trpc.funding.removeFile.mutate({ applicationId, fileId });

/** Sends one file's bytes (PDF or JPEG, checked on the server); rejects with the server's Chinese message. */
export async function uploadFundingFile(applicationId: string, file: File, purpose: 'attachment' | 'evidence', label: string): Promise<FundingFile> {
  const response = await fetch(`/files/funding/${applicationId}/files?${new URLSearchParams({ purpose, label, name: file.name })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...csrfHeaders() },
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as FundingFile & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `上传失败（${response.status}）`);
  return body;
}
