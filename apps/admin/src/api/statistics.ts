import type { RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { NOMINATIONS_KEY } from './intake.ts';

export type NominationStatistics = RouterOutputs['statistics']['nominations'];

export const useNominationStatisticsQuery = (campaignId: MaybeRefOrGetter<string>) =>
  useQuery({
    queryKey: computed(() => [NOMINATIONS_KEY, 'statistics', toValue(campaignId)]),
    queryFn: () => trpc.statistics.nominations.query({ campaignId: toValue(campaignId) }),
    enabled: computed(() => !!toValue(campaignId)),
  });

export type YearlyRecords = RouterOutputs['eventReports']['yearly'];

/** Each base's activity record for a year: from activity reports, else from check-ins. */
export const useYearlyRecordsQuery = (year: MaybeRefOrGetter<number>) =>
  useQuery({ queryKey: computed(() => ['eventReports', 'yearly', toValue(year)]), queryFn: () => trpc.eventReports.yearly.query({ year: toValue(year) }) });
