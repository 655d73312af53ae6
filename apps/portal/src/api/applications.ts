import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, type MaybeRefOrGetter, toValue } from 'vue';

export type MyApplication = RouterOutputs['applications']['mine'][number];
export type ApplicationDetail = RouterOutputs['applications']['get'];
export type TimelineEvent = ApplicationDetail['timeline'][number];
export type Material = RouterOutputs['applications']['materials'][number];
export type Desk = RouterOutputs['applications']['desk'];
export type DeskItem = Desk['items'][number];
export type DeskFilters = Omit<RouterInputs['applications']['desk'], 'campaignId'>;
export type RecommendingBody = RouterOutputs['reference']['recommendingBodies'][number];
export type CurrentCampaign = NonNullable<RouterOutputs['campaigns']['current']>;

/** Query keys carry the user id, so one person's data is never shown to the next. */
function useUser() {
  const session = useSessionStore();
  return { userId: computed(() => session.me?.id ?? null), signedIn: computed(() => Boolean(session.me)) };
}

/** Everything about applications starts with this key, so one invalidation refreshes lists, pages and the desk. */
export const APPLICATIONS_KEY = 'applications';

export function useCurrentCampaignForWork() {
  return useQuery({
    queryKey: ['campaigns', 'current'],
    queryFn: () => trpc.campaigns.current.query(),
    staleTime: 5 * 60_000,
  });
}

export function useRecommendingBodies() {
  return useQuery({
    queryKey: ['reference', 'recommendingBodies'],
    queryFn: () => trpc.reference.recommendingBodies.query(),
    staleTime: 30 * 60_000,
  });
}

export function useMyApplications() {
  const { userId, signedIn } = useUser();
  return useQuery({
    queryKey: [APPLICATIONS_KEY, 'mine', userId],
    queryFn: () => trpc.applications.mine.query(),
    enabled: signedIn,
  });
}

export function useApplication(applicationId: MaybeRefOrGetter<string>) {
  const { userId, signedIn } = useUser();
  return useQuery({
    queryKey: [APPLICATIONS_KEY, 'get', userId, computed(() => toValue(applicationId))],
    queryFn: () => trpc.applications.get.query({ applicationId: toValue(applicationId) }),
    enabled: signedIn,
  });
}

export function useMaterials(applicationId: MaybeRefOrGetter<string>) {
  const { userId, signedIn } = useUser();
  return useQuery({
    queryKey: [APPLICATIONS_KEY, 'materials', userId, computed(() => toValue(applicationId))],
    queryFn: () => trpc.applications.materials.query({ applicationId: toValue(applicationId) }),
    enabled: signedIn,
  });
}

export function useDesk(campaignId: MaybeRefOrGetter<string | null>, filters: MaybeRefOrGetter<DeskFilters>) {
  const { userId, signedIn } = useUser();
  return useQuery({
    queryKey: [APPLICATIONS_KEY, 'desk', userId, computed(() => toValue(campaignId)), computed(() => toValue(filters))],
    queryFn: () => trpc.applications.desk.query({ campaignId: toValue(campaignId)!, ...toValue(filters) }),
    enabled: computed(() => signedIn.value && Boolean(toValue(campaignId))),
    placeholderData: keepPreviousData,
  });
}

/** After any move on an application, every list and page showing it is refreshed. */
export function useInvalidateApplications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [APPLICATIONS_KEY] });
}

export function useCreateApplication() {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (input: RouterInputs['applications']['create']) => trpc.applications.create.mutate(input),
    onSuccess: () => invalidate(),
  });
}

type Move = 'submit' | 'withdraw' | 'reopen' | 'recommend' | 'unrecommend';

/** The moves along the application's path; `return` carries a reason. */
export function useApplicationMove() {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (input: { action: Move; applicationId: string } | { action: 'return'; applicationId: string; reason: string }) => {
      const { applicationId } = input;
      switch (input.action) {
        case 'submit':
          return trpc.applications.submit.mutate({ applicationId });
        case 'withdraw':
          return trpc.applications.withdraw.mutate({ applicationId });
        case 'reopen':
          return trpc.applications.reopen.mutate({ applicationId });
        case 'recommend':
          return trpc.applications.recommend.mutate({ applicationId });
        case 'unrecommend':
          return trpc.applications.unrecommend.mutate({ applicationId });
        case 'return':
          return trpc.applications.return.mutate({ applicationId, reason: input.reason });
      }
    },
    onSettled: () => invalidate(),
  });
}

export function useDeleteMaterial() {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (materialId: string) => trpc.applications.deleteMaterial.mutate({ materialId }),
    onSettled: () => invalidate(),
  });
}

export function useDeclareNone() {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (input: RouterInputs['applications']['declareNone']) => trpc.applications.declareNone.mutate(input),
    onSettled: () => invalidate(),
  });
}
