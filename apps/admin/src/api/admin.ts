import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type Dashboard = RouterOutputs['admin']['dashboard'];
export type UserRow = RouterOutputs['admin']['users']['items'][number];
export type OrganizationRow = RouterOutputs['admin']['organizations']['items'][number];
export type RecommendingBody = RouterOutputs['reference']['recommendingBodies'][number];
export type UsersQuery = RouterInputs['admin']['users'];
export type OrganizationsQuery = RouterInputs['admin']['organizations'];
export type InviteInput = RouterInputs['admin']['inviteUser'];
export type GrantInput = RouterInputs['admin']['grantRole'];

/** Everything the console shows about users, organizations and counts lives under this key. */
const ADMIN_KEY = 'admin';
export const DASHBOARD_REFRESH_MS = 30_000;

export const useDashboardQuery = () =>
  useQuery({
    queryKey: [ADMIN_KEY, 'dashboard'],
    queryFn: () => trpc.admin.dashboard.query(),
    refetchInterval: DASHBOARD_REFRESH_MS,
    refetchIntervalInBackground: false,
  });

/** Drops empty filters, so the server sees only the ones that were set. */
function compact<T extends Record<string, unknown>>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as T;
}

export const useUsersQuery = (input: MaybeRefOrGetter<UsersQuery>) =>
  useQuery({
    queryKey: computed(() => [ADMIN_KEY, 'users', compact(toValue(input))]),
    queryFn: () => trpc.admin.users.query(compact(toValue(input))),
    placeholderData: keepPreviousData,
  });

export const useOrganizationsQuery = (input: MaybeRefOrGetter<OrganizationsQuery>) =>
  useQuery({
    queryKey: computed(() => [ADMIN_KEY, 'organizations', compact(toValue(input))]),
    queryFn: () => trpc.admin.organizations.query(compact(toValue(input))),
    placeholderData: keepPreviousData,
  });

/** For pickers: a page of organizations matching what was typed. */
export const searchOrganizations = (search: string) =>
  trpc.admin.organizations.query(compact({ page: 1, pageSize: 20, search: search.trim() }));

export const useRecommendingBodiesQuery = () =>
  useQuery({
    queryKey: ['reference', 'recommendingBodies'],
    queryFn: () => trpc.reference.recommendingBodies.query(),
    staleTime: 5 * 60_000,
  });

/** After any change to people or roles, the lists and the counts are stale. */
function useAdminMutation<TInput, TOutput>(call: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] }),
  });
}

export const useInviteUser = () => useAdminMutation((input: InviteInput) => trpc.admin.inviteUser.mutate(input));
export const useGrantRole = () => useAdminMutation((input: GrantInput) => trpc.admin.grantRole.mutate(input));
export const useRevokeRole = () => useAdminMutation((input: GrantInput) => trpc.admin.revokeRole.mutate(input));
