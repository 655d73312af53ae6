import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useListFilters } from './use-list-filters.ts';

const run = <T>(fn: () => T) => effectScope().run(fn)!;

describe('useListFilters', () => {
  it('filters once a filter is set or a search applied, and 重置 empties them all', async () => {
    const list = run(() => useListFilters(() => ({ category: '', year: '' as number | '', duplicatesOnly: false })));
    expect(list.isFiltered.value).toBe(false);
    list.searchInput.value = '  航天 ';
    expect(list.isFiltered.value).toBe(false);
    list.applySearch();
    expect(list.search.value).toBe('航天');
    expect(list.isFiltered.value).toBe(true);
    list.filters.value.duplicatesOnly = true;
    list.resetFilters();
    expect(list.filters.value).toEqual({ category: '', year: '', duplicatesOnly: false });
    expect([list.searchInput.value, list.search.value, list.isFiltered.value]).toEqual(['', '', false]);
  });

  it('goes back to page 1 when a filter, the search or another named source changes', async () => {
    const campaign = ref('c1');
    const list = run(() => useListFilters(() => ({ status: '' }), [campaign]));
    const backToFirst = async (change: () => void) => {
      list.page.value = 3;
      await nextTick();
      change();
      await nextTick();
      return list.page.value;
    };
    expect(await backToFirst(() => (list.filters.value.status = 'pending'))).toBe(1);
    expect(await backToFirst(() => ((list.searchInput.value = 'x'), list.applySearch()))).toBe(1);
    expect(await backToFirst(() => (campaign.value = 'c2'))).toBe(1);
    expect(await backToFirst(() => (list.searchInput.value = 'typed only'))).toBe(3);
  });
});
