import { trpc } from '@ssb/ui/trpc';
import { useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';

/** A base's yearly record (events held, people and young people reached), from activity reports and check-ins. */
export const useBaseRecord = (baseId: Ref<string>) =>
  useQuery({ queryKey: computed(() => ['eventReports', 'baseRecord', baseId.value]), queryFn: () => trpc.eventReports.baseRecord.query({ baseId: baseId.value }) });
