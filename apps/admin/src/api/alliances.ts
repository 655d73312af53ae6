import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type AllianceListQuery = RouterInputs['alliances']['officeList'];
export type AllianceDetail = RouterOutputs['alliances']['officeGet'];

export const useAlliancesQuery = (input: MaybeRefOrGetter<AllianceListQuery>) =>
  useQuery({
    queryKey: computed(() => ['alliances', 'office', toValue(input)]),
    queryFn: () => trpc.alliances.officeList.query(toValue(input)),
    placeholderData: keepPreviousData,
  });

export const useAllianceQuery = (allianceId: MaybeRefOrGetter<string>) =>
  useQuery({ queryKey: computed(() => ['alliances', 'office', 'one', toValue(allianceId)]), queryFn: () => trpc.alliances.officeGet.query({ allianceId: toValue(allianceId) }) });

export const decideAlliance = (input: RouterInputs['alliances']['decide']) => trpc.alliances.decide.mutate(input);
