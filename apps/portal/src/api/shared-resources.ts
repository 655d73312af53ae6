import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type MyBase = RouterOutputs['bases']['mine'][number];
export type BaseProfile = RouterOutputs['bases']['profile'];
export type ProfileInput = RouterInputs['bases']['updateProfile'];
export type MyResources = RouterOutputs['resources']['mine'];
export type EditableResource = RouterOutputs['resources']['edit'];
export type ResourceFieldsInput = Omit<RouterInputs['resources']['create'], 'baseId'>;
export type Bookings = RouterOutputs['bookings']['list'];
export type BookingRow = Bookings['items'][number];

/** Query keys carry the user id, so one person's data is never shown to the next. */
const userKey = () => {
  const session = useSessionStore();
  return computed(() => session.me?.id ?? null);
};

export function useMyBases(enabled: MaybeRefOrGetter<boolean> = true) {
  const user = userKey();
  return useQuery({ queryKey: computed(() => ['bases', 'mine', user.value]), queryFn: () => trpc.bases.mine.query(), enabled: computed(() => toValue(enabled)) });
}

export function useBaseProfile(baseId: MaybeRefOrGetter<string | null>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['bases', 'profile', user.value, toValue(baseId)]),
    queryFn: () => trpc.bases.profile.query({ baseId: toValue(baseId)! }),
    enabled: computed(() => Boolean(toValue(baseId))),
  });
}

export function useSaveProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) => trpc.bases.updateProfile.mutate(input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['bases'] }),
  });
}

export function useMyResources(filters: MaybeRefOrGetter<RouterInputs['resources']['mine']>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['resources', 'mine', user.value, toValue(filters)]),
    queryFn: () => trpc.resources.mine.query(toValue(filters)),
    placeholderData: keepPreviousData,
  });
}

export function useEditableResource(resourceId: MaybeRefOrGetter<string | null>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['resources', 'edit', user.value, toValue(resourceId)]),
    queryFn: () => trpc.resources.edit.query({ resourceId: toValue(resourceId)! }),
    enabled: computed(() => Boolean(toValue(resourceId))),
    // The editor holds the user's typing; never replace it behind their back.
    refetchOnWindowFocus: false,
  });
}

export const createResource = (input: RouterInputs['resources']['create']) => trpc.resources.create.mutate(input);
export const updateResource = (input: RouterInputs['resources']['update']) => trpc.resources.update.mutate(input);
export const transitionResource = (input: RouterInputs['resources']['transition']) => trpc.resources.transition.mutate(input);

export function useBookings(filters: MaybeRefOrGetter<RouterInputs['bookings']['list']>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['bookings', user.value, toValue(filters)]),
    queryFn: () => trpc.bookings.list.query(toValue(filters)),
    placeholderData: keepPreviousData,
  });
}

export const approveBooking = (input: RouterInputs['bookings']['approve']) => trpc.bookings.approve.mutate(input);
export const declineBooking = (input: RouterInputs['bookings']['decline']) => trpc.bookings.decline.mutate(input);
export const cancelBooking = (input: RouterInputs['bookings']['cancel']) => trpc.bookings.cancel.mutate(input);
