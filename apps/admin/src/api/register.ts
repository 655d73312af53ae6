import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { SELECTION_KEY } from './decisions.ts';

export type BaseQuery = RouterInputs['register']['list'];
export type BaseRow = RouterOutputs['register']['list']['items'][number];
export type BaseDetail = RouterOutputs['register']['get'];

const compact = <T extends Record<string, unknown>>(input: T): T => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as T;

export const useBasesQuery = (input: MaybeRefOrGetter<BaseQuery>) =>
  useQuery({
    queryKey: computed(() => [SELECTION_KEY, 'register', compact(toValue(input))]),
    queryFn: () => trpc.register.list.query(compact(toValue(input))),
    placeholderData: keepPreviousData,
  });

export const useBaseQuery = (baseId: MaybeRefOrGetter<string | null>) =>
  useQuery({
    queryKey: computed(() => [SELECTION_KEY, 'base', toValue(baseId)]),
    queryFn: () => trpc.register.get.query({ baseId: toValue(baseId)! }),
    enabled: computed(() => !!toValue(baseId)),
  });

export function useChangeBaseStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RouterInputs['register']['changeStatus']) => trpc.register.changeStatus.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [SELECTION_KEY] }),
  });
}

/** Downloads go through plain links: the session cookie authorises them and the server audits each. */
export const certificateUrl = (baseId: string) => `/files/bases/${baseId}/certificate.pdf`;
export const batchCertificatesUrl = (batchYear: number) => `/files/register/certificates.pdf?batchYear=${batchYear}`;
export const nationalListUrl = (batchYear: number) => `/files/register/national-list.xlsx?batchYear=${batchYear}`;
