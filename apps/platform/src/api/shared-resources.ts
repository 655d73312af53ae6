import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui/trpc';
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';

export type SearchInput = RouterInputs['search']['query'];
export type SearchResult = RouterOutputs['search']['query'];
export type DirectoryInput = RouterInputs['bases']['directory'];
export type Directory = RouterOutputs['bases']['directory'];
export type BasePage = RouterOutputs['bases']['page'];
export type PublicResource = RouterOutputs['resources']['get'];

export const useSearch = (input: Ref<SearchInput | null>) =>
  useQuery({
    queryKey: computed(() => ['search', input.value]),
    queryFn: () => trpc.search.query.query(input.value!),
    enabled: computed(() => input.value !== null),
    placeholderData: keepPreviousData,
  });

export const useDirectory = (input: Ref<DirectoryInput>) =>
  useQuery({ queryKey: computed(() => ['bases', 'directory', input.value]), queryFn: () => trpc.bases.directory.query(input.value), placeholderData: keepPreviousData });

export const useBasePage = (baseId: Ref<string>) =>
  useQuery({ queryKey: computed(() => ['bases', 'page', baseId.value]), queryFn: () => trpc.bases.page.query({ baseId: baseId.value }) });

export const usePublicResource = (resourceId: Ref<string>) =>
  useQuery({ queryKey: computed(() => ['resources', 'get', resourceId.value]), queryFn: () => trpc.resources.get.query({ resourceId: resourceId.value }) });

export const useMyBases = (enabled: Ref<boolean>) =>
  useQuery({ queryKey: ['bases', 'mine'], queryFn: () => trpc.bases.mine.query(), enabled });

export const requestBooking = (input: RouterInputs['bookings']['request']) => trpc.bookings.request.mutate(input);

export type MyResourceBooking = RouterOutputs['bookings']['mineFor'][number];
export const useMyResourceBookings = (resourceId: Ref<string>, enabled: Ref<boolean>) =>
  useQuery({ queryKey: computed(() => ['bookings', 'mineFor', resourceId.value]), queryFn: () => trpc.bookings.mineFor.query({ resourceId: resourceId.value }), enabled });
