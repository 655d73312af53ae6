import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useEventFilters } from './use-event-filters.ts';

/** A real router in memory, the composable run inside its app, as a page's setup would. */
async function at(url: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/events', component: { render: () => null } }] });
  const app = createApp({ render: () => null });
  app.use(router);
  await router.push(url);
  return { router, filters: app.runWithContext(() => useEventFilters()) };
}

describe('useEventFilters', () => {
  it('reads known filters from the address and passes over unknown words and malformed days', async () => {
    const { filters } = await at('/events?from=2026-05-01&to=30-05-2026&district=nowhere&audience=public&kind=lecture&page=3');
    expect(filters.values.value).toEqual({ from: '2026-05-01', to: '', district: '', audience: 'public', kind: 'lecture' });
    expect(filters.query.value).toEqual({ from: '2026-05-01', to: undefined, district: undefined, audience: 'public', kind: 'lecture', page: 3 });
    expect(filters.hasFilters.value).toBe(true);
  });

  it('starts again from the first page when a filter changes, and keeps only what clear is told to keep', async () => {
    const { router, filters } = await at('/events?when=past&kind=lecture&page=2');
    filters.update({ audience: 'public' });
    await router.isReady();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(router.currentRoute.value.query).toEqual({ when: 'past', kind: 'lecture', audience: 'public' });
    filters.goTo(4);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(filters.page.value).toBe(4);
    filters.clear({ when: 'past' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(router.currentRoute.value.query).toEqual({ when: 'past' });
    expect(filters.hasFilters.value).toBe(false);
    expect(filters.page.value).toBe(1);
  });
});
