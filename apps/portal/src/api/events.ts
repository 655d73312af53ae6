import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type MyEvents = RouterOutputs['events']['mine'];
export type MyEventRow = MyEvents['items'][number];
export type EditableEvent = RouterOutputs['events']['edit'];
export type EventFieldsInput = Omit<RouterInputs['events']['create'], 'baseId'>;

/** Query keys carry the user id, so one person's data is never shown to the next. */
const userKey = () => {
  const session = useSessionStore();
  return computed(() => session.me?.id ?? null);
};

export function useMyEvents(filters: MaybeRefOrGetter<RouterInputs['events']['mine']>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['events', 'mine', user.value, toValue(filters)]),
    queryFn: () => trpc.events.mine.query(toValue(filters)),
    placeholderData: keepPreviousData,
  });
}

export function useEditableEvent(eventId: MaybeRefOrGetter<string | null>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['events', 'edit', user.value, toValue(eventId)]),
    queryFn: () => trpc.events.edit.query({ eventId: toValue(eventId)! }),
    enabled: computed(() => Boolean(toValue(eventId))),
    // The editor holds the user's typing; never replace it behind their back.
    refetchOnWindowFocus: false,
  });
}

export const createEvent = (input: RouterInputs['events']['create']) => trpc.events.create.mutate(input);
export const updateEvent = (input: RouterInputs['events']['update']) => trpc.events.update.mutate(input);
export const publishEvent = (input: RouterInputs['events']['publish']) => trpc.events.publish.mutate(input);
export const cancelEvent = (input: RouterInputs['events']['cancel']) => trpc.events.cancel.mutate(input);

export type EventRegistrations = RouterOutputs['events']['registrations'];

/** The host's list of registrants, the waiting list and the door's count. */
export function useEventRegistrations(eventId: MaybeRefOrGetter<string>, page: MaybeRefOrGetter<number>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['events', 'registrations', user.value, toValue(eventId), toValue(page)]),
    queryFn: () => trpc.events.registrations.query({ eventId: toValue(eventId), page: toValue(page), pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
}
export const checkInCode = (input: RouterInputs['events']['checkIn']) => trpc.events.checkIn.mutate(input);
export const addWalkIns = (input: RouterInputs['events']['addWalkIns']) => trpc.events.addWalkIns.mutate(input);
export const cancelRegistrationAsHost = (input: RouterInputs['events']['cancelRegistrationAsHost']) => trpc.events.cancelRegistrationAsHost.mutate(input);
