import { AUDIENCES } from '@ssb/domain/bases';
import { DISTRICT_CODES } from '@ssb/domain/districts';
import { EVENT_KINDS } from '@ssb/domain/events';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';

/** The filters an events list keeps in its address: Beijing days, district, audience, kind, and the page. */
export type EventFilterValues = { from: string; to: string; district: string; audience: string; kind: string };

/**
 * Reads and writes the event filters of the address (`/events`, `/campaigns/:id`). A hand-edited
 * address with an unknown word or a malformed day is read as no filter rather than refused.
 */
export function useEventFilters() {
  const route = useRoute();
  const router = useRouter();
  const text = (key: string) => (typeof route.query[key] === 'string' ? (route.query[key] as string) : '');
  const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  const oneOf = (key: string, allowed: readonly string[]) => (allowed.includes(text(key)) ? text(key) : '');
  const from = computed(() => (isDay(text('from')) ? text('from') : ''));
  const to = computed(() => (isDay(text('to')) ? text('to') : ''));
  const district = computed(() => oneOf('district', DISTRICT_CODES));
  const audience = computed(() => oneOf('audience', AUDIENCES));
  const kind = computed(() => oneOf('kind', EVENT_KINDS));
  const page = computed(() => Math.max(1, Number(route.query.page) || 1));
  const values = computed<EventFilterValues>(() => ({ from: from.value, to: to.value, district: district.value, audience: audience.value, kind: kind.value }));
  const hasFilters = computed(() => Object.values(values.value).some(Boolean));
  /** The filters as a browse query asks for them (unset ones left out). */
  const query = computed(() => ({
    from: from.value || undefined,
    to: to.value || undefined,
    district: district.value || undefined,
    audience: audience.value || undefined,
    kind: kind.value || undefined,
    page: page.value,
  }));
  /** A changed filter starts again from the first page. */
  const update = (next: Record<string, string | undefined>) => void router.replace({ query: { ...route.query, ...next, page: undefined } });
  const clear = (keep: Record<string, string> = {}) => void router.replace({ query: keep });
  const goTo = (next: number) => void router.replace({ query: { ...route.query, page: String(next) } });
  return { text, from, to, district, audience, kind, page, values, hasFilters, query, update, clear, goTo };
}
