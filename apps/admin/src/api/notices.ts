import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { SELECTION_KEY } from './decisions.ts';

export type NoticeList = RouterOutputs['notices']['list'];
export type NoticeRow = NoticeList['items'][number];
export type NoticeDetail = RouterOutputs['notices']['get'];
export type NoticeObjection = NoticeDetail['objections'][number];

export const useNoticesQuery = (campaignId: MaybeRefOrGetter<string>) =>
  useQuery({
    queryKey: computed(() => [SELECTION_KEY, 'notices', toValue(campaignId)]),
    queryFn: () => trpc.notices.list.query({ campaignId: toValue(campaignId) }),
    enabled: computed(() => !!toValue(campaignId)),
  });

export const useNoticeQuery = (noticeId: MaybeRefOrGetter<string | null>) =>
  useQuery({
    queryKey: computed(() => [SELECTION_KEY, 'notice', toValue(noticeId)]),
    queryFn: () => trpc.notices.get.query({ noticeId: toValue(noticeId)! }),
    enabled: computed(() => !!toValue(noticeId)),
  });

function useSelectionMutation<TInput, TOutput>(call: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => queryClient.invalidateQueries({ queryKey: [SELECTION_KEY] }) });
}

export const useCreateNotice = () => useSelectionMutation((input: RouterInputs['notices']['create']) => trpc.notices.create.mutate(input));
export const useUpdateNotice = () => useSelectionMutation((input: RouterInputs['notices']['update']) => trpc.notices.update.mutate(input));
export const usePublishNotice = () => useSelectionMutation((input: RouterInputs['notices']['publish']) => trpc.notices.publish.mutate(input));
export const useCloseNotice = () => useSelectionMutation((input: RouterInputs['notices']['close']) => trpc.notices.close.mutate(input));
export const useAnswerObjection = () => useSelectionMutation((input: RouterInputs['notices']['answerObjection']) => trpc.notices.answerObjection.mutate(input));
