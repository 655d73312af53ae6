import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type BaseTerm = RouterOutputs['bases']['term'];

/** A managed base's term: countdown, reminders sent, and the campaigns it may re-apply in now. */
export function useBaseTerm(baseId: MaybeRefOrGetter<string | null>) {
  const session = useSessionStore();
  return useQuery({
    queryKey: computed(() => ['bases', 'term', session.me?.id ?? null, toValue(baseId)]),
    queryFn: () => trpc.bases.term.query({ baseId: toValue(baseId)! }),
    enabled: computed(() => Boolean(toValue(baseId))),
  });
}

/** 重新申报（复核）: starts the pre-filled draft; the page then opens it. */
export function useStartRenewal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RouterInputs['applications']['startRenewal']) => trpc.applications.startRenewal.mutate(input),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['bases', 'term'] }), client.invalidateQueries({ queryKey: ['applications'] })]),
  });
}
