import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui/trpc';
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';

export type BaseEventsInput = RouterInputs['events']['forBase'];
export type PublicEvent = RouterOutputs['events']['forBase']['items'][number];
export type UpcomingEvent = RouterOutputs['events']['upcoming'][number];

export const useBaseEvents = (input: Ref<BaseEventsInput>) =>
  useQuery({ queryKey: computed(() => ['events', 'forBase', input.value]), queryFn: () => trpc.events.forBase.query(input.value), placeholderData: keepPreviousData });

export const useUpcomingEvents = (limit: number) => useQuery({ queryKey: ['events', 'upcoming', limit], queryFn: () => trpc.events.upcoming.query({ limit }) });

export type BrowseEventsInput = RouterInputs['events']['browse'];
export type BrowsedEvent = RouterOutputs['events']['browse']['items'][number];

export const useBrowseEvents = (input: Ref<BrowseEventsInput>) =>
  useQuery({ queryKey: computed(() => ['events', 'browse', input.value]), queryFn: () => trpc.events.browse.query(input.value), placeholderData: keepPreviousData });
