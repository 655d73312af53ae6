import type { RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';

export type PublicAlliance = RouterOutputs['alliances']['get'];
export type PublicAllianceRow = RouterOutputs['alliances']['list'][number];

export const usePublicAlliances = () => useQuery({ queryKey: ['alliances', 'list'], queryFn: () => trpc.alliances.list.query() });
export const usePublicAlliance = (id: Ref<string>) => useQuery({ queryKey: computed(() => ['alliances', 'get', id.value]), queryFn: () => trpc.alliances.get.query({ allianceId: id.value }) });
export const useAlliancesOfBase = (baseId: Ref<string>) => useQuery({ queryKey: computed(() => ['alliances', 'ofBase', baseId.value]), queryFn: () => trpc.alliances.ofBase.query({ baseId: baseId.value }) });
