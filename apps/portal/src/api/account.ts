import type { RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed } from 'vue';

export type MyOrganization = RouterOutputs['account']['organizations'][number];
export type Notification = RouterOutputs['account']['notifications']['items'][number];
export type MailMessage = RouterOutputs['account']['mail'][number];

/** Query keys carry the user id, so one person's data is never shown to the next. */
function useUserKey() {
  const session = useSessionStore();
  return { userId: computed(() => session.me?.id ?? null), signedIn: computed(() => Boolean(session.me)) };
}

export function useMyOrganizations() {
  const { userId, signedIn } = useUserKey();
  return useQuery({
    queryKey: ['account', 'organizations', userId],
    queryFn: () => trpc.account.organizations.query(),
    enabled: signedIn,
  });
}

export function useNotifications() {
  const { userId, signedIn } = useUserKey();
  return useQuery({
    queryKey: ['account', 'notifications', userId],
    queryFn: () => trpc.account.notifications.query(),
    enabled: signedIn,
  });
}

export function useMail() {
  const { userId, signedIn } = useUserKey();
  return useQuery({
    queryKey: ['account', 'mail', userId],
    queryFn: () => trpc.account.mail.query(),
    enabled: signedIn,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => trpc.account.markNotificationsRead.mutate(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['account', 'notifications'] }),
  });
}
