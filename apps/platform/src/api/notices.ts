import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';

export type PublicNotice = RouterOutputs['notices']['publicGet'];
export type PublicNoticeSummary = RouterOutputs['notices']['publicList'][number];
export type ObjectionInput = RouterInputs['notices']['fileObjection'];

export const usePublicNotices = () => useQuery({ queryKey: ['notices', 'public'], queryFn: () => trpc.notices.publicList.query() });

export const usePublicNotice = (noticeId: Ref<string>) =>
  useQuery({ queryKey: computed(() => ['notices', 'public', noticeId.value]), queryFn: () => trpc.notices.publicGet.query({ noticeId: noticeId.value }) });

export const fileObjection = (input: ObjectionInput) => trpc.notices.fileObjection.mutate(input);
export type ObjectionStatus = RouterOutputs['notices']['lookUpObjection'];
export const lookUpObjection = (input: RouterInputs['notices']['lookUpObjection']) => trpc.notices.lookUpObjection.mutate(input);
