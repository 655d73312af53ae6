import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';

export type EventDetail = RouterOutputs['events']['get'];
export type RegisterInput = RouterInputs['events']['register'];
export type OwnRegistration = RouterOutputs['events']['registration'];

export const useEventDetail = (eventId: Ref<string>) => useQuery({ queryKey: computed(() => ['events', 'get', eventId.value]), queryFn: () => trpc.events.get.query({ eventId: eventId.value }) });

export const useOwnRegistration = (input: Ref<{ registrationId: string; token: string }>) =>
  useQuery({ queryKey: computed(() => ['events', 'registration', input.value.registrationId]), queryFn: () => trpc.events.registration.query(input.value) });

export const registerForEvent = (input: RegisterInput) => trpc.events.register.mutate(input);
export const cancelOwnRegistration = (input: { registrationId: string; token: string }) => trpc.events.cancelRegistration.mutate(input);
export const acceptOffer = (input: { registrationId: string; token: string }) => trpc.events.acceptOffer.mutate(input);
export const declineOffer = (input: { registrationId: string; token: string }) => trpc.events.declineOffer.mutate(input);
