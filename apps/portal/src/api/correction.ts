import type { RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { APPLICATIONS_KEY } from './applications.ts';

export type Correction = NonNullable<RouterOutputs['intake']['myCorrection']>;

/** The office's correction request on a nomination (形式审查退回补正), for the applicant's form page. */
export const useMyCorrection = (applicationId: MaybeRefOrGetter<string>, isEnabled: MaybeRefOrGetter<boolean>) =>
  useQuery({
    queryKey: computed(() => [APPLICATIONS_KEY, 'correction', toValue(applicationId)]),
    queryFn: () => trpc.intake.myCorrection.query({ applicationId: toValue(applicationId) }),
    enabled: computed(() => toValue(isEnabled)),
    // The deadline passes while the page is open: ask again now and then.
    refetchInterval: 60_000,
  });

export const useReplyCorrection = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { applicationId: string; message?: string }) => trpc.intake.replyCorrection.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [APPLICATIONS_KEY] }),
  });
};
