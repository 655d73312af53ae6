import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type AuditQuery = RouterInputs['audit']['list'];
export type AuditRow = RouterOutputs['audit']['list']['items'][number];
export type AuditVerification = RouterOutputs['audit']['verify'];

function compact<T extends Record<string, unknown>>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as T;
}

export const useAuditQuery = (input: MaybeRefOrGetter<AuditQuery>) =>
  useQuery({
    queryKey: computed(() => ['audit', 'list', compact(toValue(input))]),
    queryFn: () => trpc.audit.list.query(compact(toValue(input))),
    placeholderData: keepPreviousData,
  });

export const useVerifyAuditChain = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => trpc.audit.verify.mutate(), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['audit'] }) });
};
