import type { RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';

export type AdminNotification = RouterOutputs['account']['notifications']['items'][number];
export type AdminMail = RouterOutputs['account']['mail'][number];

const KEY = ['account'] as const;

/** The signed-in person's notices; refreshed every minute so the header's count keeps up. */
export const useNotifications = () => useQuery({ queryKey: [...KEY, 'notifications'], queryFn: () => trpc.account.notifications.query(), refetchInterval: 60_000 });
export const useMail = () => useQuery({ queryKey: [...KEY, 'mail'], queryFn: () => trpc.account.mail.query() });
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => trpc.account.markNotificationsRead.mutate(), onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'notifications'] }) });
}
